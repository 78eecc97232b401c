// One Kafka request over a fresh TCP connection with the project's codec: for tests that need a
// request no client library would send (thousands of topics, a partial frame, max_bytes 2^31-1).
import net from 'node:net'
import {
  ApiKey,
  FrameSplitter,
  decodeResponse,
  encodeRequest,
  type Encodable,
  type RequestBodies,
  type ResponseBodies,
  type ServedApiKey
} from '../../src/engine/kafka/protocol'

let correlationId = 0

/** An ApiVersions v0 request frame: what a test sends to see whether a connection is served. */
export function apiVersionsFrame(clientId = 'test'): Buffer {
  return encodeRequest(
    {
      requestApiKey: ApiKey.ApiVersions,
      requestApiVersion: 0,
      correlationId: ++correlationId,
      clientId
    },
    { clientSoftwareName: '', clientSoftwareVersion: '' }
  )
}

export function kafkaRequest<K extends ServedApiKey>(
  port: number,
  apiKey: K,
  version: number,
  body: Encodable<RequestBodies[K]>,
  host = '127.0.0.1'
): Promise<{ body: ResponseBodies[K]; frameBytes: number }> {
  const id = ++correlationId
  const frame = encodeRequest(
    { requestApiKey: apiKey, requestApiVersion: version, correlationId: id, clientId: 'test' },
    body
  )
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host, () => socket.write(frame))
    const splitter = new FrameSplitter({ maxFrameBytes: 1 << 30 })
    socket.on('data', (chunk: Buffer) => {
      const [response] = splitter.push(chunk)
      if (!response) return
      socket.destroy()
      try {
        const decoded = decodeResponse(apiKey, version, response)
        if (decoded.correlationId !== id) throw new Error('correlation id mismatch')
        resolve({ body: decoded.body, frameBytes: response.length })
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)))
      }
    })
    socket.on('error', reject)
    socket.on('close', () => reject(new Error('the broker closed the connection unanswered')))
  })
}

/**
 * A client's connection to one listener, kept open across requests as a client keeps it (share
 * sessions end with the connection that opened them): one request at a time, connecting again
 * after the broker closed it.
 */
export class KafkaConnection {
  private socket: net.Socket | null = null
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly port: number,
    private readonly host = '127.0.0.1'
  ) {}

  request<K extends ServedApiKey>(
    apiKey: K,
    version: number,
    body: Encodable<RequestBodies[K]>
  ): Promise<ResponseBodies[K]> {
    const run = this.queue.then(() => this.send(apiKey, version, body))
    this.queue = run.catch(() => undefined)
    return run
  }

  close(): void {
    this.socket?.destroy()
    this.socket = null
  }

  private connected(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket)
    return new Promise((resolve, reject) => {
      const socket = net.connect(this.port, this.host, () => {
        socket.off('error', reject)
        resolve(socket)
      })
      socket.once('error', reject)
      socket.once('close', () => {
        if (this.socket === socket) this.socket = null
      })
      this.socket = socket
    })
  }

  private async send<K extends ServedApiKey>(
    apiKey: K,
    version: number,
    body: Encodable<RequestBodies[K]>
  ): Promise<ResponseBodies[K]> {
    const socket = await this.connected()
    const id = ++correlationId
    const frame = encodeRequest(
      { requestApiKey: apiKey, requestApiVersion: version, correlationId: id, clientId: 'test' },
      body
    )
    return new Promise((resolve, reject) => {
      const splitter = new FrameSplitter({ maxFrameBytes: 1 << 30 })
      const done = () => {
        socket.off('data', onData)
        socket.off('close', onClose)
        socket.off('error', reject)
      }
      const onData = (chunk: Buffer) => {
        const [response] = splitter.push(chunk)
        if (!response) return
        done()
        try {
          const decoded = decodeResponse(apiKey, version, response)
          if (decoded.correlationId !== id) throw new Error('correlation id mismatch')
          resolve(decoded.body)
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)))
        }
      }
      const onClose = () => {
        done()
        reject(new Error('the broker closed the connection unanswered'))
      }
      socket.on('data', onData)
      socket.once('close', onClose)
      socket.once('error', reject)
      socket.write(frame)
    })
  }
}
