// KIP-932 share groups with librdkafka 2.15.1's share consumer (test/support/share-consumer.c)
// reading what kcat produced in batches: two members of a group share a topic's records, a
// released record comes back with delivery count 2, the records a killed member held are
// redelivered to another once their acquisition locks expire, and rejected records are not
// redelivered. Each scenario runs against librdkafka's own mock cluster, which proves the
// program itself, and against `logdeck serve`, where the consumer sets its group's configs
// (share.auto.offset.reset earliest, short record locks and sessions) with
// IncrementalAlterConfigs. A topic deleted while a member holds some of its records and created
// again (under the same internal id) is read afresh, and the broker outlives the old locks. A
// member whose connection drops has its records released at once, before their locks expire.
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kcat } from '../../support/external-clients'
import { startServe, type ServeProcess } from '../../support/serve-process'
import {
  startShareConsumer,
  startShareMock,
  type ShareConsumerOptions,
  type ShareRecord
} from '../../support/share-consumer'

const LOCK_MS = 3000
const TOPICS = ['share-two', 'share-release', 'share-killed', 'share-reject']

interface ShareCluster {
  bootstrap: string
  /** What a consumer of a new group needs: its records from the earliest, locks of LOCK_MS. */
  group: Partial<ShareConsumerOptions>
  close(): Promise<unknown>
}

async function mockCluster(): Promise<ShareCluster> {
  const mock = await startShareMock(
    3,
    Object.fromEntries(TOPICS.map((t) => [t, 3])),
    LOCK_MS,
    10_000
  )
  return { bootstrap: mock.bootstrap, group: {}, close: () => mock.stop() }
}

/** `logdeck serve` with 3 brokers; kcat's records auto-create topics of 3 partitions. */
async function logdeck(): Promise<ShareCluster & { server: ServeProcess }> {
  const server = await startServe([
    '--in-memory',
    '--port',
    '0',
    '--no-ui',
    '--broker-config',
    'num.partitions=3',
    '--broker-config',
    'group.share.min.record.lock.duration.ms=1000',
    '--broker-config',
    'group.share.min.session.timeout.ms=6000',
    '--broker-config',
    'group.share.min.heartbeat.interval.ms=1000'
  ])
  return {
    bootstrap: server.bootstrap,
    group: {
      groupConfigs: {
        'share.auto.offset.reset': 'earliest',
        'share.record.lock.duration.ms': LOCK_MS,
        'share.session.timeout.ms': 10_000,
        'share.heartbeat.interval.ms': 1000
      }
    },
    close: () => server.stop(),
    server
  }
}

/** `count` keyed records k<from>..: v<from>.., produced by kcat in batches of 50. */
async function produce(bootstrap: string, topic: string, count: number, from = 0) {
  const lines = Array.from({ length: count }, (_, i) => `k${from + i}:v${from + i}`)
  const res = await kcat(
    [
      '-P',
      '-b',
      bootstrap,
      '-t',
      topic,
      '-K:',
      '-X',
      'linger.ms=100',
      '-X',
      'batch.num.messages=50'
    ],
    lines.join('\n') + '\n'
  )
  expect(res.code, res.stderr).toBe(0)
}

const at = (r: ShareRecord) => `${r.partition}:${r.offset}`

/** The records delivered more than once, with the delivery counts of their deliveries, sorted. */
function redeliveries(records: ShareRecord[]): { at: string; counts: number[] }[] {
  const counts = new Map<string, number[]>()
  for (const r of records) counts.set(at(r), [...(counts.get(at(r)) ?? []), r.delivery_count])
  return [...counts]
    .filter(([, c]) => c.length > 1)
    .map(([p, c]) => ({ at: p, counts: c.sort((x, y) => x - y) }))
}

