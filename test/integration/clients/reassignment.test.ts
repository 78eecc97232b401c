// Partition reassignment as Kafka's admin tools drive it: @platformatic/kafka's
// AlterPartitionReassignments / ListPartitionReassignments move a partition from broker 0 to
// broker 2 while kcat produces with linger.ms batching. The new replica copies the log under the
// throttle (DescribeLogDirs shows its size grow), joins the ISR, the old one leaves and
// leadership moves; nothing kcat had acknowledged is lost. AlterPartitionReassignments v1
// (KIP-860) with allow_replication_factor_change false refuses a target of another size than
// the partition's replication factor, as Kafka 4.1 does.
import { afterEach, describe, expect, it } from 'vitest'
import {
  Admin,
  Connection,
  alterPartitionReassignmentsV0,
  alterPartitionReassignmentsV1,
  apiVersionsV3,
  listPartitionReassignmentsV0
} from '@platformatic/kafka'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'
import { waitFor, waitForValue } from '../../support/wait-for'

let cluster: TestCluster | undefined
const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0)) await close()
  await cluster?.close()
  cluster = undefined
})

const TOPIC = 'moves'

function produce(c: TestCluster, from: number, count: number) {
  const lines = Array.from({ length: count }, (_, i) => `k${(from + i) % 97}:v${from + i}`)
  return kcat(
    [
      '-b',
      c.bootstrap,
      '-P',
      '-t',
      TOPIC,
      '-p',
      '0',
      '-K',
      ':',
      '-X',
      'linger.ms=20',
      '-X',
      'enable.idempotence=true'
    ],
    lines.join('\n') + '\n',
    180_000
  )
}

const done = new WeakSet<Promise<unknown>>()
function settled(p: Promise<unknown>): boolean {
  void p.finally(() => done.add(p))
  return done.has(p)
}

async function logDirSizes(admin: Admin): Promise<Map<number, number>> {
  const dirs = await admin.describeLogDirs({ topics: [{ name: TOPIC, partitions: [0] }] })
  const sizes = new Map<number, number>()
  for (const b of dirs)
    for (const d of b.results)
      for (const t of d.topics)
        for (const p of t.partitions) sizes.set(b.broker, Number(p.partitionSize))
  return sizes
}

