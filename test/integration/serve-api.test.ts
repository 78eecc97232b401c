// `logdeck serve --in-memory` as a child process, driven over HTTP as a script would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import net from 'node:net'
import { startServe, type ServeProcess } from '../support/serve-process'

let server: ServeProcess

beforeAll(async () => {
  server = await startServe(['--in-memory', '--port', '0', '--ui-port', '0', '--token', 'it-token'])
})
afterAll(async () => {
  await server?.stop()
})

async function post(method: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.apiBase}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer it-token', ...headers },
    body: JSON.stringify(body)
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('logdeck serve', () => {
  it('prints its listeners, the UI address with the token, and ready', () => {
    const out = server.output()
    expect(out).toMatch(/^Kafka listener: broker 0 at 127\.0\.0\.1:\d+$/m)
    expect(out).toMatch(/^Kafka listener: broker 2 at 127\.0\.0\.1:\d+$/m)
    expect(server.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=it-token$/)
    expect(server.bootstrap.split(',')).toHaveLength(3)
  })

  it('serves the console page and its favicon', async () => {
    const page = await fetch(`${server.apiBase}/`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<div id="app">')
    const icons = [...html.matchAll(/<link rel="icon" href="\.\/([^"]+)"/g)].map((m) => m[1])
    expect(icons).toEqual(['favicon.svg', 'favicon.ico'])
    for (const [path, type] of [
      ['/favicon.ico', 'image/x-icon'],
      ['/favicon.svg', 'image/svg+xml']
    ]) {
      const res = await fetch(`${server.apiBase}${path}`)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type')).toBe(type)
      const body = Buffer.from(await res.arrayBuffer())
      if (path.endsWith('.ico'))
        expect(body.readUInt16LE(2)).toBe(1) // ICO header: type icon
      else expect(body.toString('utf8')).toContain('<svg')
    }
  })

  it('accepts TCP connections on every Kafka listener', async () => {
    for (const addr of server.bootstrap.split(',')) {
      const [host, port] = addr.split(':')
      await new Promise<void>((resolve, reject) => {
        const s = net.connect(Number(port), host, () => {
          s.destroy()
          resolve()
        })
        s.on('error', reject)
      })
    }
  })

  it('creates, lists, describes and deletes topics', async () => {
    const created = await post('topics.create', {
      name: 'orders',
      partitions: 3,
      replicationFactor: 1
    })
    expect(created.status).toBe(200)
    expect(created.body.name).toBe('orders')
    const list = await post('topics.list', {})
    expect((list.body.topics as { name: string }[]).map((t) => t.name)).toContain('orders')
    const d = await post('topics.describe', { name: 'orders' })
    expect((d.body.partitions as unknown[]).length).toBe(3)
    const cluster = await post('cluster.describe', {})
    expect(cluster.body).toMatchObject({ kind: 'embedded', topicCount: 1, partitionCount: 3 })
    expect((await post('topics.delete', { name: 'orders' })).status).toBe(200)
    expect((await post('topics.describe', { name: 'orders' })).status).toBe(404)
  })

  it('answers 401 without the token or with a wrong one', async () => {
    const none = await fetch(`${server.apiBase}/api/topics.list`, { method: 'POST', body: '{}' })
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({
      error: { code: 'UNAUTHORIZED', message: expect.stringContaining('Missing access token') }
    })
    const wrong = await post('topics.list', {}, { authorization: 'Bearer nope' })
    expect(wrong.status).toBe(401)
    expect((wrong.body.error as { code: string }).code).toBe('UNAUTHORIZED')
  })

  it('answers 403 to a foreign Origin or Host', async () => {
    const origin = await post('topics.list', {}, { origin: 'https://evil.example' })
    expect(origin.status).toBe(403)
    // fetch() will not forge Host; a raw request does.
    const port = new URL(server.apiBase!).port
    const raw = await new Promise<string>((resolve, reject) => {
      const s = net.connect(Number(port), '127.0.0.1', () => {
        s.write(
          'POST /api/topics.list HTTP/1.1\r\nHost: rebound.example:' +
            port +
            '\r\nAuthorization: Bearer it-token\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}'
        )
      })
      let data = ''
      s.setEncoding('utf8').on('data', (d: string) => (data += d))
      s.on('end', () => resolve(data))
      s.on('error', reject)
    })
    expect(raw).toMatch(/^HTTP\/1\.1 403/)
    expect(raw).toContain('is not this server')
  })

  it('answers 400 naming the field for bad params, and 404 for unknown methods', async () => {
    const bad = await post('topics.create', { name: 'ok', partitions: -1, replicationFactor: 1 })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'partitions' })
    const conf = await post('topics.create', {
      name: 'ok',
      partitions: 1,
      replicationFactor: 1,
      configs: { 'cleanup.policy': 'shred' }
    })
    expect(conf.status).toBe(400)
    expect(conf.body.error).toMatchObject({ field: 'cleanup.policy' })
    const notJson = await fetch(`${server.apiBase}/api/topics.list`, {
      method: 'POST',
      headers: { authorization: 'Bearer it-token' },
      body: '{nope'
    })
    expect(notJson.status).toBe(400)
    expect((await post('topics.frobnicate', {})).status).toBe(404)
  })

  it('pushes events over the WebSocket only with the token', async () => {
    const wsBase = server.apiBase!.replace('http', 'ws')
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${wsBase}/api/events?token=wrong`)
      ws.onerror = () => resolve(-1)
      ws.onopen = () => resolve(1)
    })
    expect(refused).toBe(-1)
    const ws = new WebSocket(`${wsBase}/api/events?token=it-token`)
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve()
      ws.onerror = () => reject(new Error('websocket failed'))
    })
    const got = new Promise<unknown>(
      (resolve) => (ws.onmessage = (m) => resolve(JSON.parse(String(m.data))))
    )
    await post('topics.create', { name: 'evented', partitions: 1, replicationFactor: 1 })
    expect(await got).toEqual({
      event: 'topics.changed',
      payload: { reason: 'created', name: 'evented', connection: 'embedded' }
    })
    ws.close()
  })
})

describe('logdeck serve shutdown', () => {
  it('releases its ports on SIGTERM and on SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const s = await startServe(['--in-memory', '--port', '0', '--ui-port', '0'])
      const ports = s.bootstrap.split(',').map((a) => Number(a.split(':')[1]))
      expect(await s.stop(signal)).toBe(0)
      expect(s.output()).toContain('stopped')
      for (const port of ports) {
        await new Promise<void>((resolve, reject) => {
          const srv = net.createServer().listen(port, '127.0.0.1', () => srv.close(() => resolve()))
          srv.on('error', reject)
        })
      }
      // Without --token a random one is generated and printed.
      expect(s.token.length).toBeGreaterThan(16)
    }
  })
})
