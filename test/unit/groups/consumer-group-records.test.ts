// The records of a consumer-protocol group's own state (KIP-848) that go to __consumer_offsets as
// Kafka 4.2's group coordinator writes them: the bytes Kafka's schemas define (the epoch with
// KIP-1101's metadata hash, no ConsumerGroupPartitionMetadata), what a member joining, a second
// member, a member leaving and the group's deletion write (only what changed, tombstones in
// Kafka's order, in the SQLite transaction of the epoch they record), what a new coordinator on
// the same database compares with (a Kafka 4.0 ConsumerGroupPartitionMetadata gets its
// tombstone), and round trips over random group states.
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { GroupCoordinator } from '../../../src/engine/groups/coordinator'
import {
  decodeCoordinatorRecord,
  GROUP_RECORD_TYPES,
  groupStateKey,
  groupStateValue,
  type CoordinatorRecord
} from '../../../src/engine/groups/coordinator-records'
import {
  ConsumerGroupPartitionMetadataRecordType,
  consumerGroupPartitionMetadataKeySchema,
  consumerGroupPartitionMetadataValueSchema
} from '../../../src/engine/kafka/protocol/generated/coordinator-records'
import { groupHash, topicHash } from '../../../src/engine/groups/metadata-hash'
import {
  consumerGroupMetadataKey,
  consumerGroupRecords
} from '../../../src/engine/groups/consumer-group-records'
import {
  ConsumerGroup,
  type ConsumerMember,
  type MemberState
} from '../../../src/engine/groups/consumer-group'
import type {
  CoordinatorRecordBytes,
  CoordinatorRecordSink
} from '../../../src/engine/cluster/internal-topic'
import type { ConsumerHeartbeatParams } from '../../../src/engine/groups'
import { FakePartitions, heartbeatRequest, ManualScheduler, memoryDb, stableGroup } from './helpers'
import type { Db } from '../../../src/engine/storage/database'

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex')
const ORDERS_ID = '00000000-0000-0000-0000-00000000000a'
const PAYMENTS_ID = '00000000-0000-0000-0000-00000000000b'
/** The ids as Kafka's Uuid.toString prints them. */
const ORDERS_KAFKA_ID = Buffer.from(ORDERS_ID.replace(/-/g, ''), 'hex').toString('base64url')

class TopicsWithIds extends FakePartitions {
  readonly ids = new Map([
    ['orders', ORDERS_ID],
    ['payments', PAYMENTS_ID]
  ])
  topicId(topic: string): string | undefined {
    return this.topics.has(topic) ? this.ids.get(topic) : undefined
  }
  /** Moves orders' replicas to other racks. */
  racksMoved = false
  /** orders' partitions are in racks: partition p on brokers in rack-p and rack-(p+1). */
  partitionRacks(topic: string, partition: number): string[] {
    if (topic !== 'orders') return []
    return this.racksMoved ? ['rack-9'] : [`rack-${partition + 1}`, `rack-${partition}`]
  }
}

/** What the group's epoch record holds when its members subscribe to orders only. */
const ORDERS_HASH = groupHash(
  new Map([
    [
      'orders',
      topicHash({
        id: ORDERS_ID,
        name: 'orders',
        partitionRacks: [0, 1, 2].map((p) => [`rack-${p}`, `rack-${p + 1}`])
      })
    ]
  ])
)

type Written = { groupId: string; records: CoordinatorRecord[] }

function recordingSink() {
  const writes: Written[] = []
  const sink: CoordinatorRecordSink = {
    ensure: () => {},
    write: (groupId: string, records: readonly CoordinatorRecordBytes[]) =>
      void writes.push({
        groupId,
        records: records.map((r) => decodeCoordinatorRecord(GROUP_RECORD_TYPES, r.key, r.value))
      }),
    committed: () => {},
    rolledBack: () => {}
  }
  return { sink, writes }
}