describe('partition reassignment with real clients', () => {
  it('moves a partition from broker 0 to broker 2 under kcat produce, losing nothing', async () => {
    cluster = await startTestCluster()
    const c = cluster
    c.engine.createTopic({ name: TOPIC, partitions: 1, replicationFactor: 2, assignment: [[0, 1]] })
    const first = await produce(c, 0, 10_000)
    expect(first.code, first.stderr).toBe(0)

    // A throttle low enough that the copy is still under way when we look.
    for (const b of [0, 1, 2])
      c.engine.configureBroker(b, { leaderThrottledRate: 20_000, followerThrottledRate: 20_000 })
    const listener = c.listeners[0]
    const connection = new Connection('reassign-admin')
    await connection.connect(listener.host, listener.port)
    closing.push(() => connection.close())
    const admin = new Admin({
      clientId: 'reassign-sizes',
      bootstrapBrokers: c.bootstrap.split(',')
    })
    closing.push(() => admin.close())

    const second = produce(c, 10_000, 10_000)
    const logEnd = () => c.engine.partitionLog(c.engine.topic(TOPIC)!, 0).logEndOffset
    await waitFor('kcat to be producing', () => logEnd() > 10_000)
    const altered = await alterPartitionReassignmentsV0.api.async(connection, 30_000, true, [
      { name: TOPIC, partitions: [{ partitionIndex: 0, replicas: [2, 1] }] }
    ])
    expect(altered.responses[0].partitions[0].errorCode).toBe(0)

    const listed = await listPartitionReassignmentsV0.api.async(connection, 30_000, null)
    expect(listed.topics).toEqual([
      {
        name: TOPIC,
        partitions: [
          { partitionIndex: 0, replicas: [2, 1, 0], addingReplicas: [2], removingReplicas: [0] }
        ]
      }
    ])
    const p = c.engine.topic(TOPIC)!.partitions[0]
    expect(p.isr).not.toContain(2)
    // The new replica holds part of the log: its size is under the leader's.
    const during = await logDirSizes(admin)
    expect(during.get(2)).toBeLessThan(during.get(0)!)

    // kcat goes on producing into the partition being moved.
    const endAtMove = logEnd()
    await waitFor('more records during the move', () => logEnd() > endAtMove || settled(second))
    // Lift the throttle: the copy finishes, broker 2 joins the ISR and broker 0 leaves.
    for (const b of [0, 1, 2])
      c.engine.configureBroker(b, { leaderThrottledRate: 0, followerThrottledRate: 0 })
    await waitFor('the reassignment to complete', async () => {
      const r = await listPartitionReassignmentsV0.api.async(connection, 30_000, null)
      return r.topics.length === 0
    })
    const done = c.engine.topic(TOPIC)!.partitions[0]
    expect(done.replicas).toEqual([2, 1])
    expect(done.isr).toContain(2)
    expect(done.isr).not.toContain(0)
    expect(done.leader).toBe(2)
    const changes = c.engine
      .history(1000)
      .filter((h) => h.topic === TOPIC)
      .reverse()
    const started = changes.findIndex((h) => h.kind === 'reassignment-started')
    const joined = changes.findIndex((h) => h.kind === 'isr-expanded' && h.isr?.includes(2))
    const completed = changes.findIndex((h) => h.kind === 'reassignment-completed')
    expect(started).toBeGreaterThanOrEqual(0)
    expect(joined).toBeGreaterThan(started)
    expect(completed).toBeGreaterThan(joined)
    expect(changes[completed]).toMatchObject({ leader: 2, replicas: [2, 1] })
    expect(changes[completed].isr).not.toContain(0)

    const produced = await second
    expect(produced.code, produced.stderr).toBe(0)
    const after = await logDirSizes(admin)
    expect(after.has(0)).toBe(false)
    expect(after.get(2)).toBe(after.get(1))

    const consumed = await waitForValue('kcat to read all 20,000 records', async () => {
      const r = await kcat(['-b', c.bootstrap, '-C', '-t', TOPIC, '-p', '0', '-e', '-f', '%s\n'])
      const values = r.stdout.split('\n').filter((l) => l.length > 0)
      return new Set(values).size >= 20_000 ? values : undefined
    })
    const expected = Array.from({ length: 20_000 }, (_, i) => `v${i}`)
    expect(new Set(consumed)).toEqual(new Set(expected))
  })

  it('refuses unknown brokers and duplicates, and cancels with null replicas', async () => {
    cluster = await startTestCluster()
    const c = cluster
    c.engine.createTopic({ name: TOPIC, partitions: 1, replicationFactor: 2, assignment: [[0, 1]] })
    const first = await produce(c, 0, 2_000)
    expect(first.code, first.stderr).toBe(0)
    const connection = new Connection('reassign-admin')
    const listener = c.listeners[1]
    await connection.connect(listener.host, listener.port)
    closing.push(() => connection.close())
    const alter = (replicas: number[] | null) =>
      alterPartitionReassignmentsV0.api
        .async(connection, 30_000, true, [
          { name: TOPIC, partitions: [{ partitionIndex: 0, replicas }] }
        ])
        .then(
          (r) => r.responses[0].partitions[0],
          (err: { response?: { responses: { partitions: { errorCode: number }[] }[] } }) => {
            const partition = err.response?.responses[0].partitions[0]
            if (!partition) throw err
            return partition
          }
        )
    expect((await alter([0, 7])).errorCode).toBe(39) // INVALID_REPLICA_ASSIGNMENT
    expect((await alter([2, 2])).errorCode).toBe(39)
    expect((await alter(null)).errorCode).toBe(85) // NO_REASSIGNMENT_IN_PROGRESS

    for (const b of [0, 1, 2]) c.engine.configureBroker(b, { followerThrottledRate: 1_000 })
    expect((await alter([2, 1])).errorCode).toBe(0)
    expect(c.engine.topic(TOPIC)!.partitions[0].replicas).toEqual([2, 1, 0])
    expect((await alter(null)).errorCode).toBe(0)
    const p = c.engine.topic(TOPIC)!.partitions[0]
    // As Kafka reverts: the replicas without the adding ones, in the order they had.
    expect(p.replicas).toEqual([1, 0])
    expect(p.leader).toBe(0)
    expect(c.engine.reassignments()).toEqual([])
  })

  it('v1 without allow_replication_factor_change refuses a target of another size', async () => {
    cluster = await startTestCluster()
    const c = cluster
    c.engine.createTopic({
      name: TOPIC,
      partitions: 2,
      replicationFactor: 2,
      assignment: [
        [0, 1],
        [1, 2]
      ]
    })
    const connection = new Connection('reassign-admin-v1')
    const listener = c.listeners[0]
    await connection.connect(listener.host, listener.port)
    closing.push(() => connection.close())

    const versions = await apiVersionsV3.api.async(connection, 'logdeck-test', '1')
    expect(versions.apiKeys.find((k) => k.apiKey === 45)).toMatchObject({
      minVersion: 0,
      maxVersion: 1
    })

    type Answer = Awaited<ReturnType<typeof alterPartitionReassignmentsV1.api.async>>
    const alter = (
      allow: boolean,
      partitions: { partitionIndex: number; replicas: number[] | null }[]
    ) =>
      alterPartitionReassignmentsV1.api
        .async(connection, 30_000, allow, [{ name: TOPIC, partitions }])
        .catch((err: { response?: Answer }) => {
          if (!err.response) throw err
          return err.response
        })

    // Records for a new replica to copy, slowly: a reassignment of partition 0 stays in flight.
    for (let i = 0; i < 20; i++)
      await c.service.call('messages.produce', {
        topic: TOPIC,
        partition: 0,
        value: 'v'.repeat(1000)
      })
    for (const b of [0, 1, 2]) c.engine.configureBroker(b, { followerThrottledRate: 1_000 })

    // Growing partition 0 from two replicas to three, shrinking partition 1 to one: each refused.
    const refused = await alter(false, [
      { partitionIndex: 0, replicas: [0, 1, 2] },
      { partitionIndex: 1, replicas: [2] }
    ])
    expect(refused.allowReplicationFactorChange).toBe(false)
    expect(refused.errorCode).toBe(0)
    expect(refused.responses[0].partitions).toEqual([
      {
        partitionIndex: 0,
        errorCode: 38, // INVALID_REPLICATION_FACTOR
        errorMessage: 'The replication factor is changed from 2 to 3'
      },
      {
        partitionIndex: 1,
        errorCode: 38,
        errorMessage: 'The replication factor is changed from 2 to 1'
      }
    ])
    expect(c.engine.reassignments()).toEqual([])
    expect(c.engine.topic(TOPIC)!.partitions.map((p) => p.replicas)).toEqual([
      [0, 1],
      [1, 2]
    ])

    // The same size is taken; in flight, the size counted is the target's, not the replicas'
    // with those leaving.
    const moved = await alter(false, [{ partitionIndex: 0, replicas: [2, 1] }])
    expect(moved.responses[0].partitions[0].errorCode).toBe(0)
    expect(c.engine.topic(TOPIC)!.partitions[0].replicas).toEqual([2, 1, 0])
    const inFlight = await alter(false, [{ partitionIndex: 0, replicas: [0, 1, 2] }])
    expect(inFlight.responses[0].partitions[0]).toMatchObject({
      errorCode: 38,
      errorMessage: 'The replication factor is changed from 2 to 3'
    })
    // Cancelling is not a change of size.
    const cancelled = await alter(false, [{ partitionIndex: 0, replicas: null }])
    expect(cancelled.responses[0].partitions[0].errorCode).toBe(0)
    expect(c.engine.topic(TOPIC)!.partitions[0].replicas).toEqual([1, 0])

    // Allowed (the default, and v0's only way), the size may change.
    const grown = await alter(true, [{ partitionIndex: 1, replicas: [1, 2, 0] }])
    expect(grown.allowReplicationFactorChange).toBe(true)
    expect(grown.responses[0].partitions[0].errorCode).toBe(0)
    expect(c.engine.topic(TOPIC)!.partitions[1].replicas).toEqual([1, 2, 0])
  })
})