describe.each([
  ['librdkafka mock cluster', mockCluster],
  ['logdeck serve', logdeck]
])('share consumers on %s', (_, start) => {
  let cluster: ShareCluster
  beforeAll(async () => {
    cluster = await start()
  })
  afterAll(() => cluster?.close())

  const consumer = (group: string, topic: string, o: Partial<ShareConsumerOptions> = {}) =>
    startShareConsumer({
      bootstrap: cluster.bootstrap,
      group,
      topics: [topic],
      ...cluster.group,
      ...o
    })

  it('two members of one group share every record, none held by both at once', async () => {
    const a = consumer('two', 'share-two')
    const b = consumer('two', 'share-two')
    const both = () => [...a.records(), ...b.records()]
    // Until both members hold partitions, the group's assignment may still move a partition
    // (and the records its member held) to the other: batches of 30 until both have read.
    let warm = 0
    while (a.records().length === 0 || b.records().length === 0) {
      await produce(cluster.bootstrap, 'share-two', 30, warm)
      warm += 30
      await a.waitFor(
        `${warm} records between both members`,
        () => new Set(both().map(at)).size >= warm
      )
    }
    const N = 1000
    await produce(cluster.bootstrap, 'share-two', N, warm)
    await a.waitFor(`${N} more records`, () => new Set(both().map(at)).size >= warm + N)
    expect(await a.stop()).toBe(0)
    expect(await b.stop()).toBe(0)
    const records = both().filter((r) => Number(r.key?.slice(1)) >= warm)
    expect(new Set(records.map((r) => r.key))).toEqual(
      new Set(Array.from({ length: N }, (_, i) => `k${warm + i}`))
    )
    expect(records.every((r) => r.value === `v${r.key?.slice(1)}`)).toBe(true)
    // No record was held by both members at once: each delivery of a record counts one more.
    // A record is delivered again only when its lock lapsed before the member's acknowledgement
    // came (a stalled machine), and then with a higher delivery count.
    expect(redeliveries(records)).toEqual(
      redeliveries(records).filter((r) => r.counts.every((c, i) => c === i + 1))
    )
    expect(a.records().length).toBeGreaterThan(0)
    expect(b.records().length).toBeGreaterThan(0)
    const accepted = [...a.acknowledged(), ...b.acknowledged()].flatMap((l) =>
      l.error ? [] : l.acknowledged.offsets.map((o) => `${l.acknowledged.partition}:${o}`)
    )
    expect(new Set(accepted)).toEqual(new Set(both().map(at)))
    expect([...a.errors(), ...b.errors()]).toEqual([])
  })

  it('a released record comes back with delivery count 2', async () => {
    const N = 100
    await produce(cluster.bootstrap, 'share-release', N)
    const c = consumer('release', 'share-release', { ack: 'explicit', releaseBelow: 2 })
    await c.waitFor(
      'every record a second time',
      (p) => p.records().filter((r) => r.delivery_count === 2).length >= N
    )
    expect(await c.stop()).toBe(0)
    const first = c.records().filter((r) => r.delivery_count === 1)
    const second = c.records().filter((r) => r.delivery_count === 2)
    expect(first.every((r) => r.ack === 'release')).toBe(true)
    expect(second.every((r) => r.ack === 'accept')).toBe(true)
    expect(new Set(second.map(at))).toEqual(new Set(first.map(at)))
    expect(new Set(second.map(at)).size).toBe(N)
  })

  it("a killed member's records go to another member once their locks expire", async () => {
    const N = 200
    await produce(cluster.bootstrap, 'share-killed', N)
    const killed = consumer('killed', 'share-killed', { ack: 'explicit', crashAfter: 10 })
    expect(await killed.exited).toBe(3)
    const held = killed.records()
    expect(held.map((r) => r.ack).slice(-1)).toEqual(['none'])
    const other = consumer('killed', 'share-killed', { ack: 'explicit' })
    await other.waitFor(`all ${N} records`, (p) => new Set(p.records().map(at)).size >= N)
    expect(await other.stop()).toBe(0)
    const again = other.records().filter((r) => held.some((h) => at(h) === at(r)))
    expect(again.length).toBe(held.length)
    expect(again.every((r) => r.delivery_count === 2)).toBe(true)
  })

  it('rejected records are not redelivered', async () => {
    const N = 90
    await produce(cluster.bootstrap, 'share-reject', N)
    const c = consumer('reject', 'share-reject', { ack: 'explicit', rejectEvery: 3 })
    await c.waitFor(`${N} records`, (p) => p.records().length >= N)
    // Records produced after the rejections are read after them: a rejected record given
    // out again would come first.
    await produce(cluster.bootstrap, 'share-reject', N, N)
    await c.waitFor(`${2 * N} records`, (p) => new Set(p.records().map(at)).size >= 2 * N)
    expect(await c.stop()).toBe(0)
    const records = c.records()
    expect(new Set(records.map(at)).size).toBe(2 * N)
    // Every third delivery was rejected, and no rejected record came again. (A record whose lock
    // lapsed before its acceptance arrived comes again, with a higher delivery count.)
    const rejected = records.filter((r) => r.ack === 'reject').map(at)
    expect(rejected.length).toBe(Math.floor(records.length / 3))
    expect(records.filter((r) => rejected.includes(at(r))).length).toBe(rejected.length)
    expect(redeliveries(records)).toEqual(
      redeliveries(records).filter((r) => r.counts.every((c, i) => c === i + 1))
    )
  })
})

