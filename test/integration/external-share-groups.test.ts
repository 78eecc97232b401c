// Share groups (KIP-932) in the console, on a real cluster through a connection (here a second
// embedded cluster reached only over the Kafka protocol: ShareGroupDescribe,
// DescribeShareGroupOffsets and AlterShareGroupOffsets) and on the embedded cluster itself: with
// librdkafka 2.15.1 share consumers reading what kcat produced, a share group's page shows its
// member, epochs and assignment, and each share partition's start offset; groups.resetOffsets
// moves the start offsets (dry run first) only while the group is empty, and after a reset to
// the earliest a new share consumer reads every record again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { kcat } from '../support/external-clients'
import { startShareConsumer, type ShareConsumerProcess } from '../support/share-consumer'
import { waitFor } from '../support/wait-for'
import { ApiError } from '../../src/shared/errors'
import type { GroupDescription, GroupsResults } from '../../src/shared/api/groups'

const N = 40

describe('share groups through the contract', () => {
  let kafka: TestCluster
  let console_: TestCluster
  let connection: string
  const consumers: ShareConsumerProcess[] = []

  beforeAll(async () => {
    kafka = await startTestCluster({ brokers: 3 })
    console_ = await startTestCluster({ brokers: 1 })
    const added = (await console_.service.callByName('connections.add', {
      name: 'Remote',
      bootstrapServers: kafka.bootstrap.split(',')
    })) as { id: string }
    connection = added.id
  })
  afterAll(async () => {
    for (const c of consumers) await c.stop()
    await console_?.close()
    await kafka?.close()
  })

  const backends = {
    external: <M extends keyof GroupsResults>(method: M, params: object) =>
      console_.service.callByName(method, { connection, ...params }) as Promise<GroupsResults[M]>,
    embedded: <M extends keyof GroupsResults>(method: M, params: object) =>
      kafka.service.callByName(method, params) as Promise<GroupsResults[M]>
  }

  function consumer(group: string, topic: string): ShareConsumerProcess {
    const c = startShareConsumer({
      bootstrap: kafka.bootstrap,
      group,
      topics: [topic],
      ack: 'explicit',
      commit: 'sync',
      config: { 'client.id': `${group}-reader` },
      groupConfigs: { 'share.auto.offset.reset': 'earliest' }
    })
    consumers.push(c)
    return c
  }

  async function produce(topic: string) {
    const lines = Array.from({ length: N }, (_, i) => `k${i}:v${i}`)
    const res = await kcat(
      [
        '-P',
        '-b',
        kafka.bootstrap,
        '-t',
        topic,
        '-K:',
        '-X',
        'linger.ms=50',
        '-X',
        'batch.num.messages=10'
      ],
      lines.join('\n') + '\n'
    )
    expect(res.code, res.stderr).toBe(0)
  }

  const starts = (d: GroupDescription) =>
    d.offsets.map((o) => [o.partition, o.committedOffset, o.lag, o.highWatermark])

  for (const [kind, call] of Object.entries(backends))
    it(`${kind}: describes a share group, refuses a reset while it has a member, resets it when empty`, async () => {
      const topic = `${kind}-jobs`
      const group = `${kind}-queue`
      await kafka.service.call('topics.create', {
        name: topic,
        partitions: 2,
        replicationFactor: 1
      })
      await produce(topic)
      const first = consumer(group, topic)
      let last: unknown = null
      await first.waitFor(
        `${N} records`,
        (p) => new Set(p.records().map((r) => r.offset + ':' + r.partition)).size >= N
      )
      await waitFor(
        'the share group described with its member and both start offsets past every record',
        async () => {
          const d = await call('groups.describe', { groupId: group }).catch((e: unknown) => {
            last = e
            return null
          })
          if (d) last = d
          return (
            !!d &&
            d.members.length === 1 &&
            d.offsets.length === 2 &&
            d.offsets.every((o) => o.committedOffset === o.highWatermark)
          )
        },
        60_000
      ).catch((e: Error) => {
        throw new Error(`${e.message}: ${JSON.stringify(last, null, 1)} ${String(last)}`)
      })
      const live = await call('groups.describe', { groupId: group })
      expect(live).toMatchObject({
        groupType: 'share',
        protocolType: 'share',
        state: 'Stable',
        protocol: 'simple',
        totalLag: 0
      })
      expect(live.groupEpoch).toBeGreaterThan(0)
      expect(live.assignmentEpoch).toBe(live.groupEpoch)
      const [m] = live.members
      expect(m).toMatchObject({
        clientId: `${group}-reader`,
        subscribedTopics: [topic],
        assignments: [{ topic, partitions: [0, 1] }]
      })
      expect(m.memberEpoch).toBe(live.groupEpoch)
      const hw = live.offsets.map((o) => o.highWatermark)
      expect(hw.reduce((a, b) => a + b, 0)).toBe(N)

      const listed = (await call('groups.list', {})).groups.find((g) => g.groupId === group)
      expect(listed).toMatchObject({ groupType: 'share', members: 1, topics: [topic], totalLag: 0 })

      // A preview is fine while the member is in; the reset itself is refused.
      const preview = await call('groups.resetOffsets', {
        groupId: group,
        topic,
        to: { earliest: true },
        dryRun: true
      })
      expect(preview.offsets.map((o) => [o.partition, o.previousOffset, o.newOffset])).toEqual([
        [0, hw[0], 0],
        [1, hw[1], 0]
      ])
      const refused = await call('groups.resetOffsets', {
        groupId: group,
        topic,
        to: { earliest: true }
      }).catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(ApiError)
      expect((refused as ApiError).code).toBe('CONFLICT')
      expect((refused as ApiError).message).toMatch(/1 member\(s\)/)
      expect(starts(await call('groups.describe', { groupId: group }))).toEqual([
        [0, hw[0], 0, hw[0]],
        [1, hw[1], 0, hw[1]]
      ])

      expect(await first.stop()).toBe(0)
      await waitFor(
        'the group empty',
        async () => (await call('groups.describe', { groupId: group })).members.length === 0,
        30_000
      )
      const plan = await call('groups.resetOffsets', {
        groupId: group,
        topic,
        to: { earliest: true }
      })
      expect(plan.dryRun).toBe(false)
      expect(plan.offsets.map((o) => [o.partition, o.newOffset, o.lag])).toEqual([
        [0, 0, hw[0]],
        [1, 0, hw[1]]
      ])
      const empty = await call('groups.describe', { groupId: group })
      expect(empty.state).toBe('Empty')
      expect(starts(empty)).toEqual([
        [0, 0, hw[0], hw[0]],
        [1, 0, hw[1], hw[1]]
      ])
      expect(empty.totalLag).toBe(N)

      const again = consumer(group, topic)
      await again.waitFor(
        `every record again`,
        (p) => new Set(p.records().map((r) => r.offset + ':' + r.partition)).size >= N
      )
      expect(new Set(again.records().map((r) => r.value))).toEqual(
        new Set(first.records().map((r) => r.value))
      )
      expect(again.records().every((r) => r.delivery_count === 1)).toBe(true)
      expect(await again.stop()).toBe(0)

      // To an offset of one partition: the other keeps its start offset.
      const one = await call('groups.resetOffsets', {
        groupId: group,
        topic,
        partitions: [1],
        to: { offset: 3 }
      })
      expect(one.offsets).toEqual([
        { topic, partition: 1, previousOffset: hw[1], newOffset: 3, lag: hw[1] - 3 }
      ])
      expect(starts(await call('groups.describe', { groupId: group }))).toEqual([
        [0, hw[0], 0, hw[0]],
        [1, 3, hw[1] - 3, hw[1]]
      ])
    })
})
