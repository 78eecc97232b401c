// An HTTP server closing as a front door, on loopback: the requests running when close begins
// get their answers (then the connection closes), a request completed after it is refused
// 'shutting-down', one still running after the grace is refused 'unfinished', and close
// resolves once every connection is closed, over HTTPS too.
import http from 'node:http'
import https from 'node:https'
import { connect } from 'node:net'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { drainOnClose } from '../../../src/engine/http/draining-server'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { halfRequest } from '../../support/half-request'

const servers: http.Server[] = []
afterEach(() => {
  for (const s of servers.splice(0)) s.closeAllConnections()
})

/** A server whose every request waits for the test to release it, then answers 200. */
async function heldServer(graceMs: number) {
  const held: (() => void)[] = []
  let taken!: () => void
  let tookOne = new Promise<void>((resolve) => (taken = resolve))
  const server = http.createServer((req, res) => {
    if (!drain.admit(res)) return
    void new Promise<void>((resolve) => held.push(resolve)).then(() => res.end(`done ${req.url}`))
    taken()
  })
  const drain = drainOnClose(
    server,
    (res, why) => {
      res.statusCode = 503
      res.end(why)
    },
    graceMs
  )
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const base = `http://127.0.0.1:${port}`
  return {
    drain,
    base,
    held,
    /** Resolves once a request has been taken in (the next call waits for the next one). */
    taken: async () => {
      await tookOne
      tookOne = new Promise<void>((resolve) => (taken = resolve))
    }
  }
}

function get(base: string, path: string) {
  return new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent: new http.Agent({ keepAlive: true }) }, (res) => {
        let body = ''
        res.setEncoding('utf8').on('data', (s: string) => (body += s))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body })
        )
      })
      .on('error', reject)
  })
}

describe('drainOnClose', () => {
  it('answers the running request, refuses a later one and closes', async () => {
    const s = await heldServer(60_000)
    const late = halfRequest(s.base, 'POST /late HTTP/1.1', '{}')
    await late.opened
    const running = get(s.base, '/running')
    await s.taken()
    const closed = s.drain.close()
    expect(s.drain.isClosing).toBe(true)
    late.finish()
    expect(await late.answer).toMatch(
      /^HTTP\/1\.1 503 .*\r\n[^]*connection: close\r\n[^]*shutting-down$/i
    )
    s.held[0]()
    expect(await running).toEqual({ status: 200, connection: 'close', body: 'done /running' })
    await closed
    await expect(get(s.base, '/after')).rejects.toThrow(/ECONNREFUSED/)
  })

  it('refuses a request still running after the grace', async () => {
    const s = await heldServer(1)
    const running = get(s.base, '/stuck')
    await s.taken()
    await s.drain.close()
    expect(await running).toEqual({ status: 503, connection: 'close', body: 'unfinished' })
  })

  it('closes a connection still in its TLS handshake after the grace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-drain-tls-'))
    try {
      const certs = writeDevCertificates(dir)
      const server = https.createServer(
        { cert: readFileSync(certs.cert), key: readFileSync(certs.key) },
        (_req, res) => res.end()
      )
      const drain = drainOnClose(server, (res) => res.end(), 1)
      servers.push(server)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const { port } = server.address() as { port: number }
      // A client that connects and says nothing: no TLS handshake, no request.
      const silent = connect(port, '127.0.0.1')
      const ended = new Promise<void>((resolve) => silent.once('close', () => resolve()))
      await new Promise<void>((resolve) => silent.once('connect', () => resolve()))
      await drain.close()
      await ended
      expect(silent.destroyed).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
