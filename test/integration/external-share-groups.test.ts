// Share groups (KIP-932) in the console, on a real cluster through a connection (here a second
// embedded cluster reached only over the Kafka protocol: ShareGroupDescribe,
// DescribeShareGroupOffsets and AlterShareGroupOffsets) and on the embedded cluster itself: with
// librdkafka 2.15.1 share consumers reading what kcat produced, a share group's page shows its
// member, epochs and assignment, and each share partition's start offset; groups.resetOffsets
// moves the start offsets (dry run first) only while the group is empty, and after a reset to
// the earliest a new share consumer reads every record again; groups.deleteShareOffsets then
// forgets the group's state of the topic. Under ACLs, a principal that may
// DESCRIBE the group but not its members' topic is refused naming TOPIC_AUTHORIZATION_FAILED, and
// a cluster whose ApiVersions lacks the share group APIs (as Kafka 4.0's) is refused naming them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { kcat } from '../support/external-clients'
import { startShareConsumer, type ShareConsumerProcess } from '../support/share-consumer'
import { waitFor } from '../support/wait-for'
import {
  startApiVersionsForwarder,
  type ApiVersionsForwarder
} from '../support/api-versions-forwarder'
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
      const notDeleted = await call('groups.deleteShareOffsets', { groupId: group, topic }).catch(
        (e: unknown) => e
      )
      expect((notDeleted as ApiError).code).toBe('CONFLICT')
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

      // Deleting the topic's start offsets forgets the group's state of its partitions.
      expect(await call('groups.deleteShareOffsets', { groupId: group, topic })).toEqual({
        groupId: group,
        topic,
        deleted: true
      })
      expect((await call('groups.describe', { groupId: group })).offsets).toEqual([])
    })
})

describe('share groups of a real cluster under ACLs', () => {
  const ADMIN = { name: 'admin', password: 'admin-secret' }
  const BOB = { name: 'bob', password: 'bob-secret' }
  const sasl = (user: { name: string; password: string }) => ({
    protocol: 'SASL_PLAINTEXT',
    sasl: { mechanism: 'SCRAM-SHA-256', username: user.name, password: user.password }
  })
  let kafka: TestCluster
  let console_: TestCluster
  let reader: ShareConsumerProcess | null = null

  beforeAll(async () => {
    kafka = await startTestCluster({
      brokers: 1,
      security: { protocol: 'SASL_PLAINTEXT', users: [ADMIN, BOB] },
      authorizer: { superUsers: ['admin'] }
    })
    console_ = await startTestCluster({ brokers: 1 })
  })
  afterAll(async () => {
    await reader?.stop()
    await console_?.close()
    await kafka?.close()
  })

  it('names the topic a principal may not DESCRIBE when it describes the group', async () => {
    await kafka.service.call('topics.create', {
      name: 'secret-jobs',
      partitions: 1,
      replicationFactor: 1
    })
    const add = async (name: string, user: typeof ADMIN) =>
      (
        (await console_.service.callByName('connections.add', {
          name,
          bootstrapServers: kafka.bootstrap.split(','),
          security: sasl(user)
        })) as { id: string }
      ).id
    const asAdmin = await add('As admin', ADMIN)
    const asBob = await add('As bob', BOB)
    await console_.service.callByName('acls.create', {
      connection: asAdmin,
      acls: [
        {
          resourceType: 'GROUP',
          resourceName: 'secret-queue',
          principal: 'User:bob',
          operation: 'DESCRIBE',
          permission: 'ALLOW'
        }
      ]
    })
    // This librdkafka build has SASL PLAIN only; the cluster's users work with every mechanism.
    reader = startShareConsumer({
      bootstrap: kafka.bootstrap,
      group: 'secret-queue',
      topics: ['secret-jobs'],
      config: {
        'security.protocol': 'sasl_plaintext',
        'sasl.mechanisms': 'PLAIN',
        'sasl.username': ADMIN.name,
        'sasl.password': ADMIN.password
      }
    })
    let seen: unknown = null
    const describe = (connection: string) =>
      console_.service.callByName('groups.describe', {
        connection,
        groupId: 'secret-queue'
      }) as Promise<GroupDescription>
    await waitFor(
      'the member assigned its partition',
      async () => {
        const d = await describe(asAdmin).catch((e: unknown) => {
          seen = e
          return null
        })
        if (d) seen = JSON.stringify(d.members)
        return d?.members[0]?.assignments.length === 1
      },
      60_000
    ).catch((e: Error) => {
      const said = reader?.lines().slice(-5) ?? []
      throw new Error(`${e.message}: ${String(seen)}; the share consumer: ${JSON.stringify(said)}`)
    })
    const refused = await describe(asBob).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).code).toBe('FORBIDDEN')
    expect((refused as ApiError).message).toContain(
      "Describing share group 'secret-queue': TOPIC_AUTHORIZATION_FAILED"
    )
    expect((refused as ApiError).message).toContain('may not DESCRIBE a topic of the group')
  })
})

describe('share groups of a cluster older than Kafka 4.1', () => {
  // As Kafka 4.0's early-access share groups: ShareGroupDescribe v0, no share group offset APIs.
  let forwarder: ApiVersionsForwarder
  let kafka: TestCluster
  let console_: TestCluster
  let reader: ShareConsumerProcess | null = null

  beforeAll(async () => {
    forwarder = await startApiVersionsForwarder([90, 91, 92], new Map([[77, 0]]))
    kafka = await startTestCluster({
      brokers: 1,
      advertisedListeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: forwarder.port }]
    })
    forwarder.target = { host: kafka.listeners[0].host, port: kafka.listeners[0].port }
    console_ = await startTestCluster({ brokers: 1 })
  })
  afterAll(async () => {
    await reader?.stop()
    await console_?.close()
    await kafka?.close()
    await forwarder?.close()
  })

  it('says which share group APIs the cluster lacks', async () => {
    await kafka.service.call('topics.create', {
      name: 'old-jobs',
      partitions: 1,
      replicationFactor: 1
    })
    const { id: connection } = (await console_.service.callByName('connections.add', {
      name: 'Older',
      bootstrapServers: [`127.0.0.1:${forwarder.port}`]
    })) as { id: string }
    reader = startShareConsumer({
      bootstrap: `127.0.0.1:${forwarder.port}`,
      group: 'old-queue',
      topics: ['old-jobs']
    })
    await waitFor(
      'the share group',
      () => kafka.engine.shareGroupDescribe(['old-queue'])[0]?.members.length === 1,
      60_000
    )
    const refused = await console_.service
      .callByName('groups.describe', { connection, groupId: 'old-queue' })
      .catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).code).toBe('BAD_REQUEST')
    expect((refused as ApiError).message).toBe(
      "Describing share group 'old-queue': 'Older' does not serve share groups (KIP-932, Kafka 4.1 " +
        'and later): its ApiVersions lacks ShareGroupDescribe v1 (API key 77), ' +
        'DescribeShareGroupOffsets v0 (API key 90), AlterShareGroupOffsets v0 (API key 91)'
    )
    // The groups list still names it, with its type.
    const { groups } = (await console_.service.callByName('groups.list', {
      connection
    })) as GroupsResults['groups.list']
    expect(groups.find((g) => g.groupId === 'old-queue')).toMatchObject({ groupType: 'share' })
  })
})
