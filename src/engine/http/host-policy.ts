// Host/Origin pinning for the HTTP servers one install runs (the console's API and the schema
// registry): a request must name this server, so DNS rebinding and cross-site requests fail.
import type { IncomingMessage } from 'node:http'

/** The request does not name this server (each server answers it with its own 403). */
export class HostRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'HostRefused'
  }
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\])$/

export class HostPolicy {
  constructor(
    private readonly bindHost: string,
    private port: number,
    /** The scheme this server speaks, which an Origin naming it has. */
    private readonly scheme: 'http:' | 'https:' = 'http:'
  ) {}

  setPort(port: number): void {
    this.port = port
  }

  /** Whether a Host header value names this server. */
  isOwnHost(hostHeader: string | undefined): boolean {
    if (!hostHeader) return false
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.toLowerCase())
    if (!m) return false
    const [, name, port] = m
    // No port names the scheme's own: 80, or 443 over HTTPS.
    if (Number(port ?? (this.scheme === 'https:' ? 443 : 80)) !== this.port) return false
    if (LOOPBACK_NAMES.includes(name)) return true
    if (name === this.bindHost.toLowerCase()) return true
    // Bound to every interface: any IP literal is this machine; a DNS name could be rebound.
    const wildcard = this.bindHost === '0.0.0.0' || this.bindHost === '::'
    return wildcard && IP_LITERAL.test(name)
  }

  /** Throws HostRefused unless Host (and Origin, when sent) name this server. */
  checkOrigin(req: IncomingMessage): void {
    if (!this.isOwnHost(req.headers.host))
      throw new HostRefused(`Host '${req.headers.host ?? ''}' is not this server`)
    const origin = req.headers.origin
    if (origin === undefined) return
    let url: URL
    try {
      url = new URL(origin)
    } catch {
      throw new HostRefused(`Origin '${origin}' is not this server`)
    }
    if (url.protocol !== this.scheme || !this.isOwnHost(url.host))
      throw new HostRefused(`Origin '${origin}' is not this server`)
  }
}
