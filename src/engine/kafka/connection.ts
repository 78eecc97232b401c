// One client connection to a simulated broker: frames in, requests handled one at a time in
// arrival order (as Kafka does per connection), responses out in the same order. A malformed
// or oversized frame closes this connection only, with a log line.
import type net from 'node:net'
import type { Engine } from '../engine'
import type { SimulatedBroker } from '../cluster/brokers'
import {
  ApiKey,
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
import { ErrorCode } from '../../shared/kafka/error-codes'
import type { ClientConnection, KafkaSettings, RequestContext } from './request-context'
import { RequestMemoryPool } from './request-memory'
import type { FetchSessionCaches } from './fetch-sessions'
import { nameTopicsById } from './topic-id-names'
import { applyFaults, errorBody } from './request-faults'
import { SaslSession, type SaslSettings } from './security/sasl-session'
import type { SslPrincipalMapper } from './security/ssl-principal'
import type { Authorizer } from '../security/authorizer'
import { handleAuthorized } from './authorization/gate'
import { authorizationRules } from './authorization/rules'
import { quotaThrottleMs } from './quota-throttle'
import type { RequestTiming } from '../metrics/broker-stats'

/** Frames queued beyond this pause reading from the socket until the backlog drains. */
const MAX_QUEUED = 64

export interface ConnectionOptions {
  engine: Engine
  broker: SimulatedBroker
  /** The listener's name (its security protocol); PLAINTEXT when absent. */
  listenerName?: string
  settings: KafkaSettings
  /** queued.max.request.bytes, shared by every connection; unbounded when absent. */
  memory?: RequestMemoryPool
  /** Set on SASL listeners: every client must log in before anything but ApiVersions. */
  sasl?: SaslSettings
  /** Set on TLS listeners that ask for client certificates: names the principal of each. */
  sslPrincipal?: SslPrincipalMapper
  /** Set when ACLs are enforced: each request is checked by its API's rule before its handler. */
  authorizer?: Authorizer
  /** Every broker's fetch sessions; absent, every fetch is served whole. */
  fetchSessions?: FetchSessionCaches
  log: (line: string) => void
}

/** Numbers connections, so that each has its own id. */
let connectionCount = 0

export function handleKafkaConnection(socket: net.Socket, opts: ConnectionOptions): void {
  const { broker, log } = opts
  const limits = opts.settings.limits
  const memory = opts.memory ?? new RequestMemoryPool(Number.MAX_SAFE_INTEGER)
  const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`
  const connection: ClientConnection = {
    id: `${broker.id}-${peer}-${++connectionCount}`,
    clientPort: socket.remotePort ?? null,
    softwareName: null,
    softwareVersion: null
  }
  // What the broker counts of this connection and its requests (its JMX meters in Kafka).
  const stats = opts.engine.brokerStats(broker.id)
  const disconnected = stats.connected(opts.listenerName ?? 'PLAINTEXT')
  const splitter = new FrameSplitter({ maxFrameBytes: limits.socketRequestMaxBytes })
  let chain: Promise<void> = Promise.resolve()
  let queued = 0
  let closed = false
  /** Bytes reserved in the pool for the frame being read. */
  let reserved = 0
  /** Leaves the pool's queue while this connection waits for room. */
  let leaveQueue: (() => void) | null = null
  let frameTimer: NodeJS.Timeout | null = null
  const sasl = opts.sasl ? new SaslSession(opts.sasl) : null
  /** Set by a handler whose answer ends the connection (a failed login): why. */
  let closeAfterResponse: string | null = null
  /** Throttle time a quota put on the answer just made: nothing is read for that long after it. */
  let muteMs = 0
  let muted = false

  const close = (why: string) => {
    if (closed) return
    closed = true
    log(`broker ${broker.id}: closing connection from ${peer}: ${why}`)
    socket.destroy()
  }

  const stopFrameTimer = () => {
    if (frameTimer) clearTimeout(frameTimer)
    frameTimer = null
  }
  // A frame must arrive whole within request.read.timeout.ms of its first byte.
  const startFrameTimer = () => {
    frameTimer ??= setTimeout(
      () =>
        close(
          `a request frame stayed incomplete for ${limits.requestReadTimeoutMs} ms (request.read.timeout.ms)`
        ),
      limits.requestReadTimeoutMs
    )
  }

  // Reading stops while the backlog is long or the pool has no room for the next frame.
  const updateFlow = () => {
    if (closed) return
    const hold = leaveQueue !== null || queued >= MAX_QUEUED || muted
    if (hold && !socket.isPaused()) socket.pause()
    else if (!hold && socket.isPaused()) socket.resume()
  }

  /** A parked request (a long poll) ends early when its client goes or the broker shuts down. */
  const ended = () => closed || socket.destroyed || opts.engine.isClosed

  const onClosed = () => {
    closed = true
    disconnected()
    stopFrameTimer()
    leaveQueue?.()
    leaveQueue = null
    memory.release(reserved)
    reserved = 0
    opts.engine.telemetryConnectionClosed(connection.id)
    opts.engine.shareConnectionClosed(connection.id)
  }

  socket.on('error', () => socket.destroy())
  socket.on('close', onClosed)
  // The certificate names the client on SSL; on SASL_SSL the login does, as in Kafka.
  let certificateUser: string | null = null
  if (!sasl && opts.sslPrincipal)
    try {
      certificateUser = opts.sslPrincipal.userOf(socket)
    } catch (err) {
      close(`SSL authentication failed: ${err instanceof Error ? err.message : String(err)}`)
      return
    }
  // connections.max.idle.ms: nothing read or written for that long, and nothing in flight.
  socket.setTimeout(limits.connectionsMaxIdleMs, () => {
    if (queued === 0 && splitter.buffered === 0)
      close(`idle for ${limits.connectionsMaxIdleMs} ms (connections.max.idle.ms)`)
  })
  socket.on('data', (chunk: Buffer) => {
    try {
      splitter.append(chunk)
    } catch (err) {
      close(err instanceof Error ? err.message : String(err))
      return
    }
    pump()
  })

  /** Takes every complete frame out of the splitter, reserving room for each first. */
  function pump(): void {
    if (closed || leaveQueue) return
    try {
      for (;;) {
        const size = splitter.nextSize()
        if (size < 0) {
          if (splitter.buffered > 0) startFrameTimer()
          return
        }
        if (reserved === 0) {
          const cost = size + 4
          if (!memory.tryReserve(cost)) {
            stopFrameTimer()
            leaveQueue = memory.waitFor(cost, () => {
              leaveQueue = null
              reserved = cost
              if (closed) {
                memory.release(cost)
                reserved = 0
                return
              }
              updateFlow()
              pump()
            })
            updateFlow()
            return
          }
          reserved = cost
        }
        const frame = splitter.next()
        if (frame === null) {
          startFrameTimer()
          return
        }
        stopFrameTimer()
        const bytes = reserved
        reserved = 0
        enqueue(frame, bytes)
      }
    } catch (err) {
      close(err instanceof Error ? err.message : String(err))
    }
  }

  function enqueue(frame: Buffer, bytes: number): void {
    queued++
    updateFlow()
    // Each part of the request's time, from read whole to its answer sent (RequestMetrics).
    const readAt = performance.now()
    const timed: RequestTiming = {
      apiKey: -1,
      readAt,
      startedAt: readAt,
      waitedMs: 0,
      answeredAt: readAt
    }
    chain = chain
      .then(() => {
        if (closed) return null
        // A broker shutting down takes no request in; the ones it took are answered.
        const handling = opts.engine.serveRequest(() => respond(frame, timed))
        if (!handling) close('the broker is shutting down')
        return handling
      })
      .then(async (chunks) => {
        timed.answeredAt = performance.now()
        const mute = muteMs
        muteMs = 0
        if (mute > 0 && !closed) {
          // Kafka mutes a throttled client's channel once the answer is out (KIP-219).
          muted = true
          updateFlow()
          writeAnswer(chunks, timed)
          await new Promise((resolve) => setTimeout(resolve, mute))
          muted = false
          return
        }
        if (closed) return
        writeAnswer(chunks, timed)
        if (closeAfterResponse !== null) {
          // The answer (if any) goes out first, then the connection ends, as Kafka does after a
          // failed login or a refused acks=0 produce.
          closed = true
          log(`broker ${broker.id}: closing connection from ${peer}: ${closeAfterResponse}`)
          socket.end()
          return
        }
        if (!chunks) return
        // A client that does not read its responses is not sent more: wait until they drain.
        if (socket.writableNeedDrain)
          await new Promise<void>((resolve) => {
            const done = () => {
              socket.off('drain', done)
              socket.off('close', done)
              resolve()
            }
            socket.on('drain', done)
            socket.on('close', done)
          })
      })
      .catch((err: unknown) => close(`request failed: ${String(err)}`))
      .finally(() => {
        queued--
        memory.release(bytes)
        updateFlow()
      })
  }

  /** Writes an answer (none for acks=0); once it is sent, the request's times are counted. */
  function writeAnswer(chunks: Buffer[] | null, timed: RequestTiming): void {
    const writingAt = performance.now()
    const sent = (err?: Error | null) => {
      if (!err && timed.apiKey >= 0) stats.timed(timed, writingAt, performance.now())
    }
    if (!chunks || chunks.length === 0) return sent()
    for (let i = 0; i < chunks.length - 1; i++) socket.write(chunks[i])
    socket.write(chunks[chunks.length - 1], sent)
  }

  function rawSaslToken(session: SaslSession, token: Buffer): Buffer[] | null {
    const outcome = session.authenticate(token)
    if (!outcome.ok) {
      close(session.failureLine(outcome.message))
      return null
    }
    return rawSaslTokenAnswer(outcome.response)
  }

  async function respond(frame: Buffer, timed: RequestTiming): Promise<Buffer[] | null> {
    if (sasl?.rawTokens) return rawSaslToken(sasl, frame)
    // The time spent on this request on the event loop, its waits (a long poll, acks=all, a
    // rebalance) left out: what request_percentage quotas count. While the handler waits, the
    // slices of work it does between its yields are counted as it reports them (countWork).
    let handlingMs = 0
    /** A throttle the handler owes a quota (controller mutations). */
    let handlerThrottleMs = 0
    let since = performance.now()
    timed.startedAt = since
    let inWait = false
    const waiting = async <T>(work: T | Promise<T>): Promise<T> => {
      handlingMs += performance.now() - since
      inWait = true
      try {
        return await work
      } finally {
        inWait = false
        since = performance.now()
      }
    }
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
    stats.requested(request.apiKey, request.apiVersion)
    timed.apiKey = request.apiKey
    nameTopicsById(request, opts.engine)
    // ApiVersions v3+ names the client's software, which CLIENT_METRICS selectors match on.
    if (request.apiKey === ApiKey.ApiVersions && request.apiVersion >= 3) {
      connection.softwareName = request.body.clientSoftwareName
      connection.softwareVersion = request.body.clientSoftwareVersion
    }
    const refusal = sasl?.refusal(request.apiKey)
    if (refusal) {
      // In the middle of a login Kafka answers the request with its error response
      // (ILLEGAL_SASL_STATE) and then closes; before a login starts it just closes.
      const answer = sasl?.authenticating ? errorBody(request, ErrorCode.ILLEGAL_SASL_STATE) : null
      if (!answer) {
        close(refusal)
        return null
      }
      closeAfterResponse = refusal
      return encodeResponseChunks(
        {
          requestApiKey: request.apiKey,
          requestApiVersion: request.apiVersion,
          correlationId: request.header.correlationId
        },
        answer as never
      )
    }
    const ctx: RequestContext = {
      engine: opts.engine,
      broker,
      listenerName: opts.listenerName,
      header: request.header,
      clientHost: socket.remoteAddress ?? '',
      connection,
      settings: opts.settings,
      log,
      closed: ended,
      sasl,
      user: sasl ? sasl.principal : certificateUser,
      authorizer: opts.authorizer,
      fetchSessions: opts.fetchSessions?.forBroker(broker.id),
      closeAfterResponse: (why) => (closeAfterResponse = why),
      throttle: (ms) => (handlerThrottleMs = Math.max(handlerThrottleMs, ms)),
      countWork: (ms) => {
        if (inWait) handlingMs += ms
      }
    }
    const handler = handlers[request.apiKey] as Handler<ServedApiKey> | undefined
    if (!handler) {
      close(`API key ${request.apiKey} is not handled`)
      return null
    }
    const faulted = applyFaults(opts.engine, broker.id, request, ended)
    const fault = faulted instanceof Promise ? await waiting(faulted) : faulted
    if (fault.kind === 'close') {
      close(fault.why)
      return null
    }
    // The part of the request no fault answers goes through its API's authorization rule.
    const authorized = (body: object) =>
      handleAuthorized(
        authorizationRules[request.apiKey] as never,
        handler,
        body as never,
        ctx,
        request.apiVersion
      )
    const body =
      fault.kind === 'answer'
        ? fault.body
        : fault.kind === 'partial'
          ? fault.merge(await waiting(authorized(fault.body)))
          : await waiting(authorized(request.body))
    const handled = performance.now()
    handlingMs += handled - since
    timed.waitedMs = handled - timed.startedAt - handlingMs
    if (fault.kind !== 'answer')
      muteMs = Math.max(
        handlerThrottleMs,
        quotaThrottleMs(opts.engine, request, body, ctx.user, Date.now(), handlingMs)
      )
    if (body === null) return null
    if (fault.kind === 'pass' && fault.throttleMs > 0 && 'throttleTimeMs' in body)
      body.throttleTimeMs = fault.throttleMs
    if (muteMs > 0 && 'throttleTimeMs' in body)
      body.throttleTimeMs = Math.max(Number(body.throttleTimeMs ?? 0), muteMs)
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

/** A SASL token after a v0 SaslHandshake: answered with a bare size-prefixed token. */
function rawSaslTokenAnswer(token: Buffer): Buffer[] {
  const size = Buffer.alloc(4)
  size.writeInt32BE(token.length)
  return [size, token]
}
