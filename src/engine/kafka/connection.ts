// One client connection to a simulated broker: frames in, requests handled one at a time in
// arrival order (as Kafka does per connection), responses out in the same order. A malformed
// or oversized frame closes this connection only, with a log line.
import type net from 'node:net'
import type { Engine } from '../engine'
import type { SimulatedBroker } from '../cluster/brokers'
import {
  FrameSplitter,
  answerToRefusedRequest,
  ProtocolError,
  decodeRequest,
  encodeResponseChunks,
  type DecodedRequest,
  type ServedApiKey
} from './protocol'
import type { Handler } from './dispatch'
import { handlers } from './handlers'
import type { KafkaSettings, RequestContext } from './request-context'

/** Frames queued beyond this pause reading from the socket until the backlog drains. */
const MAX_QUEUED = 64

export interface ConnectionOptions {
  engine: Engine
  broker: SimulatedBroker
  settings: KafkaSettings
  maxFrameBytes?: number
  log: (line: string) => void
}

export function handleKafkaConnection(socket: net.Socket, opts: ConnectionOptions): void {
  const { broker, log } = opts
  const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`
  const splitter = new FrameSplitter({ maxFrameBytes: opts.maxFrameBytes })
  let chain: Promise<void> = Promise.resolve()
  let queued = 0
  let closed = false

  const close = (why: string) => {
    if (closed) return
    closed = true
    log(`broker ${broker.id}: closing connection from ${peer}: ${why}`)
    socket.destroy()
  }

  socket.on('error', () => socket.destroy())
  socket.on('close', () => (closed = true))
  socket.on('data', (chunk: Buffer) => {
    let frames: Buffer[]
    try {
      frames = splitter.push(chunk)
    } catch (err) {
      close(err instanceof Error ? err.message : String(err))
      return
    }
    for (const frame of frames) {
      queued++
      if (queued > MAX_QUEUED) socket.pause()
      chain = chain
        .then(() => (closed ? null : respond(frame)))
        .then((chunks) => {
          if (chunks && !closed) for (const c of chunks) socket.write(c)
        })
        .catch((err: unknown) => close(`request failed: ${String(err)}`))
        .finally(() => {
          queued--
          if (queued <= MAX_QUEUED / 2 && socket.isPaused() && !closed) socket.resume()
        })
    }
  })

  async function respond(frame: Buffer): Promise<Buffer[] | null> {
    let request: DecodedRequest
    try {
      request = decodeRequest(frame)
    } catch (err) {
      const answer = answerToRefusedRequest(err)
      if (answer) return [answer]
      const what = err instanceof ProtocolError ? `${err.code}: ${err.message}` : String(err)
      close(`malformed request (${what})`)
      return null
    }
    const ctx: RequestContext = {
      engine: opts.engine,
      broker,
      header: request.header,
      clientHost: socket.remoteAddress ?? '',
      settings: opts.settings,
      log,
      closed: () => closed
    }
    const handler = handlers[request.apiKey] as Handler<ServedApiKey> | undefined
    if (!handler) {
      close(`API key ${request.apiKey} is not handled`)
      return null
    }
    const body = await handler(request.body as never, ctx, request.apiVersion)
    if (body === null) return null
    return encodeResponseChunks(
      {
        requestApiKey: request.apiKey,
        requestApiVersion: request.apiVersion,
        correlationId: request.header.correlationId
      },
      body as never
    )
  }
}