const coordinators: GroupCoordinator[] = []
afterEach(() => coordinators.splice(0).forEach((c) => c.close()))
function coordinatorOn(db: Db, sink: CoordinatorRecordSink) {
  const clock = new ManualScheduler()
  const partitions = new TopicsWithIds().add('orders', 3).add('payments', 2)
  const coordinator = new GroupCoordinator({
    db,
    partitions,
    scheduler: clock,
    records: sink,
    onError: (err) => {
      throw err
    }
  })
  coordinators.push(coordinator)
  return { coordinator, clock, partitions, db }
}

/** Each record as `Name member-or-group` or `Name ... (tombstone)`, in the order written. */
function names(writes: Written[]): string[] {
  return writes.flatMap((w) =>
    w.records.map((r) => {
      const name = GROUP_RECORD_TYPES.get(r.key.type)?.name ?? String(r.key.type)
      const who = (r.key.data.memberId ?? r.key.data.topic ?? '') as string
      return `${name}${who ? ` ${who}` : ''}${r.value === null ? ' (tombstone)' : ''}`
    })
  )
}

function beat(c: GroupCoordinator, overrides: Partial<ConsumerHeartbeatParams>) {
  const r = c.consumerGroupHeartbeat(heartbeatRequest(overrides), 1)
  expect(r.errorCode).toBe(ErrorCode.NONE)
  return r
}