describe('share consumers on logdeck serve closing, and their topic deleted', () => {
  let cluster: Awaited<ReturnType<typeof logdeck>>
  beforeAll(async () => {
    cluster = await logdeck()
  })
  afterAll(() => cluster?.close())

  it("keeps the acknowledgements a member's close sends as it leaves the group", async () => {
    const TOPIC = 'share-closing'
    const o = { bootstrap: cluster.bootstrap, group: 'closing', topics: [TOPIC], ...cluster.group }
    await produce(cluster.bootstrap, TOPIC, 60)
    // Exits once it has read 20: its close sends the acknowledgements of the last batch it
    // received, to the brokers leading their partitions, while it leaves the group.
    const first = startShareConsumer({ ...o, ack: 'explicit', count: 20 })
    expect(await first.exited).toBe(0)
    const read = new Set(first.records().map(at))
    const acknowledged = first.acknowledged()
    expect(acknowledged.filter((a) => a.error !== null)).toEqual([])
    expect(
      new Set(
        acknowledged.flatMap((a) =>
          a.acknowledged.offsets.map((x) => `${a.acknowledged.partition}:${x}`)
        )
      )
    ).toEqual(read)
    const next = startShareConsumer(o)
    await next.waitFor(
      'the records the first did not read',
      (p) => p.records().length >= 60 - read.size
    )
    expect(await next.stop()).toBe(0)
    expect(next.records().filter((r) => read.has(at(r)))).toEqual([])
  })

  it('a member whose connection drops has its records released at once, not after their locks', async () => {
    const TOPIC = 'share-dropped'
    const admin = new Kafka({
      clientId: 'share-dropped',
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING
    }).admin()
    await admin.connect()
    // One partition: both members are assigned it (partitions are shared once members
    // outnumber them), so the second can take what the first held while the first is still a
    // member of the group.
    await admin
      .createTopics({ topics: [{ topic: TOPIC, numPartitions: 1 }] })
      .finally(() => admin.disconnect())
    const N = 100
    await produce(cluster.bootstrap, TOPIC, N)
    // Locks and the member's session outlast the wait below: only the connection closing can
    // give the other member the records the first held.
    const o = {
      bootstrap: cluster.bootstrap,
      group: 'dropped',
      topics: [TOPIC],
      ...cluster.group,
      groupConfigs: {
        ...cluster.group.groupConfigs,
        'share.record.lock.duration.ms': 60_000,
        'share.session.timeout.ms': 60_000
      }
    }
    const dropped = startShareConsumer({ ...o, ack: 'explicit', crashAfter: 10 })
    expect(await dropped.exited).toBe(3)
    const held = dropped.records()
    expect(held.length).toBeGreaterThan(0)
    const other = startShareConsumer({ ...o, ack: 'explicit' })
    await other.waitFor(
      `all ${N} records before the dropped member's locks expire`,
      (p) => new Set(p.records().map(at)).size >= N,
      40_000
    )
    expect(await other.stop()).toBe(0)
    const again = other.records().filter((r) => held.some((h) => at(h) === at(r)))
    expect(again.length).toBe(held.length)
    expect(again.every((r) => r.delivery_count === 2)).toBe(true)
  })

  it('reads the new topic afresh, and the broker outlives the old records locks', async () => {
    const TOPIC = 'share-recreated'
    const o = {
      bootstrap: cluster.bootstrap,
      group: 'recreated',
      topics: [TOPIC],
      ...cluster.group
    }
    await produce(cluster.bootstrap, TOPIC, 30)
    const holder = startShareConsumer({ ...o, ack: 'explicit', crashAfter: 5 })
    expect(await holder.exited).toBe(3)
    const admin = new Kafka({
      clientId: 'share-recreated',
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING
    }).admin()
    await admin.connect()
    await admin.deleteTopics({ topics: [TOPIC] }).finally(() => admin.disconnect())
    await produce(cluster.bootstrap, TOPIC, 30, 100)
    const reader = startShareConsumer(o)
    await reader.waitFor("the new topic's 30 records", (p) => p.records().length >= 30)
    // Past the locks of the records the first member held when their topic went away.
    await new Promise((resolve) => setTimeout(resolve, 2 * LOCK_MS))
    expect(cluster.server.child.exitCode, cluster.server.output()).toBe(null)
    expect(await reader.stop()).toBe(0)
    const records = reader.records()
    expect(records.length).toBe(30)
    expect(records.every((r) => Number(r.key?.slice(1)) >= 100 && r.delivery_count === 1)).toBe(
      true
    )
  })
})
