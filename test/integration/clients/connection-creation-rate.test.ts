// The broker-wide max.connection.creation.rate and its listener form
// listener.name.<listener>.max.connection.creation.rate, as Kafka's ConnectionQuotas enforce
// them: set at run time (confluent-kafka-python's AlterConfigs), new connections over the rate
// are taken only once the broker's acceptor has waited, and then served, not closed; a client
// (kcat) still gets its metadata. Counted: connections answered and delayed, not how long
// anything took.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import net from 'node:net'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'
import { apiVersionsFrame } from '../../support/kafka-request'

const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

/** Opens `count` connections at once; how many were answered. */
async function connectMany(port: number, count: number): Promise<number> {
  const answered = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<boolean>((resolve) => {
          let got = false
          const socket = net.connect({ host: '127.0.0.1', port }, () =>
            socket.write(apiVersionsFrame('rate-test'))
          )
          socket.on('data', () => {
            got = true
            socket.destroy()
          })
          socket.on('error', () => socket.destroy())
          socket.on('close', () => resolve(got))
        })
    )
  )
  return answered.filter(Boolean).length
}

const run = promisify(execFile)

/** Sets broker configs with confluent-kafka-python's AlterConfigs (on broker `resource`). */
async function alterConfigs(
  c: TestCluster,
  resource: string,
  configs: Record<string, string>
): Promise<void> {
  const script = `
import json, sys
from confluent_kafka.admin import AdminClient, ConfigResource
admin = AdminClient({'bootstrap.servers': sys.argv[1]})
resource = ConfigResource('broker', sys.argv[2], set_config=json.loads(sys.argv[3]))
for f in admin.alter_configs([resource], request_timeout=15).values():
    f.result()
`
  await run('/usr/bin/python3', ['-c', script, c.bootstrap, resource, JSON.stringify(configs)], {
    timeout: 60_000
  })
}

const delayed = (c: TestCluster) =>
  c.logs.filter((l) => l.includes('over max.connection.creation.rate')).length

describe('max.connection.creation.rate', () => {
  it('holds back the acceptor of a broker over its rate, set at run time, and serves every connection', async () => {
    const c = await startTestCluster({ brokers: 2, quotaWindow: { samples: 2, sampleMs: 100 } })
    closing.push(() => c.close())
    const port = c.listeners[0].port
    expect(await connectMany(port, 5)).toBe(5)
    expect(delayed(c)).toBe(0)

    // One connection a second on broker 0: each one of five at once waits (the window is
    // 100 ms, so the rate measured is at least 10/s); every one is served all the same.
    await alterConfigs(c, '0', { 'max.connection.creation.rate': '1' })
    expect(
      c.engine.describeBrokerConfigs(0).find((e) => e.name === 'max.connection.creation.rate')
    ).toMatchObject({ value: '1', source: 'DYNAMIC_BROKER_CONFIG' })
    const before = delayed(c)
    expect(await connectMany(port, 5)).toBe(5)
    expect(delayed(c) - before).toBe(5)
    // Broker 1 has no limit.
    const other = delayed(c)
    expect(await connectMany(c.listeners[1].port, 5)).toBe(5)
    expect(delayed(c)).toBe(other)

    // A client still gets its metadata, only later.
    const kcat = await run('kcat', ['-b', `127.0.0.1:${port}`, '-L', '-m', '30'], {
      timeout: 60_000
    })
    expect(kcat.stdout).toContain('2 brokers')
  })

  it('limits one listener with listener.name.<listener>.max.connection.creation.rate', async () => {
    const c = await startTestCluster({ brokers: 1, quotaWindow: { samples: 2, sampleMs: 100 } })
    closing.push(() => c.close())
    const port = c.listeners[0].port
    // Another listener's limit does not apply to this PLAINTEXT one.
    await alterConfigs(c, '0', { 'listener.name.ssl.max.connection.creation.rate': '1' })
    expect(await connectMany(port, 4)).toBe(4)
    expect(delayed(c)).toBe(0)
    await alterConfigs(c, '0', { 'listener.name.plaintext.max.connection.creation.rate': '1' })
    const before = delayed(c)
    expect(await connectMany(port, 4)).toBe(4)
    expect(delayed(c) - before).toBe(4)
    // Removed (AlterConfigs sets the resource's whole set; the admin's own connection may still
    // wait), nothing waits any more.
    await alterConfigs(c, '0', {})
    const removed = delayed(c)
    expect(await connectMany(port, 4)).toBe(4)
    expect(delayed(c)).toBe(removed)
  })
  it('holds back a TLS listener by its own name, set at start, and kcat still connects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-rate-'))
    closing.push(async () => rmSync(dir, { recursive: true, force: true }))
    const certs = writeDevCertificates(dir)
    const c = await startTestCluster({
      brokers: 1,
      quotaWindow: { samples: 2, sampleMs: 100 },
      security: {
        protocol: 'SSL',
        tls: { cert: readFileSync(certs.cert), key: readFileSync(certs.key) }
      },
      brokerConfigs: { 'listener.name.ssl.max.connection.creation.rate': '1' }
    })
    closing.push(() => c.close())
    const ssl = ['-X', 'security.protocol=ssl', '-X', `ssl.ca.location=${certs.ca}`]
    for (let i = 0; i < 3; i++) {
      const r = await kcat(['-b', `127.0.0.1:${c.listeners[0].port}`, ...ssl, '-L', '-m', '30'])
      expect(r.stdout).toContain('1 brokers')
    }
    // Each kcat connects at least once, and waits each time.
    expect(delayed(c)).toBeGreaterThanOrEqual(3)
  })
})