describe('consumer group records', () => {
  it('are written as Kafka 4.2 writes them: the bytes of its schemas', () => {
    // int16 record type 3; string "cg"
    expect(consumerGroupMetadataKey('cg')).toEqual(hex('0003 0002 6367'))
    const group = new ConsumerGroup('cg', 1_000, { groupEpoch: 5, assignorName: 'uniform' })
    group.assignmentEpoch = 5
    group.members.set('m', member({ memberId: 'm', memberEpoch: 5, previousMemberEpoch: 4 }))
    group.members.get('m')?.assigned.set('orders', new Set([1, 0]))
    group.target.set('m', new Map([['orders', new Set([0, 1])]]))
    const topicId = (t: string) => (t === 'orders' ? ORDERS_ID : undefined)
    const records = consumerGroupRecords(group, { topicId, metadataHash: 0n })
    const byType = new Map(records.map((r) => [r.key.readInt16BE(0), r]))
    // No ConsumerGroupPartitionMetadata (type 4): the epoch record's hash took its place.
    expect([...byType.keys()]).toEqual([5, 3, 7, 6, 8])
    // int16 version 0; int32 epoch 5; no tagged fields (a MetadataHash of 0, no topics, is left out)
    expect(byType.get(3)?.value).toEqual(hex('0000 00000005 00'))
    // A hash is tagged field 0: one tag, tag 0, 8 bytes, the int64.
    const hashed = consumerGroupRecords(group, { topicId, metadataHash: -2n })
    expect(hashed.find((r) => r.type === 3)?.value).toEqual(
      hex('0000 00000005 01 00 08 fffffffffffffffe')
    )
    // version 0; epoch 5; previous 4; state 0 (stable); compact array of 1 topic: uuid,
    // compact int32 array [0, 1], no tags; no pending revocation; no tags.
    expect(byType.get(8)?.value).toEqual(
      hex(
        '0000 00000005 00000004 00 02 0000000000000000000000000000000a 03 00000000 00000001 00' +
          ' 01 00'
      )
    )
    // int16 type 8; string "cg"; string "m"
    expect(byType.get(8)?.key).toEqual(hex('0008 0002 6367 0001 6d'))
    // ConsumerGroupMemberMetadataValue: nulls as compact -1 (0), strings as length + 1.
    expect(byType.get(5)?.value).toEqual(
      hex('0000 00 00 07 636c69656e74 0b 2f3132372e302e302e31 02 076f7264657273 00 00007530 00 00')
    )
  })

  it('write a classic member of a migrated group with its session timeout and protocols', () => {
    const group = new ConsumerGroup('cg', 1_000, { groupEpoch: 1, assignorName: 'uniform' })
    group.members.set(
      'c',
      member({
        memberId: 'c',
        classic: { sessionTimeoutMs: 10_000, protocols: [{ name: 'range', metadata: hex('0102') }] }
      })
    )
    const [metadata] = consumerGroupRecords(group, { topicId: () => undefined, metadataHash: 0n })
    const decoded = decodeCoordinatorRecord(GROUP_RECORD_TYPES, metadata.key, metadata.value)
    expect(decoded.value?.data.classicMemberMetadata).toEqual({
      sessionTimeoutMs: 10_000,
      supportedProtocols: [{ name: 'range', metadata: 'AQI=' }]
    })
    // One tagged field: tag 0, its size (with the presence byte, as Kafka counts a nullable
    // struct), 1 for present, then the struct (int32; compact array of one protocol; no tags).
    expect(metadata.value.subarray(-20)).toEqual(
      hex('01 00 11 01 00002710 02 0672616e6765 03 0102 00 00')
    )
  })

  it("follow a group's members joining and leaving, only what changed, and its deletion", () => {
    const db = memoryDb()
    const { sink, writes } = recordingSink()
    const { coordinator } = coordinatorOn(db, sink)
    const a = beat(coordinator, { memberId: 'a' })
    expect(names(writes)).toEqual([
      'ConsumerGroupMemberMetadata a',
      'ConsumerGroupMetadata',
      'ConsumerGroupTargetAssignmentMember a',
      'ConsumerGroupTargetAssignmentMetadata',
      'ConsumerGroupCurrentMemberAssignment a'
    ])
    // One batch: the epoch and its records went into one SQLite transaction.
    expect(writes).toHaveLength(1)
    const [epoch, , , current] = writes[0].records.slice(1)
    expect(ORDERS_HASH).not.toBe(0n)
    // As Kafka's JSON has it; digits, as a JavaScript number would round the int64.
    expect(epoch.value).toEqual({
      version: 0,
      data: { epoch: 1, metadataHash: ORDERS_HASH.toString() }
    })
    expect(current.value?.data).toEqual({
      memberEpoch: 1,
      previousMemberEpoch: 0,
      state: 0,
      assignedPartitions: [{ topicId: ORDERS_KAFKA_ID, partitions: [0, 1, 2] }],
      partitionsPendingRevocation: []
    })

    // A heartbeat that changes nothing writes nothing.
    writes.length = 0
    beat(coordinator, { memberId: 'a', memberEpoch: a.memberEpoch, ownedPartitions: a.assignment })
    expect(writes).toEqual([])

    const b = beat(coordinator, { memberId: 'b' })
    expect(names(writes)).toEqual([
      'ConsumerGroupMemberMetadata b',
      'ConsumerGroupMetadata',
      'ConsumerGroupTargetAssignmentMember a',
      'ConsumerGroupTargetAssignmentMember b',
      'ConsumerGroupTargetAssignmentMetadata',
      'ConsumerGroupCurrentMemberAssignment b'
    ])

    // a leaves: its records go, current assignment first, and the epoch moves on.
    writes.length = 0
    beat(coordinator, { memberId: 'a', memberEpoch: -1 })
    expect(names(writes).slice(0, 3)).toEqual([
      'ConsumerGroupCurrentMemberAssignment a (tombstone)',
      'ConsumerGroupTargetAssignmentMember a (tombstone)',
      'ConsumerGroupMemberMetadata a (tombstone)'
    ])
    expect(names(writes)).toContain('ConsumerGroupMetadata')

    // b leaves too, commits were made, and the group is deleted: offsets' tombstones first,
    // then its records', the epoch last.
    beat(coordinator, { memberId: 'b', memberEpoch: b.memberEpoch, ownedPartitions: [] })
    beat(coordinator, { memberId: 'b', memberEpoch: -1 })
    coordinator.store.commit('cg', [
      {
        topic: 'orders',
        partition: 0,
        committedOffset: 5,
        leaderEpoch: -1,
        metadata: '',
        commitTimestamp: 1
      }
    ])
    writes.length = 0
    expect(coordinator.deleteGroups(['cg'])).toEqual([{ groupId: 'cg', errorCode: 0 }])
    // Kafka 4.2 tombstones ConsumerGroupPartitionMetadata too, though it no longer writes it.
    expect(names(writes)).toEqual([
      'OffsetCommit orders (tombstone)',
      'ConsumerGroupTargetAssignmentMetadata (tombstone)',
      'ConsumerGroupPartitionMetadata (tombstone)',
      'ConsumerGroupMetadata (tombstone)'
    ])
    expect(db.prepare('SELECT COUNT(*) AS n FROM group_records').get()).toEqual({ n: 0 })
  })

  it('write the hash of the subscribed topics that exist, 0 once there are none', () => {
    const { sink, writes } = recordingSink()
    const { coordinator } = coordinatorOn(memoryDb(), sink)
    const a = beat(coordinator, { memberId: 'a', subscribedTopicNames: ['orders', 'nothing-yet'] })
    const hashes = () =>
      writes
        .flatMap((w) => w.records)
        .filter((r) => r.key.type === 3)
        .map((r) => BigInt((r.value?.data.metadataHash as string | undefined) ?? 0))
    expect(hashes()).toEqual([ORDERS_HASH])
    writes.length = 0
    beat(coordinator, {
      memberId: 'a',
      memberEpoch: a.memberEpoch,
      subscribedTopicNames: ['nothing-yet'],
      ownedPartitions: a.assignment
    })
    expect(hashes()).toEqual([0n])
    expect(names(writes)).not.toContain('ConsumerGroupPartitionMetadata')
  })

  it('bump the group epoch when the hash alone changes (a replica in another rack), as Kafka', () => {
    const { sink, writes } = recordingSink()
    const { coordinator, partitions } = coordinatorOn(memoryDb(), sink)
    const a = beat(coordinator, { memberId: 'a' })
    expect(a.memberEpoch).toBe(1)
    partitions.racksMoved = true
    writes.length = 0
    const again = beat(coordinator, {
      memberId: 'a',
      memberEpoch: a.memberEpoch,
      ownedPartitions: a.assignment
    })
    expect(again.memberEpoch).toBe(2)
    const moved = groupHash(
      new Map([
        [
          'orders',
          topicHash({
            id: ORDERS_ID,
            name: 'orders',
            partitionRacks: [0, 1, 2].map(() => ['rack-9'])
          })
        ]
      ])
    )
    expect(moved).not.toBe(ORDERS_HASH)
    const epoch = writes.flatMap((w) => w.records).find((r) => r.key.type === 3)
    expect(epoch?.value?.data).toEqual({ epoch: 2, metadataHash: moved.toString() })
  })

  it("write a resolved expression's topics, and its tombstone when no member subscribes to it", () => {
    const { sink, writes } = recordingSink()
    const { coordinator } = coordinatorOn(memoryDb(), sink)
    const a = beat(coordinator, {
      memberId: 'a',
      subscribedTopicNames: null as unknown as string[],
      subscribedTopicRegex: 'pay.*'
    })
    const regex = writes.flatMap((w) => w.records).find((r) => r.key.type === 16)
    expect(regex?.key.data).toEqual({ groupId: 'cg', regularExpression: 'pay.*' })
    expect(regex?.value?.data).toMatchObject({ topics: ['payments'], version: 0 })
    writes.length = 0
    beat(coordinator, {
      memberId: 'a',
      memberEpoch: a.memberEpoch,
      subscribedTopicNames: ['orders'],
      subscribedTopicRegex: '',
      ownedPartitions: a.assignment
    })
    expect(names(writes)).toContain('ConsumerGroupRegularExpression (tombstone)')
  })

  it('compare with what was written before a restart: departed members get tombstones at start', () => {
    const db = memoryDb()
    const first = recordingSink()
    const one = coordinatorOn(db, first.sink)
    beat(one.coordinator, { memberId: 'a' })
    // What Kafka 4.0 (and Logdeck before KIP-1101) wrote: the subscribed topics' metadata.
    const kafka40 = {
      type: ConsumerGroupPartitionMetadataRecordType,
      key: groupStateKey(
        ConsumerGroupPartitionMetadataRecordType,
        consumerGroupPartitionMetadataKeySchema,
        { groupId: 'cg' }
      ),
      value: groupStateValue(consumerGroupPartitionMetadataValueSchema, {
        topics: [
          { topicId: ORDERS_ID, topicName: 'orders', numPartitions: 3, partitionMetadata: [] }
        ]
      })
    }
    one.coordinator.store.syncStateRecords(
      'cg',
      [kafka40],
      [],
      new Set([kafka40.key.toString('hex')])
    )
    // Another group, without offsets: not brought back by a restart.
    beat(one.coordinator, { groupId: 'gone', memberId: 'x' })
    one.coordinator.store.commit('cg', [
      {
        topic: 'orders',
        partition: 0,
        committedOffset: 1,
        leaderEpoch: -1,
        metadata: '',
        commitTimestamp: 1
      }
    ])
    one.coordinator.close()
    const second = recordingSink()
    const two = coordinatorOn(db, second.sink)
    // The members are gone after a restart: once the broker runs, a's records get tombstones,
    // and the group that is gone tombstones of all its records, its epoch last.
    two.coordinator.writeRestoredStateRecords()
    const of = (groupId: string) => names(second.writes.filter((w) => w.groupId === groupId))
    expect(of('cg')).toEqual([
      'ConsumerGroupCurrentMemberAssignment a (tombstone)',
      'ConsumerGroupTargetAssignmentMember a (tombstone)',
      'ConsumerGroupMemberMetadata a (tombstone)',
      // Kafka 4.0's record of the subscribed topics goes, as Kafka 4.1 and later remove it.
      'ConsumerGroupPartitionMetadata (tombstone)',
      // No member subscribes to anything any more: a hash of 0.
      'ConsumerGroupMetadata'
    ])
    expect(of('gone')).toEqual([
      'ConsumerGroupCurrentMemberAssignment x (tombstone)',
      'ConsumerGroupTargetAssignmentMember x (tombstone)',
      'ConsumerGroupTargetAssignmentMetadata (tombstone)',
      'ConsumerGroupMemberMetadata x (tombstone)',
      'ConsumerGroupMetadata (tombstone)'
    ])
    second.writes.length = 0
    two.coordinator.writeRestoredStateRecords()
    expect(second.writes).toEqual([])
    beat(two.coordinator, { memberId: 'b' })
    expect(names(second.writes)).toContain('ConsumerGroupMemberMetadata b')
    expect(names(second.writes).filter((n) => n.includes(' a '))).toEqual([])
  })

  it("tombstone a classic group's GroupMetadata when it is upgraded, and the reverse", async () => {
    const { sink, writes } = recordingSink()
    const s = { ...coordinatorOn(memoryDb(), sink), changes: [] }
    const classic = await stableGroup(s, 2)
    writes.length = 0
    const r = s.coordinator.consumerGroupHeartbeat(
      heartbeatRequest({ groupId: 'g', memberId: 'kip848' }),
      1
    )
    expect(r.errorCode).toBe(ErrorCode.NONE)
    const written = names(writes)
    expect(written[0]).toBe('GroupMetadata (tombstone)')
    expect(written).toEqual(
      expect.arrayContaining([
        ...classic.members.map((m) => `ConsumerGroupMemberMetadata ${m}`),
        'ConsumerGroupMemberMetadata kip848',
        'ConsumerGroupMetadata'
      ])
    )
    // The classic members carry their session timeout and protocols.
    const classicMember = writes
      .flatMap((w) => w.records)
      .find((d) => d.key.type === 5 && d.key.data.memberId === classic.members[0])
    expect(classicMember?.value?.data.classicMemberMetadata).toMatchObject({
      sessionTimeoutMs: 10_000,
      supportedProtocols: [{ name: 'range' }]
    })
    // The consumer-protocol member leaves: the group goes back to the classic protocol, and
    // every record of the consumer group is tombstoned.
    writes.length = 0
    s.coordinator.consumerGroupHeartbeat(
      heartbeatRequest({ groupId: 'g', memberId: 'kip848', memberEpoch: -1 }),
      1
    )
    expect(s.coordinator.group('g')).toBeDefined()
    const after = writes.flatMap((w) => w.records)
    expect(after.length).toBeGreaterThan(0)
    expect(after.every((d) => d.value === null && d.key.type !== 2)).toBe(true)
    expect(names(writes)).toContain('ConsumerGroupMetadata (tombstone)')
  })

  it('decode back to the state they were made from (fast-check)', () => {
    const states: MemberState[] = ['stable', 'unrevoked_partitions', 'unreleased_partitions']
    const partitions = fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { maxLength: 5 })
    const memberArb = fc.record({
      memberId: fc.string({ minLength: 1, maxLength: 8 }),
      instanceId: fc.option(fc.string({ maxLength: 8 })),
      rackId: fc.option(fc.string({ maxLength: 8 })),
      subscribedTopicNames: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
      memberEpoch: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      state: fc.constantFrom(...states),
      owned: partitions,
      pending: partitions
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(memberArb, { selector: (m) => m.memberId, maxLength: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (ms, epoch) => {
          const group = new ConsumerGroup('g', 0, { groupEpoch: epoch, assignorName: 'range' })
          for (const m of ms) {
            const cm = member({ ...m, previousMemberEpoch: m.memberEpoch - 1 })
            if (m.owned.length) cm.assigned.set('orders', new Set(m.owned))
            if (m.pending.length) cm.pendingRevocation.set('payments', new Set(m.pending))
            group.members.set(m.memberId, cm)
            group.target.set(m.memberId, new Map([['orders', new Set(m.owned)]]))
          }
          const ids = (t: string) => (t === 'orders' ? ORDERS_ID : PAYMENTS_ID)
          const records = consumerGroupRecords(group, { topicId: ids, metadataHash: 0n })
          const decoded = records.map((r) =>
            decodeCoordinatorRecord(GROUP_RECORD_TYPES, r.key, r.value)
          )
          const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
          for (const m of ms) {
            const mine = decoded.filter((d) => d.key.data.memberId === m.memberId)
            const current = mine.find((d) => d.key.type === 8)?.value?.data
            expect(current).toEqual({
              memberEpoch: m.memberEpoch,
              previousMemberEpoch: m.memberEpoch - 1,
              state: states.indexOf(m.state),
              assignedPartitions: m.owned.length
                ? [{ topicId: ORDERS_KAFKA_ID, partitions: sorted(m.owned) }]
                : [],
              partitionsPendingRevocation: m.pending.length
                ? [
                    {
                      topicId: Buffer.from(PAYMENTS_ID.replace(/-/g, ''), 'hex').toString(
                        'base64url'
                      ),
                      partitions: sorted(m.pending)
                    }
                  ]
                : []
            })
            const meta = mine.find((d) => d.key.type === 5)?.value?.data
            expect(meta).toMatchObject({
              instanceId: m.instanceId,
              rackId: m.rackId,
              subscribedTopicNames: [...m.subscribedTopicNames].sort()
            })
          }
          expect(decoded.find((d) => d.key.type === 3)?.value?.data).toEqual({ epoch })
        }
      )
    )
  })
})

function member(overrides: Partial<ConsumerMember>): ConsumerMember {
  return {
    memberId: 'm',
    instanceId: null,
    rackId: null,
    clientId: 'client',
    clientHost: '/127.0.0.1',
    rebalanceTimeoutMs: 30_000,
    subscribedTopicNames: ['orders'],
    subscribedTopicRegex: null,
    serverAssignor: null,
    memberEpoch: 1,
    previousMemberEpoch: 0,
    state: 'stable',
    assigned: new Map(),
    pendingRevocation: new Map(),
    sessionTimer: null,
    revocationTimer: null,
    ...overrides
  }
}
