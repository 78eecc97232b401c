// Demo data: topics with a hot key, a producer and a consumer group lagging on one partition,
// all over the Kafka protocol.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { murmur2Partition } from '../../src/engine/producers/murmur2'

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startTestCluster()
})
afterAll(async () => {
  await cluster?.close()
})

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('demo.load', () => {
  it('creates skewed topics and a group that lags on the hot partition', async () => {
    const svc = cluster.service
    const loaded = await svc.call('demo.load', {})
    expect(loaded.topics).toEqual(['demo.orders', 'demo.payments', 'demo.orders.dlq'])
    // A second call returns the running demo instead of starting another.
    expect(await svc.call('demo.load', {})).toEqual(loaded)
    const hot = murmur2Partition(Buffer.from('tenant-42'), 6)
    const skew = await svc.call('partitions.skew', { topic: 'demo.orders' })
    expect(skew.partitions[hot].topKeys[0].key).toBe('tenant-42')
    expect(skew.diagnosis[0]).toContain(`Partition ${hot} takes`)
    const lagging = await until('lag on the hot partition', async () => {
      const g = await svc.call('groups.describe', { groupId: 'demo-fulfillment' })
      const lagOf = (p: number) => g.offsets.find((o) => o.partition === p)
      const hotOffset = lagOf(hot)
      const others = g.offsets.filter((o) => o.partition !== hot)
      if (g.state !== 'Stable' || others.length < 5) return undefined
      const hotLag = hotOffset
        ? hotOffset.lag
        : cluster.engine.logs.log(cluster.engine.topics.get('demo.orders')!.id, hot).highWatermark
      return hotLag > 100 && others.every((o) => o.lag < hotLag / 4) ? g : undefined
    })
    expect(lagging.members).toHaveLength(1)
    const groups = await svc.call('groups.list', {})
    expect(groups.groups.map((g) => g.groupId).sort()).toEqual([
      'demo-analytics',
      'demo-fulfillment'
    ])
  })
})
