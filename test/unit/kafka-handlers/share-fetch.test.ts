// ShareFetch and ShareAcknowledge v1 (KIP-932) over the wire, against records kafkajs produced in
// batches: members of a share group read every record once between them when all accept, a
// released record comes back with its delivery count raised, a member that stops acknowledging
// has its records go to another once the acquisition lock expires, refused acknowledgements and
// session epochs get Kafka's errors, a partition asked of a follower names its leader, a deleted
// topic's held records are forgotten (their locks run out without harm and the topic created
// again starts afresh), and what was acknowledged is not delivered again after the engine
// restarts from its data directory.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { waitFor } from '../../support/wait-for'
import { engineInternals } from '../../support/engine-internals'
import {
  acknowledge as accept,
  delivered,
  shareRequests,
  type Acks,
  type Member
} from '../../support/share-requests'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { AcknowledgeType as Ack } from '../../../src/engine/share-partitions/record-states'

let cluster: TestCluster
let dataDir: string
const TOPIC = 'jobs'
const { produce, shareFetch, leaderOf, disconnect, closeAll, ...requests } = shareRequests(
  () => cluster,
  TOPIC
)
const shareAcknowledge = (brokerId: number, m: Member, acks: Acks, id?: string) =>
  requests.shareAcknowledge(brokerId, m, acks, { id })

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'share-fetch-'))
  cluster = await start()
  await cluster.service.call('topics.create', { name: TOPIC, partitions: 2, replicationFactor: 3 })
})
afterAll(async () => {
  closeAll()
  await cluster?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function start(): Promise<TestCluster> {
  return startTestCluster({
    dataDir,
    brokers: 3,
    brokerConfigs: {
      'group.share.min.record.lock.duration.ms': '1000',
      'group.share.record.lock.duration.ms': '1000'
    }
  })
}

/** Transactions of kafkajs to partition 0 of a topic, each committed or aborted. */
async function produceTransactions(topic: string, txns: { values: string[]; commit: boolean }[]) {
  const kafka = new Kafka({
    clientId: 'share-fetch-txn',
    brokers: cluster.bootstrap.split(','),
    logLevel: logLevel.NOTHING
  })
  const producer = kafka.producer({ transactionalId: `share-${topic}`, maxInFlightRequests: 1 })
  await producer.connect()
  try {
    for (const t of txns) {
      const txn = await producer.transaction()
      await txn.send({ topic, messages: t.values.map((value) => ({ value, partition: 0 })) })
      await (t.commit ? txn.commit() : txn.abort())
    }
  } finally {
    await producer.disconnect()
  }
}

/** Opens a member's share session on the partition's leader (epoch 0) and moves to epoch 1. */
async function open(m: Member, partition: number) {
  const res = await shareFetch(leaderOf(partition), m, [partition])
  expect(res.errorCode).toBe(E.NONE)
  m.epoch = 1
  return res
}

describe('ShareFetch and ShareAcknowledge', () => {
  it('gives every batched record to exactly one of two members when both accept what they get', async () => {
    const groupId = 'readers'
    const [a, b]: Member[] = ['a', 'b'].map((memberId) => ({ groupId, memberId, epoch: 0 }))
    // share.auto.offset.reset=latest: the share partition starts where the log ends at first fetch.
    await open(a, 0)
    await open(b, 0)
    const values = Array.from({ length: 300 }, (_, i) => `job-${i}`)
    await produce(0, values)
    const seen: string[] = []
    const pending: Record<string, number[]> = { a: [], b: [] }
    const count: Record<string, number> = { a: 0, b: 0 }
    for (let round = 0; seen.length < values.length && round < 200; round++)
      for (const m of [a, b]) {
        const res = await shareFetch(
          leaderOf(0),
          m,
          [0],
          { 0: accept(pending[m.memberId]) },
          {
            maxRecords: 40
          }
        )
        m.epoch++
        expect(res.errorCode).toBe(E.NONE)
        expect(res.acquisitionLockTimeoutMs).toBe(1000)
        const part = res.responses[0]?.partitions[0]
        if (part) expect(part.acknowledgeErrorCode).toBe(E.NONE)
        const got = delivered(res, 0)
        for (const r of got) expect(r.deliveryCount).toBe(1)
        seen.push(...got.map((r) => r.value))
        pending[m.memberId] = got.map((r) => r.offset)
        count[m.memberId] += got.length
      }
    expect(seen.length).toBe(values.length)
    expect(new Set(seen)).toEqual(new Set(values))
    // Both took part: whole batches of 25 were handed out in turns.
    expect(count.a).toBeGreaterThan(0)
    expect(count.b).toBeGreaterThan(0)
    for (const m of [a, b]) {
      const res = await shareAcknowledge(leaderOf(0), m, { 0: accept(pending[m.memberId]) })
      m.epoch++
      expect(res.responses[0].partitions[0].errorCode).toBe(E.NONE)
    }
    const sp = cluster.engine.sharePartitions.get(groupId, {
      topicId: cluster.engine.topic(TOPIC)!.id,
      partition: 0
    })!
    expect(sp.startOffset).toBe(sp.endOffset)
  })

  it('redelivers a released record to another member, and a dead member records after the lock', async () => {
    const groupId = 'releasers'
    const [a, b]: Member[] = ['a', 'b'].map((memberId) => ({ groupId, memberId, epoch: 0 }))
    await open(a, 1)
    await open(b, 1)
    await produce(1, ['r0', 'r1', 'r2', 'r3'], 4)
    const first = delivered(await shareFetch(leaderOf(1), a, [1]), 1)
    a.epoch++
    expect(first.map((r) => r.value)).toEqual(['r0', 'r1', 'r2', 'r3'])
    // a accepts r0, releases r1 and keeps r2 and r3 without acknowledging them (then dies).
    const [o0, o1] = [first[0].offset, first[1].offset]
    const ack = await shareAcknowledge(leaderOf(1), a, {
      1: [
        {
          firstOffset: BigInt(o0),
          lastOffset: BigInt(o1),
          acknowledgeTypes: [Ack.ACCEPT, Ack.RELEASE]
        }
      ]
    })
    a.epoch++
    expect(ack.responses[0].partitions[0].errorCode).toBe(E.NONE)
    const again = delivered(await shareFetch(leaderOf(1), b, [1]), 1)
    b.epoch++
    expect(again).toEqual([{ offset: o1, value: 'r1', deliveryCount: 2 }])
    // r2 and r3 come to b once a's lock (1 s) expires: a long poll is woken by the release.
    let late: ReturnType<typeof delivered> = []
    // b accepts r1 on its next fetch, piggy-backed.
    let acks: Acks = { 1: accept([o1]) }
    for (let i = 0; i < 20 && late.length === 0; i++) {
      const res = await shareFetch(leaderOf(1), b, [1], acks, { maxWaitMs: 5000 })
      b.epoch++
      if (acks[1]) expect(res.responses[0].partitions[0].acknowledgeErrorCode).toBe(E.NONE)
      acks = {}
      late = delivered(res, 1)
    }
    expect(late.map((r) => [r.value, r.deliveryCount])).toEqual([
      ['r2', 2],
      ['r3', 2]
    ])
    // a acknowledging what it no longer holds is refused, per partition.
    const stale = await shareAcknowledge(leaderOf(1), a, { 1: accept([late[0].offset]) })
    a.epoch++
    expect(stale.errorCode).toBe(E.NONE)
    expect(stale.responses[0].partitions[0].errorCode).toBe(E.INVALID_RECORD_STATE)
    expect(stale.responses[0].partitions[0].errorMessage).toContain(
      `Offset ${late[0].offset} is not acquired by member a`
    )
  })

  it('answers session errors, acknowledgements on epoch 0, and a follower with the leader', async () => {
    const m: Member = { groupId: 'sessions', memberId: 'm', epoch: 1 }
    expect((await shareFetch(leaderOf(0), m, [0])).errorCode).toBe(E.SHARE_SESSION_NOT_FOUND)
    m.epoch = 0
    const withAcks = await shareFetch(leaderOf(0), m, [0], { 0: accept([0]) })
    expect(withAcks.errorCode).toBe(E.INVALID_REQUEST)
    await open(m, 0)
    m.epoch = 5
    expect((await shareFetch(leaderOf(0), m, [0])).errorCode).toBe(E.INVALID_SHARE_SESSION_EPOCH)
    expect((await shareAcknowledge(leaderOf(0), { ...m, epoch: 0 }, {})).errorCode).toBe(
      E.INVALID_SHARE_SESSION_EPOCH
    )
    const follower = [0, 1, 2].find((id) => id !== leaderOf(0))!
    const moved = await shareFetch(follower, { ...m, memberId: 'f', epoch: 0 }, [0])
    const p = moved.responses[0].partitions[0]
    expect(p.errorCode).toBe(E.NOT_LEADER_OR_FOLLOWER)
    expect(p.currentLeader.leaderId).toBe(leaderOf(0))
    expect(moved.nodeEndpoints.map((n) => n.nodeId)).toEqual([leaderOf(0)])
    const unknown = await shareFetch(
      leaderOf(0),
      { ...m, memberId: 'u', epoch: 0 },
      [0],
      {},
      {
        topics: [
          {
            topicId: '00000000-0000-4000-8000-000000000042',
            partitions: [{ partitionIndex: 0, acknowledgementBatches: [] }]
          }
        ]
      }
    )
    expect(unknown.responses[0].partitions[0].errorCode).toBe(E.UNKNOWN_TOPIC_ID)
  })

  it('delivers only committed records under share.isolation.level=read_committed', async () => {
    await cluster.service.call('topics.create', {
      name: 'txns',
      partitions: 1,
      replicationFactor: 3
    })
    const groupId = 'committed'
    cluster.engine.alterGroupConfigs({
      groupId,
      set: { 'share.isolation.level': 'read_committed', 'share.auto.offset.reset': 'earliest' },
      remove: []
    })
    await produceTransactions('txns', [
      { values: ['c0', 'c1'], commit: true },
      { values: ['a0', 'a1', 'a2'], commit: false },
      { values: ['c2'], commit: true }
    ])
    const txns = cluster.engine.topic('txns')!
    const m: Member = { groupId, memberId: 'm', epoch: 0 }
    const res = await shareFetch(
      txns.partitions[0].leader,
      m,
      [0],
      {},
      {
        topics: [
          { topicId: txns.uuid, partitions: [{ partitionIndex: 0, acknowledgementBatches: [] }] }
        ]
      }
    )
    const got = delivered(res, 0)
    expect(got.map((r) => r.value)).toEqual(['c0', 'c1', 'c2'])
    // The aborted records and the three markers are archived: accepting the three moves the
    // start offset to the log end.
    m.epoch = 1
    const ack = await shareAcknowledge(
      txns.partitions[0].leader,
      m,
      { 0: accept(got.map((r) => r.offset)) },
      txns.uuid
    )
    expect(ack.responses[0].partitions[0].errorCode).toBe(E.NONE)
    const sp = cluster.engine.sharePartitions.get(groupId, { topicId: txns.id, partition: 0 })!
    expect(sp.startOffset).toBe(cluster.engine.partitionLog(txns, 0).logEndOffset)
  })

  it('moves the start offset with records DeleteRecords removes', async () => {
    await cluster.service.call('topics.create', {
      name: 'trimmed',
      partitions: 1,
      replicationFactor: 3
    })
    const trimmed = cluster.engine.topic('trimmed')!
    const groupId = 'trimmers'
    cluster.engine.alterGroupConfigs({
      groupId,
      set: { 'share.auto.offset.reset': 'earliest' },
      remove: []
    })
    const leader = trimmed.partitions[0].leader
    const over = {
      topics: [
        { topicId: trimmed.uuid, partitions: [{ partitionIndex: 0, acknowledgementBatches: [] }] }
      ]
    }
    await produce(
      0,
      Array.from({ length: 10 }, (_, i) => `t${i}`),
      10,
      'trimmed'
    )
    const a: Member = { groupId, memberId: 'a', epoch: 0 }
    expect(delivered(await shareFetch(leader, a, [0], {}, over), 0)).toHaveLength(10)
    await cluster.service.call('topics.deleteRecords', { name: 'trimmed', beforeOffset: 6 })
    // a's session closes (epoch -1): what it held is released, and only 6-9 are left.
    a.epoch = -1
    await shareAcknowledge(leader, a, {})
    const b: Member = { groupId, memberId: 'b', epoch: 0 }
    const again = delivered(await shareFetch(leader, b, [0], {}, over), 0)
    expect(again.map((r) => [r.value, r.deliveryCount])).toEqual([
      ['t6', 2],
      ['t7', 2],
      ['t8', 2],
      ['t9', 2]
    ])
    const sp = cluster.engine.sharePartitions.get(groupId, { topicId: trimmed.id, partition: 0 })!
    expect([sp.startOffset, sp.endOffset]).toEqual([6, 10])
  })

  it('forgets a deleted topic held records: their locks run out harmlessly, and the topic created again is read afresh', async () => {
    const name = 'short-lived'
    const create = () =>
      cluster.service.call('topics.create', { name, partitions: 1, replicationFactor: 3 })
    const short = shareRequests(() => cluster, name)
    try {
      await create()
      const m: Member = { groupId: 'short-lived-queue', memberId: 'holder', epoch: 0 }
      expect((await short.shareFetch(short.leaderOf(0), m, [0])).errorCode).toBe(E.NONE)
      m.epoch++
      await short.produce(0, ['old-0', 'old-1', 'old-2', 'old-3'], 2)
      const held = delivered(await short.shareFetch(short.leaderOf(0), m, [0]), 0)
      expect(held.map((r) => r.value)).toEqual(['old-0', 'old-1', 'old-2', 'old-3'])
      await cluster.service.call('topics.delete', { name })
      // The held records' 1 s acquisition locks run out while their topic is gone.
      await new Promise((r) => setTimeout(r, 1500))
      await create()
      const n: Member = { groupId: 'short-lived-queue', memberId: 'newcomer', epoch: 0 }
      expect((await short.shareFetch(short.leaderOf(0), n, [0])).errorCode).toBe(E.NONE)
      n.epoch++
      await short.produce(0, ['new-0', 'new-1'], 2)
      const fresh = delivered(await short.shareFetch(short.leaderOf(0), n, [0]), 0)
      expect(fresh.map((r) => [r.offset, r.value, r.deliveryCount])).toEqual([
        [0, 'new-0', 1],
        [1, 'new-1', 1]
      ])
    } finally {
      short.closeAll()
    }
  })

  it('does not deliver acknowledged records again after a restart; held ones come back', async () => {
    const groupId = 'restarts'
    const m: Member = { groupId, memberId: 'm', epoch: 0 }
    await open(m, 0)
    await produce(0, ['s0', 's1', 's2'], 3)
    const got = delivered(await shareFetch(leaderOf(0), m, [0]), 0)
    m.epoch++
    expect(got.map((r) => r.value)).toEqual(['s0', 's1', 's2'])
    await shareAcknowledge(leaderOf(0), m, { 0: accept([got[0].offset, got[2].offset]) })
    await cluster.close()
    cluster = await start()
    const n: Member = { groupId, memberId: 'n', epoch: 0 }
    const after = delivered(await shareFetch(leaderOf(0), n, [0]), 0)
    expect(after.map((r) => [r.value, r.deliveryCount])).toEqual([['s1', 2]])
  })

  it('answers a ShareFetch parked in its long poll as soon as the engine shuts down', async () => {
    const m: Member = { groupId: 'parked', memberId: 'waiting', epoch: 0 }
    await open(m, 0)
    const { signals } = engineInternals(cluster.engine)
    const parked = shareFetch(leaderOf(0), m, [0], {}, { maxWaitMs: 600_000 })
    await waitFor('the ShareFetch to wait for appends', () => signals['waiters'].size > 0)
    await cluster.engine.close()
    // Answered by the closing engine (not after its MaxWaitMs, nor failed on a shut database).
    expect((await parked).errorCode).toBe(E.NONE)
    expect(cluster.logs.filter((l) => /request failed/.test(l))).toEqual([])
    closeAll()
    await cluster.close()
    cluster = await start()
  })

  it('lets a member connection close after the engine has shut down, with nothing to release', async () => {
    const m: Member = { groupId: 'outlives', memberId: 'late', epoch: 0 }
    await open(m, 1)
    await produce(1, ['h0', 'h1'], 2)
    expect(delivered(await shareFetch(leaderOf(1), m, [1]), 1)).toHaveLength(2)
    const engine = cluster.engine
    const closedCalls = vi.spyOn(engine, 'shareConnectionClosed')
    // The engine stops while the member's connection is still open, as when a broker shuts down
    // and a socket's close arrives after its database has closed.
    await engine.close()
    disconnect(leaderOf(1), m)
    await waitFor('the broker to see the connection close', () => closedCalls.mock.calls.length > 0)
    expect(closedCalls.mock.results).toEqual([{ type: 'return', value: 0 }])
  })
})
