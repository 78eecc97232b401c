// Web-mode access checks: bearer token, and Host/Origin pinned to the server's own address
// (DNS rebinding and cross-site requests are refused).
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { ApiError } from '../shared/errors'
import { HostPolicy, HostRefused } from '../engine/http/host-policy'

export class AccessPolicy extends HostPolicy {
  private readonly tokenDigest: Buffer

  constructor(token: string, bindHost: string, port: number) {
    super(bindHost, port)
    this.tokenDigest = digest(token)
  }

  /** Throws 403 unless Host (and Origin, when sent) name this server. */
  override checkOrigin(req: IncomingMessage): void {
    try {
      super.checkOrigin(req)
    } catch (err) {
      if (err instanceof HostRefused) throw new ApiError('FORBIDDEN', err.message)
      throw err
    }
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
