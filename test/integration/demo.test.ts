// Demo data: topics with a hot key, a producer and a consumer group lagging on one partition,
// all over the Kafka protocol.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { waitForValue } from '../support/wait-for'
import { murmur2Partition } from '../../src/engine/producers/murmur2'

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startTestCluster()
})
afterAll(async () => {
  await cluster?.close()
})

describe('demo.load', () => {
  it('creates skewed topics and a group that lags on the hot partition', async () => {
    const svc = cluster.service
    const loaded = await svc.call('demo.load', {})
    expect(loaded.topics).toEqual(['demo.orders', 'demo.payments', 'demo.orders.dlq'])
    // A second call returns the running demo instead of starting another.
    expect(await svc.call('demo.load', {})).toEqual(loaded)
    const hot = murmur2Partition(Buffer.from('tenant-42'), 6)
    // The diagnosis weighs recent writes: the first rounds may land unevenly (a send to one
    // partition can wait on its leader), so it settles on the hot partition once the demo runs.
    const skew = await waitForValue('a diagnosis naming the hot partition', async () => {
      const s = await svc.call('partitions.skew', { topic: 'demo.orders' })
      return s.diagnosis[0]?.includes(`Partition ${hot} takes`) ? s : undefined
    })
    expect(skew.partitions[hot].topKeys[0].key).toBe('tenant-42')
    expect(skew.diagnosis[0]).toMatch(/key tenant-42 is \d+% of it/)
    const lagging = await waitForValue('lag on the hot partition', async () => {
      const g = await svc.call('groups.describe', { groupId: 'demo-fulfillment' })
      const lagOf = (p: number) => g.offsets.find((o) => o.partition === p)
      const hotOffset = lagOf(hot)
      const others = g.offsets.filter((o) => o.partition !== hot)
      if (g.state !== 'Stable' || others.length < 5) return undefined
      const hotLag = hotOffset
        ? hotOffset.lag
        : cluster.engine.partitionLog(cluster.engine.topic('demo.orders')!, hot).highWatermark
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

describe('demo clients through a broker failover', () => {
  const sumOf = async (topic: string) =>
    (await cluster.service.call('topics.describe', { name: topic })).partitions.reduce(
      (s, p) => s + p.highWatermark,
      0
    )
  const committed = async (groupId: string) =>
    (await cluster.service.call('groups.describe', { groupId })).offsets.reduce(
      (s, o) => s + (o.committedOffset ?? 0),
      0
    )
  /** Waits until `probe` has grown past `from`. */
  const grows = (what: string, probe: () => Promise<number>, from: number) =>
    waitForValue(what, async () => {
      const now = await probe()
      return now > from ? now : undefined
    })

  it('keeps producing and consuming while the broker of the single-replica topic is down', async () => {
    const svc = cluster.service
    await svc.call('demo.load', {})
    // The broker holding the dead-letter topic's only replica: stopping it leaves that topic
    // without a leader, which a kafkajs client whose metadata covers it cannot get past.
    const [dlq] = (await svc.call('topics.describe', { name: 'demo.orders.dlq' })).partitions
    const victim = dlq.replicas[0]
    await svc.call('brokers.stop', { brokerId: victim })
    try {
      expect(
        (await svc.call('topics.describe', { name: 'demo.orders.dlq' })).partitions[0].leader
      ).toBe(-1)
      // Records keep arriving on both demo topics, round after round, and the groups commit.
      let orders = await sumOf('demo.orders')
      let payments = await sumOf('demo.payments')
      for (let round = 0; round < 3; round++) {
        orders = await grows('orders during the outage', () => sumOf('demo.orders'), orders)
        payments = await grows('payments during the outage', () => sumOf('demo.payments'), payments)
      }
      const analytics = await committed('demo-analytics')
      await grows(
        'analytics commits during the outage',
        () => committed('demo-analytics'),
        analytics
      )
      // The demo worker reports its clients' progress now and then: wait for a report that
      // counts the records acknowledged during the outage.
      const status = await waitForValue('a demo status past the outage', async () => {
        const s = await svc.call('demo.status', {})
        return (s.producer?.records ?? 0) > 600 ? s : undefined
      })
      expect(status.loaded).toBe(true)
      expect(status.producer?.records).toBeGreaterThan(600)
    } finally {
      await svc.call('brokers.start', { brokerId: victim })
    }
    const orders = await sumOf('demo.orders')
    await grows('orders after the restart', () => sumOf('demo.orders'), orders)
  })

  it('pauses a demo group so that its offsets can be reset, and resumes it', async () => {
    const svc = cluster.service
    await svc.call('demo.load', {})
    const paused = await svc.call('demo.pauseGroup', { groupId: 'demo-analytics' })
    expect(paused.consumers.find((c) => c.groupId === 'demo-analytics')?.paused).toBe(true)
    await waitForValue('the group to be empty', async () => {
      const g = await svc.call('groups.describe', { groupId: 'demo-analytics' })
      return g.members.length === 0 ? g : undefined
    })
    const reset = await svc.call('groups.resetOffsets', {
      groupId: 'demo-analytics',
      topic: 'demo.payments',
      to: { earliest: true }
    })
    expect(reset.offsets.every((o) => o.newOffset === 0)).toBe(true)
    const resumed = await svc.call('demo.resumeGroup', { groupId: 'demo-analytics' })
    expect(resumed.consumers.find((c) => c.groupId === 'demo-analytics')?.paused).toBe(false)
    await waitForValue('the group to consume again', async () => {
      const g = await svc.call('groups.describe', { groupId: 'demo-analytics' })
      return g.state === 'Stable' && g.offsets.some((o) => (o.committedOffset ?? 0) > 0)
        ? g
        : undefined
    })
  })
})
