// The schema registry's HTTP server: Confluent's REST API, media types and error bodies, bound
// and Host-checked like the console's API server, with optional HTTP basic auth, over HTTPS when
// given a certificate (client certificates required when given a CA), or over both on two ports.
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type https from 'node:https'
import { createHash, timingSafeEqual } from 'node:crypto'
import type { SchemaRegistry } from '../registry'
import { RegistryError } from '../registry-error'
import { HostPolicy, HostRefused } from '../../http/host-policy'
import { ROUTES } from './routes'
import {
  readSchemaRegistryTls,
  type SchemaRegistrySettings,
  type SchemaRegistryTls
} from './registry-settings'
import { listen } from '../../http/listen'
import { drainOnClose } from '../../http/draining-server'
import { CLOSE_GRACE_MS } from '../../shutdown/close-grace'

export interface RegistryServerOptions {
  registry: SchemaRegistry
  host: string
  port: number
  /** 'user:password' that clients must send with basic auth; null lets every client in. */
  basicAuth?: string | null
  /** PEM files to serve HTTPS with; HTTP when absent. */
  tls?: SchemaRegistryTls | null
  log?: (line: string) => void
}

export interface RunningRegistryServer {
  port: number
  url: string
  /** Every address it serves on, `url` first (HTTP, then HTTPS when it serves both). */
  urls: string[]
  close(): Promise<void>
}

const MEDIA_TYPE = 'application/vnd.schemaregistry.v1+json'
const MAX_BODY = 16 * 1024 * 1024

/** An HTTP-level failure outside the registry's own codes (error_code is the HTTP status). */
class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

export async function startRegistryServer(
  opts: RegistryServerOptions
): Promise<RunningRegistryServer> {
  // The registry checks Host and Origin as the API does; clients send no token.
  const policy = new HostPolicy(opts.host, opts.port, opts.tls ? 'https:' : 'http:')
  const authDigest = opts.basicAuth ? digest(opts.basicAuth) : null

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!drain.admit(res)) return
    handle(req, res).catch((err: unknown) => sendError(res, err, opts.log))
  }
  // node:https (and node:tls) load only for a registry that speaks HTTPS.
  const server = opts.tls
    ? process.getBuiltinModule('node:https').createServer(tlsOptions(opts.tls), onRequest)
    : http.createServer(onRequest)
  const drain = drainOnClose(server, (res, why) =>
    sendError(
      res,
      new HttpFailure(
        503,
        why === 'shutting-down'
          ? 'The schema registry is shutting down and takes no new requests'
          : `The schema registry shut down before this request finished (it waited ${CLOSE_GRACE_MS / 1000} s)`
      )
    )
  )

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      policy.checkOrigin(req)
    } catch (err) {
      if (err instanceof HostRefused) throw new HttpFailure(403, err.message)
      throw err
    }
    if (authDigest) checkBasicAuth(req, authDigest, res)
    const url = new URL(req.url ?? '/', 'http://x')
    const path = url.pathname.replace(/\/+$/, '') || '/'
    const method = req.method ?? 'GET'
    let matchedPath = false
    for (const route of ROUTES) {
      const m = route.pattern.exec(path)
      if (!m) continue
      matchedPath = true
      if (route.method !== method) continue
      const params = m.slice(1).map(decodeSegment)
      const body = method === 'POST' || method === 'PUT' ? await readJson(req) : undefined
      const answer = await route.handle(opts.registry, { params, query: url.searchParams, body })
      if (
        answer &&
        typeof answer === 'object' &&
        'text' in answer &&
        Object.keys(answer).length === 1
      )
        send(res, 200, String((answer as { text: string }).text))
      else send(res, 200, JSON.stringify(answer))
      return
    }
    if (matchedPath) throw new HttpFailure(405, 'HTTP 405 Method Not Allowed')
    throw new HttpFailure(404, 'HTTP 404 Not Found')
  }

  const { port, origin } = await listen(server, 'the schema registry', opts)
  policy.setPort(port)
  const url = opts.tls ? origin.replace(/^http:/, 'https:') : origin
  return { port, url, urls: [url], close: () => drain.close() }
}

/**
 * Serves the registry as the settings say (`logdeck serve`, startCluster and the desktop app all
 * start it here): null when they turn it off.
 */
export async function serveSchemaRegistry(
  registry: SchemaRegistry,
  settings: SchemaRegistrySettings,
  host: string,
  log?: (line: string) => void
): Promise<RunningRegistryServer | null> {
  if (settings.port === null) return null
  const common = { registry, host, basicAuth: settings.basicAuth, log }
  if (!settings.tls || settings.httpsPort === undefined)
    return startRegistryServer({ ...common, port: settings.port, tls: settings.tls })
  // HTTP and HTTPS, one server each, as Confluent's two listeners.
  const http = await startRegistryServer({ ...common, port: settings.port })
  let https: RunningRegistryServer
  try {
    https = await startRegistryServer({ ...common, port: settings.httpsPort, tls: settings.tls })
  } catch (err) {
    await http.close()
    throw err
  }
  return {
    port: http.port,
    url: http.url,
    urls: [http.url, https.url],
    close: async () => {
      await Promise.all([http.close(), https.close()])
    }
  }
}

/**
 * The lines that say where a running registry is (`logdeck serve`'s banner, the desktop app's
 * output): its HTTP address first, then the HTTPS one when it serves both.
 */
export function registryAddressLines(server: RunningRegistryServer): string[] {
  return [
    `Schema registry: ${server.url}`,
    ...server.urls.slice(1).map((url) => `Schema registry (HTTPS): ${url}`)
  ]
}

/** HTTPS options of the files read and checked (client certificates required with a CA). */
function tlsOptions(tls: SchemaRegistryTls): https.ServerOptions {
  const { cert, key, ca } = readSchemaRegistryTls(tls)
  return { cert, key, ...(ca ? { ca, requestCert: true, rejectUnauthorized: true } : {}) }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

function checkBasicAuth(req: IncomingMessage, expected: Buffer, res: ServerResponse): void {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  const given = m ? Buffer.from(m[1], 'base64').toString('utf8') : ''
  if (!m || !timingSafeEqual(digest(given), expected)) {
    res.setHeader('www-authenticate', 'Basic realm="logdeck schema registry"')
    throw new HttpFailure(401, 'Unauthorized')
  }
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    throw new HttpFailure(400, `Malformed path segment '${s}'`)
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new HttpFailure(413, `Request body is larger than ${MAX_BODY} bytes`))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('error', reject)
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      if (text.trim() === '') return resolve({})
      try {
        resolve(JSON.parse(text))
      } catch (err) {
        reject(new HttpFailure(400, `The request body is not JSON: ${(err as Error).message}`))
      }
    })
  })
}

function send(res: ServerResponse, status: number, body: string): void {
  // Already answered 503 when the server shut down before the request finished.
  if (res.writableEnded) return
  res.writeHead(status, {
    'content-type': MEDIA_TYPE,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store'
  })
  res.end(body)
}

function sendError(res: ServerResponse, err: unknown, log?: (line: string) => void): void {
  if (res.writableEnded) return
  if (res.headersSent) {
    res.destroy()
    return
  }
  let status = 500
  let code = 50001
  let message = 'Internal error'
  if (err instanceof RegistryError) {
    status = err.status
    code = err.code
    message = err.message
  } else if (err instanceof HttpFailure) {
    status = err.status
    code = err.status
    message = err.message
  } else {
    log?.(
      `Schema registry error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`
    )
  }
  send(res, status, JSON.stringify({ error_code: code, message }))
}
