// A metrics server that cannot listen says which one and why, as the brokers, the console and the
// schema registry do, where it passed on Node's "listen EADDRINUSE".
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveMetrics } from '../../../src/server/metrics/metrics-server'

describe('serveMetrics on a port already taken', () => {
  let taken: Server
  let port: number
  beforeAll(async () => {
    taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    port = (taken.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())))

  it('names the server and the port', async () => {
    await expect(
      serveMetrics({ what: "broker 7's metrics server", host: '127.0.0.1', port, scrape: () => [] })
    ).rejects.toThrow(
      `broker 7's metrics server cannot listen on 127.0.0.1:${port}: the port is already in use`
    )
  })

  it('serves on a free port, named by its URL', async () => {
    const running = await serveMetrics({
      what: 'the metrics',
      host: '127.0.0.1',
      port: 0,
      scrape: () => []
    })
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
    const res = await fetch(running.url)
    expect(res.status).toBe(200)
    await running.close()
  })
})
