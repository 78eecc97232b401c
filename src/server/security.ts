// Web-mode access checks: bearer token, and Host/Origin pinned to the server's own address
// (DNS rebinding and cross-site requests are refused).
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { ApiError } from '../shared/errors'

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\])$/

export class AccessPolicy {
  private readonly tokenDigest: Buffer

  constructor(
    token: string,
    private readonly bindHost: string,
    private port: number
  ) {
    this.tokenDigest = digest(token)
  }

  setPort(port: number): void {
    this.port = port
  }

  /** Whether a Host header value names this server. */
  isOwnHost(hostHeader: string | undefined): boolean {
    if (!hostHeader) return false
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.toLowerCase())
    if (!m) return false
    const [, name, port] = m
    if (Number(port ?? 80) !== this.port) return false
    if (LOOPBACK_NAMES.includes(name)) return true
    if (name === this.bindHost.toLowerCase()) return true
    // Bound to every interface: any IP literal is this machine; a DNS name could be rebound.
    const wildcard = this.bindHost === '0.0.0.0' || this.bindHost === '::'
    return wildcard && IP_LITERAL.test(name)
  }

  /** Throws 403 unless Host (and Origin, when sent) name this server. */
  checkOrigin(req: IncomingMessage): void {
    if (!this.isOwnHost(req.headers.host))
      throw new ApiError('FORBIDDEN', `Host '${req.headers.host ?? ''}' is not this server`)
    const origin = req.headers.origin
    if (origin === undefined) return
    let url: URL
    try {
      url = new URL(origin)
    } catch {
      throw new ApiError('FORBIDDEN', `Origin '${origin}' is not this server`)
    }
    if (url.protocol !== 'http:' || !this.isOwnHost(url.host))
      throw new ApiError('FORBIDDEN', `Origin '${origin}' is not this server`)
  }

  /**
   * Compares digests of equal length, so that neither the time taken nor an early return tells
   * how long the token is.
   */
  tokenMatches(candidate: string | null | undefined): boolean {
    if (!candidate) return false
    return timingSafeEqual(digest(candidate), this.tokenDigest)
  }

  /** Throws 401 unless the request carries `Authorization: Bearer <token>`. */
  checkToken(req: IncomingMessage): void {
    const header = req.headers.authorization
    if (!header)
      throw new ApiError('UNAUTHORIZED', 'Missing access token: send Authorization: Bearer <token>')
    const m = /^Bearer\s+(.+)$/i.exec(header)
    if (!m || !this.tokenMatches(m[1].trim()))
      throw new ApiError('UNAUTHORIZED', 'Wrong access token: use the token logdeck serve printed')
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}
