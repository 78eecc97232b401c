// connection_creation_rate quotas on IPs as Kafka's ConnectionQuotas enforce them: set through
// @platformatic/kafka's AlterClientQuotas on one IP and on the default IP (and refused combined
// with a client id, or as a user's quota), described back, and then new connections to a broker
// above the rate are held unread and closed, per IP: 127.0.0.1 under its own quota, 127.0.0.2
// under the default's. Counted: connections answered and closed, not how long anything took.
import { afterEach, describe, expect, it } from 'vitest'
import net from 'node:net'
import { Connection, alterClientQuotasV1, describeClientQuotasV1 } from '@platformatic/kafka'
import { startTestCluster } from '../../support/cluster'
import { apiVersionsFrame } from '../../support/kafka-request'

const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

/** The answer, also when it carries per-entry errors (which the client throws with it). */
async function answer<T>(request: Promise<T>): Promise<T> {
  return request.catch((err: { response?: T }) => {
    if (!err.response) throw err
    return err.response
  })
}

/** Opens `count` connections at once from `localAddress`; how many were answered. */
async function connectMany(port: number, localAddress: string, count: number): Promise<number> {
  const answered = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<boolean>((resolve) => {
          let got = false
          const socket = net.connect({ host: '127.0.0.1', port, localAddress }, () =>
            socket.write(apiVersionsFrame('ip-test'))
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

describe('connection_creation_rate quotas on IPs', () => {
  it('holds and closes connections from an IP above its rate, per IP', async () => {
    const c = await startTestCluster({ quotaWindow: { samples: 11, sampleMs: 100 } })
    closing.push(() => c.close())
    // The admin talks to broker 1; the connections counted are broker 0's.
    const admin = new Connection('quota-admin')
    await admin.connect(c.listeners[1].host, c.listeners[1].port)
    closing.push(() => admin.close())
    const altered = await answer(
      alterClientQuotasV1.api.async(
        admin,
        [
          {
            entities: [{ entityType: 'ip', entityName: '127.0.0.1' }],
            ops: [{ key: 'connection_creation_rate', value: 2, remove: false }]
          },
          {
            entities: [{ entityType: 'ip', entityName: null as unknown as string }],
            ops: [{ key: 'connection_creation_rate', value: 4, remove: false }]
          },
          {
            entities: [
              { entityType: 'ip', entityName: '127.0.0.3' },
              { entityType: 'client-id', entityName: 'app' }
            ],
            ops: [{ key: 'connection_creation_rate', value: 1, remove: false }]
          },
          {
            entities: [{ entityType: 'user', entityName: 'alice' }],
            ops: [{ key: 'connection_creation_rate', value: 1, remove: false }]
          },
          {
            entities: [{ entityType: 'ip', entityName: 'not-an-ip' }],
            ops: [{ key: 'connection_creation_rate', value: 1, remove: false }]
          }
        ],
        false
      )
    )
    expect(altered.entries.map((e) => e.errorCode)).toEqual([0, 0, 42, 42, 42])
    expect(altered.entries[2].errorMessage).toBe(
      'Invalid quota entity combination, IP entity should not be combined with User or ClientId'
    )
    const described = await describeClientQuotasV1.api.async(
      admin,
      [{ entityType: 'ip', matchType: 2 }],
      false
    )
    expect(
      (described.entries ?? [])
        .map((e) => [e.entity[0].entityName, e.values[0].key, e.values[0].value])
        .sort((a, b) => String(a[0] ?? '').localeCompare(String(b[0] ?? '')))
    ).toEqual([
      [null, 'connection_creation_rate', 4],
      ['127.0.0.1', 'connection_creation_rate', 2]
    ])

    // All at once, well within the 1 s the rate is measured over at first: 127.0.0.1 gets two
    // connections served, 127.0.0.2 (the default IP's quota) four; the rest are closed unread.
    const port = c.listeners[0].port
    expect(await connectMany(port, '127.0.0.1', 10)).toBe(2)
    expect(await connectMany(port, '127.0.0.2', 10)).toBe(4)

    const use = await c.service.call('quotas.list', {})
    const local = use.use.find((u) => u.entity.ip === '127.0.0.1')
    expect(local).toMatchObject({ key: 'connection_creation_rate', quota: 2, brokerId: 0 })
    expect(local!.throttleMsTotal).toBeGreaterThan(0)
    expect(local!.lastThrottleMs).toBeLessThanOrEqual(100)
    expect(use.use.find((u) => u.entity.ip === '127.0.0.2')).toMatchObject({ quota: 4 })
  })
})
