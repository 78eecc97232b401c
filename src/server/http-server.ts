// Web mode: the contract as `POST /api/<method>` with a bearer token, push events over a
// WebSocket at /api/events, and the renderer's static files.
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { ApiError } from '../shared/errors'
import type { Service } from '../engine/service/service'
import { AccessPolicy } from './security'
import { serveStatic } from './static-files'
import { decodePath } from './url-path'
import { listen } from '../engine/http/listen'
import { drainOnClose, type Refusal } from '../engine/http/draining-server'
import { CLOSE_GRACE_MS, settled } from '../engine/shutdown/close-grace'

export interface HttpServerOptions {
  service: Service
  host: string
  port: number
  token: string
  /** Directory of the built renderer; undefined serves the API only. */
  staticDir?: string
  log?: (line: string) => void
}

export interface RunningHttpServer {
  port: number
  url: string
  close(): Promise<void>
}

/** The largest request body the API reads (16 MiB); a larger one is answered 413. */
const MAX_BODY = 16 * 1024 * 1024
/** How much of a refused body is still read, and for how long, before the connection closes. */
const DISCARD_BYTES = 64 * 1024 * 1024
const DISCARD_MS = 30_000

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const policy = new AccessPolicy(opts.token, opts.host, opts.port)
  const sockets = new Set<WebSocket>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })

  const server = http.createServer((req, res) => {
    if (!drain.admit(res)) return
    handle(req, res).catch((err: unknown) => sendError(res, toApiError(err)))
  })
  const drain = drainOnClose(server, (res, why) => sendError(res, shutdownRefusal(why)))

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    policy.checkOrigin(req)
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST')
        throw new ApiError('BAD_REQUEST', `Use POST for ${path}; the API takes a JSON body`)
      policy.checkToken(req)
      const method = decodePath(path.slice('/api/'.length))
      const params = await readJson(req)
      const result = await opts.service.callByName(method, params)
      sendJson(res, 200, result)
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new ApiError('BAD_REQUEST', `${req.method} is not supported here`)
    if (!opts.staticDir) throw new ApiError('NOT_FOUND', 'The UI is not served (--no-ui)')
    serveStatic(opts.staticDir, req, res)
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      if (drain.isClosing) throw shutdownRefusal('shutting-down')
      policy.checkOrigin(req)
      const url = new URL(req.url ?? '/', 'http://x')
      if (url.pathname !== '/api/events') throw new ApiError('NOT_FOUND', 'No such endpoint')
      if (!policy.tokenMatches(url.searchParams.get('token')))
        throw new ApiError('UNAUTHORIZED', 'Missing or wrong access token')
    } catch (err) {
      const e = toApiError(err)
      socket.end(`HTTP/1.1 ${e.status} ${http.STATUS_CODES[e.status]}\r\nconnection: close\r\n\r\n`)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('error', () => sockets.delete(ws))
    })
  })

  const unsubscribe = opts.service.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload })
    for (const ws of sockets) ws.send(message)
  })

  const { port, origin } = await listen(server, 'the UI', opts)
  policy.setPort(port)
  return {
    port,
    url: `${origin}/`,
    close: async () => {
      unsubscribe()
      await drain.close(closeWebSockets(sockets))
      wss.close()
    }
  }
}

/** WebSocket close code 1001, Going Away: the server is going down. */
const GOING_AWAY = 1001

/** Closes the event sockets with Going Away; one not closed after CLOSE_GRACE_MS is cut. */
async function closeWebSockets(sockets: ReadonlySet<WebSocket>): Promise<void> {
  const all = [...sockets]
  const closed = all.map((ws) => new Promise((resolve) => ws.once('close', resolve)))
  for (const ws of all) ws.close(GOING_AWAY, 'Logdeck is shutting down')
  if (!(await settled(closed, CLOSE_GRACE_MS))) for (const ws of all) ws.terminate()
}

function shutdownRefusal(why: Refusal): ApiError {
  return new ApiError(
    'UNAVAILABLE',
    why === 'shutting-down'
      ? 'Logdeck is shutting down and takes no new calls'
      : `Logdeck shut down before this call finished (it waited ${CLOSE_GRACE_MS / 1000} s)`
  )
}

function tooLarge(): ApiError {
  return new ApiError(
    'PAYLOAD_TOO_LARGE',
    `Request body is larger than the limit of ${MAX_BODY / (1024 * 1024)} MiB (${MAX_BODY} bytes)`
  )
}

/**
 * Reads and drops the rest of a refused body while the answer goes out. Closing at once would
 * reset the connection under a client still sending, and the client can lose the answer with
 * it; as in a web server's lingering close, the connection closes only when the rest goes on
 * for more than DISCARD_BYTES or DISCARD_MS.
 */
function discardRest(req: IncomingMessage): void {
  let discarded = 0
  const timer = setTimeout(() => req.socket.destroy(), DISCARD_MS)
  timer.unref()
  const done = () => clearTimeout(timer)
  req.on('data', (c: Buffer) => {
    discarded += c.length
    if (discarded > DISCARD_BYTES) req.socket.destroy()
  })
  req.once('end', done)
  req.socket.once('close', done)
  req.resume()
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // Refused before reading when the declared length is already over the limit.
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
      discardRest(req)
      return reject(tooLarge())
    }
    const chunks: Buffer[] = []
    let size = 0
    const onData = (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        chunks.length = 0
        req.off('data', onData)
        discardRest(req)
        reject(tooLarge())
        return
      }
      chunks.push(c)
    }
    req.on('data', onData)
    req.on('error', reject)
    req.on('end', () => {
      if (size > MAX_BODY) return
      const text = Buffer.concat(chunks).toString('utf8').trim()
      if (text === '') return resolve({})
      try {
        resolve(JSON.parse(text))
      } catch {
        reject(new ApiError('BAD_REQUEST', 'Request body is not valid JSON'))
      }
    })
  })
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  return new ApiError('INTERNAL', err instanceof Error ? err.message : String(err))
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // Already answered 503 when the server shut down before the call finished.
  if (res.writableEnded) return
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff'
  })
  res.end(text)
}

function sendError(res: ServerResponse, err: ApiError): void {
  if (res.writableEnded) return
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (err.status === 401) res.setHeader('www-authenticate', 'Bearer')
  sendJson(res, err.status, { error: err.toJSON() })
}
