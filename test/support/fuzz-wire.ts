// Sockets for the protocol fuzz test: one-shot connections that pipeline a batch of frames, and a
// well-behaved client (the project's codec over one connection) that must keep working.
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

export interface PipelineOptions {
  /** Responses the broker owes for the frames before the last one. */
  expected: number
  /**
   * The last frame may keep the broker waiting (a size prefix promising more bytes, a long
   * poll): once the expected responses are in, close the connection ourselves.
   */
  lastMayWait: boolean
  /** Longest time a connection may take; past it, it is counted as stuck and closed. */
  timeoutMs: number
}

export interface ConnectionOutcome {
  /** Response frames received. */
  responses: number
  /** The broker closed the connection. */
  closedByBroker: boolean
  /** The broker neither answered everything nor closed within timeoutMs. */
  stuck: boolean
  error: string | null
}

/**
 * Opens a connection, writes every frame at once (pipelined), then waits until the broker has
 * closed it, or, when the last frame may keep the broker waiting, until the answers to the frames
 * before it are in; then destroys it. The last frame is otherwise one the broker refuses, so that
 * it closes the connection once it has answered everything before it.
 */
export function pipeline(
  port: number,
  frames: Buffer[],
  opts: PipelineOptions
): Promise<ConnectionOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    const splitter = new FrameSplitter()
    let responses = 0
    let error: string | null = null
    let settled = false
    const timer = setTimeout(() => finish(false, true), opts.timeoutMs)
    const finish = (closedByBroker: boolean, stuck: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve({ responses, closedByBroker, stuck, error })
    }
    socket.setNoDelay(true)
    socket.on('connect', () => socket.write(Buffer.concat(frames)))
    socket.on('data', (d: Buffer) => {
      try {
        responses += splitter.push(d).length
      } catch (err) {
        error = `unreadable response stream: ${String(err)}`
        finish(false, false)
        return
      }
      if (opts.lastMayWait && responses >= opts.expected) setTimeout(() => finish(false, false), 20)
    })
    socket.on('error', (err: NodeJS.ErrnoException) => (error = err.code ?? err.message))
    socket.on('close', () => finish(true, false))
    if (opts.lastMayWait && opts.expected === 0)
      socket.once('connect', () => setTimeout(() => finish(false, false), 20))
  })
}

interface Pending {
  apiKey: ServedApiKey
  version: number
  resolve: (body: unknown) => void
  reject: (err: Error) => void
}

/** A minimal, correct Kafka client over one connection, built on the project's codec. */
export class WireClient {
  private readonly splitter = new FrameSplitter()
  private readonly pending = new Map<number, Pending>()
  private correlationId = 0
  private closed: Error | null = null

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const frame of this.splitter.push(chunk)) {
          const id = frame.readInt32BE(0)
          const p = this.pending.get(id)
          if (!p) throw new Error(`response to unknown correlation id ${id}`)
          this.pending.delete(id)
          p.resolve(decodeResponse(p.apiKey, p.version, frame).body)
        }
      } catch (err) {
        this.fail(err instanceof Error ? err : new Error(String(err)))
      }
    })
    socket.on('error', (err) => this.fail(err))
    socket.on('close', () => this.fail(new Error('the broker closed the connection')))
  }

  static connect(port: number): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => resolve(new WireClient(socket)))
      socket.once('error', reject)
    })
  }

  private fail(err: Error): void {
    if (this.closed) return
    this.closed = err
    for (const p of this.pending.values()) p.reject(err)
    this.pending.clear()
    this.socket.destroy()
  }

  send<K extends ServedApiKey>(
    apiKey: K,
    version: number,
    body: Encodable<RequestBodies[K]>,
    timeoutMs = 30_000
  ): Promise<ResponseBodies[K]> {
    if (this.closed) return Promise.reject(this.closed)
    const correlationId = ++this.correlationId
    const frame = encodeRequest(
      { requestApiKey: apiKey, requestApiVersion: version, correlationId, clientId: 'steady' },
      body
    )
    return new Promise<ResponseBodies[K]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId)
        reject(new Error(`no answer to API ${apiKey} v${version} in ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(correlationId, {
        apiKey,
        version,
        resolve: (b) => {
          clearTimeout(timer)
          resolve(b as ResponseBodies[K])
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        }
      })
      this.socket.write(frame)
    })
  }

  close(): void {
    this.socket.destroy()
  }
}
