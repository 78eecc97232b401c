// Web-mode access policy: Host/Origin pinning and token checks.
import { describe, expect, it } from 'vitest'
import type { IncomingMessage } from 'node:http'
import { AccessPolicy } from '../../../src/server/security'
import { HostPolicy } from '../../../src/engine/http/host-policy'
import { ApiError } from '../../../src/shared/errors'

function req(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage
}

function status(fn: () => void): number | 'ok' {
  try {
    fn()
    return 'ok'
  } catch (err) {
    if (err instanceof ApiError) return err.status
    throw err
  }
}

describe('AccessPolicy', () => {
  const loopback = new AccessPolicy('secret', '127.0.0.1', 9080)

  it('accepts its own loopback names on its own port only', () => {
    expect(loopback.isOwnHost('127.0.0.1:9080')).toBe(true)
    expect(loopback.isOwnHost('localhost:9080')).toBe(true)
    expect(loopback.isOwnHost('[::1]:9080')).toBe(true)
    expect(loopback.isOwnHost('127.0.0.1:9081')).toBe(false)
    expect(loopback.isOwnHost('evil.example:9080')).toBe(false)
    expect(loopback.isOwnHost('192.168.1.5:9080')).toBe(false)
    expect(loopback.isOwnHost(undefined)).toBe(false)
  })

  it('refuses a foreign Origin even with the right Host', () => {
    expect(status(() => loopback.checkOrigin(req({ host: '127.0.0.1:9080' })))).toBe('ok')
    expect(
      status(() =>
        loopback.checkOrigin(req({ host: '127.0.0.1:9080', origin: 'http://127.0.0.1:9080' }))
      )
    ).toBe('ok')
    expect(
      status(() =>
        loopback.checkOrigin(req({ host: '127.0.0.1:9080', origin: 'https://evil.example' }))
      )
    ).toBe(403)
    expect(
      status(() => loopback.checkOrigin(req({ host: '127.0.0.1:9080', origin: 'null' })))
    ).toBe(403)
    expect(status(() => loopback.checkOrigin(req({ host: 'rebound.example:9080' })))).toBe(403)
  })

  it('on a wildcard bind accepts IP literals but not DNS names', () => {
    const any = new AccessPolicy('secret', '0.0.0.0', 9080)
    expect(any.isOwnHost('10.0.0.7:9080')).toBe(true)
    expect(any.isOwnHost('attacker.example:9080')).toBe(false)
  })

  it('needs the exact bearer token', () => {
    expect(status(() => loopback.checkToken(req({ authorization: 'Bearer secret' })))).toBe('ok')
    expect(status(() => loopback.checkToken(req({})))).toBe(401)
    expect(status(() => loopback.checkToken(req({ authorization: 'Bearer secreT' })))).toBe(401)
    expect(status(() => loopback.checkToken(req({ authorization: 'Basic secret' })))).toBe(401)
    expect(loopback.tokenMatches('secret')).toBe(true)
    expect(loopback.tokenMatches('')).toBe(false)
  })
})

describe('HostPolicy', () => {
  it("takes a Host or Origin without a port as its scheme's own port", () => {
    const http = new HostPolicy('127.0.0.1', 80)
    expect(http.isOwnHost('localhost')).toBe(true)
    const https = new HostPolicy('127.0.0.1', 443, 'https:')
    expect(https.isOwnHost('localhost')).toBe(true)
    expect(https.isOwnHost('localhost:443')).toBe(true)
    expect(() =>
      https.checkOrigin(req({ host: 'localhost', origin: 'https://localhost' }))
    ).not.toThrow()
    expect(new HostPolicy('127.0.0.1', 80, 'https:').isOwnHost('localhost')).toBe(false)
  })
})
