// One TCP connection kept open across Kafka requests, with the project's codec: for tests of
// per-connection state (SASL logins, re-authentication) that a client library hides.
import net from 'node:net'
import {
  FrameSplitter,
  decodeResponse,
  encodeRequest,
  type Encodable,
  type RequestBodies,
  type ResponseBodies,
  type ServedApiKey
} from '../../src/engine/kafka/protocol'

export class KafkaConnection {
  private readonly splitter = new FrameSplitter({ maxFrameBytes: 1 << 30 })
  private waiting: ((frame: Buffer | null) => void) | null = null
  private readonly frames: Buffer[] = []
  private correlationId = 0
  closed = false

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const f of this.splitter.push(chunk)) this.deliver(f)
    })
    socket.on('close', () => {
      this.closed = true
      this.waiting?.(null)
      this.waiting = null
    })
    socket.on('error', () => {})
  }

  static open(port: number, host = '127.0.0.1'): Promise<KafkaConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, host, () => resolve(new KafkaConnection(socket)))
      socket.once('error', reject)
    })
  }

  private deliver(frame: Buffer): void {
    if (this.waiting) {
      const w = this.waiting
      this.waiting = null
      w(frame)
    } else this.frames.push(frame)
  }

  private next(): Promise<Buffer | null> {
    const f = this.frames.shift()
    if (f) return Promise.resolve(f)
    if (this.closed) return Promise.resolve(null)
    return new Promise((resolve) => (this.waiting = resolve))
  }

  /** Sends a request that gets no response (an acks=0 produce); returns its correlation id. */
  send<K extends ServedApiKey>(apiKey: K, version: number, body: Encodable<RequestBodies[K]>) {
    const id = ++this.correlationId
    this.socket.write(
      encodeRequest(
        { requestApiKey: apiKey, requestApiVersion: version, correlationId: id, clientId: 'test' },
        body
      )
    )
    return id
  }

  /** Resolves once the broker has closed the connection. */
  whenClosed(): Promise<void> {
    return this.closed
      ? Promise.resolve()
      : new Promise((resolve) => this.socket.once('close', () => resolve()))
  }

  /** Sends a request; resolves with its response, or null when the broker closed instead. */
  async request<K extends ServedApiKey>(
    apiKey: K,
    version: number,
    body: Encodable<RequestBodies[K]>
  ): Promise<ResponseBodies[K] | null> {
    const id = this.send(apiKey, version, body)
    const frame = await this.next()
    if (!frame) return null
    const decoded = decodeResponse(apiKey, version, frame)
    if (decoded.correlationId !== id) throw new Error('correlation id mismatch')
    return decoded.body
  }

  /** Sends a bare size-prefixed SASL token (after a version 0 SaslHandshake). */
  async rawToken(token: Buffer): Promise<Buffer | null> {
    const size = Buffer.alloc(4)
    size.writeInt32BE(token.length)
    this.socket.write(Buffer.concat([size, token]))
    return this.next()
  }

  close(): void {
    this.socket.destroy()
  }
}
