// A consumer-protocol group's heartbeats rebuild only the records they can change: a heartbeat
// that moves neither the group's epochs, its members nor its subscribed topics rebuilds and
// compares its member's records and the group's own, not every member's (the cost of a steady
// heartbeat no longer grows with the group). What goes to __consumer_offsets stays byte for byte
// what rebuilding every record writes, over random heartbeats, joins, leaves, subscription
// changes, timeouts and topic changes (fast-check), and a full rebuild after any of them finds
// nothing left to write.
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { GroupCoordinator } from '../../../src/engine/groups/coordinator'
import type {
  CoordinatorRecordBytes,
  CoordinatorRecordSink
} from '../../../src/engine/cluster/internal-topic'
import type { ConsumerHeartbeatParams } from '../../../src/engine/groups'
import { ConsumerRecordScope } from '../../../src/engine/groups/consumer-record-scope'
import { FakePartitions, heartbeatRequest, ManualScheduler, memoryDb } from './helpers'

class TopicsWithIds extends FakePartitions {
  readonly ids = new Map<string, string>()
  private next = 1
  override add(topic: string, partitions: number) {
    super.add(topic, partitions)
    this.ids.set(topic, `00000000-0000-0000-0000-${String(this.next++).padStart(12, '0')}`)
    return this
  }
  topicId(topic: string): string | undefined {
    return this.topics.has(topic) ? this.ids.get(topic) : undefined
  }
}

const coordinators: GroupCoordinator[] = []
afterEach(() => coordinators.splice(0).forEach((c) => c.close()))

/** A coordinator whose records are kept as hex `key=value` lines; `full`: never scoped. */
function coordinator(full = false) {
  const lines: string[] = []
  const sink: CoordinatorRecordSink = {
    ensure: () => {},
    write: (_groupId: string, records: readonly CoordinatorRecordBytes[]) => {
      for (const r of records) lines.push(`${r.key.toString('hex')}=${r.value?.toString('hex')}`)
    },
    committed: () => {},
    rolledBack: () => {}
  }
  const clock = new ManualScheduler()
  const partitions = new TopicsWithIds().add('orders', 6).add('payments', 4)
  const c = new GroupCoordinator({
    db: memoryDb(),
    partitions,
    scheduler: clock,
    records: sink,
    onError: (err) => {
      throw err
    }
  })
  coordinators.push(c)
  if (full) vi.spyOn(ConsumerRecordScope.prototype, 'of').mockReturnValue(undefined)
  return { c, lines, clock, partitions }
}

type Owned = { topic: string; partitions: number[] }[] | null
interface Member {
  id: string
  epoch: number
  owned: Owned
  instanceId?: string | null
}

function beat(c: GroupCoordinator, overrides: Partial<ConsumerHeartbeatParams>) {
  return c.consumerGroupHeartbeat(heartbeatRequest(overrides), 1)
}

describe('a steady heartbeat of a consumer group', () => {
  it("rebuilds its member's records and the group's own, not every member's", () => {
    const { c } = coordinator()
    const members: Member[] = []
    for (let i = 0; i < 40; i++) {
      const id = `m${String(i).padStart(2, '0')}`
      const r = beat(c, { memberId: id })
      expect(r.errorCode).toBe(ErrorCode.NONE)
      members.push({ id, epoch: r.memberEpoch, owned: r.assignment })
    }
    // Every member reaches its assignment at the group's epoch.
    for (let round = 0; round < 5; round++)
      for (const m of members) {
        const r = beat(c, { memberId: m.id, memberEpoch: m.epoch, ownedPartitions: m.owned ?? [] })
        expect(r.errorCode).toBe(ErrorCode.NONE)
        m.epoch = r.memberEpoch
        if (r.assignment) m.owned = r.assignment
      }
    const sync = vi.spyOn(c.store, 'syncStateRecords')
    const m = members[7]
    beat(c, { memberId: m.id, memberEpoch: m.epoch, ownedPartitions: m.owned })
    expect(sync).toHaveBeenCalledTimes(1)
    const state = sync.mock.calls[0][1]
    // Its subscription, target and current assignment; the group epoch (with the subscribed
    // topics' metadata hash) and the target assignment epoch.
    expect(state).toHaveLength(5)
    expect(state.filter((r) => r.key.includes(Buffer.from(m.id))).length).toBe(3)
    sync.mockRestore()
  })
})

type Op =
  | { kind: 'join'; member: number; topics: string[]; instance: number | null }
  | { kind: 'beat'; member: number; report: 'owned' | 'null' | 'nothing' }
  | { kind: 'subscribe'; member: number; topics: string[] }
  | { kind: 'leave'; member: number; static: boolean }
  | { kind: 'time'; ms: number }
  | { kind: 'grow'; topic: 'orders' | 'payments' }

const topicsArb = fc.subarray(['orders', 'payments'], { minLength: 1 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('join' as const),
      member: fc.nat(5),
      topics: topicsArb,
      instance: fc.option(fc.nat(1), { nil: null })
    })
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('beat' as const),
      member: fc.nat(5),
      report: fc.constantFrom('owned' as const, 'null' as const, 'nothing' as const)
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('subscribe' as const),
      member: fc.nat(5),
      topics: topicsArb
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('leave' as const),
      member: fc.nat(5),
      static: fc.boolean()
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('time' as const), ms: fc.constantFrom(5_000, 50_000) })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('grow' as const),
      topic: fc.constantFrom('orders' as const, 'payments' as const)
    })
  }
)

/**
 * Runs the operations; the records written. `check`: after each heartbeat, a rebuild of every
 * record (GroupCoordinator.changed without a member) must find nothing left to write; what it
 * wrote after one is returned in `leftOver`.
 */
function run(ops: Op[], full: boolean, check = false): { lines: string[]; leftOver: string[] } {
  const { c, lines, clock, partitions } = coordinator(full)
  const members = new Map<number, Member>()
  const leftOver: string[] = []
  let joins = 0
  for (const op of ops) {
    if (op.kind === 'join') {
      // A static member (its instance id) may take the place of one that left with epoch -2,
      // under a new member id.
      const id = op.instance === null ? `m${op.member}` : `m${op.member}-${++joins}`
      const instanceId = op.instance === null ? null : `i${op.instance}`
      const r = beat(c, { memberId: id, subscribedTopicNames: op.topics, instanceId })
      if (r.errorCode === ErrorCode.NONE) {
        for (const [k, m] of members)
          if (instanceId !== null && m.instanceId === instanceId) members.delete(k)
        members.set(op.member, { id, epoch: r.memberEpoch, owned: r.assignment, instanceId })
      }
    } else if (op.kind === 'beat' || op.kind === 'subscribe' || op.kind === 'leave') {
      const m = members.get(op.member)
      if (!m) continue
      const owned =
        op.kind === 'beat' && op.report === 'nothing'
          ? []
          : op.kind === 'beat' && op.report === 'null'
            ? null
            : (m.owned ?? [])
      const r = beat(c, {
        memberId: m.id,
        memberEpoch: op.kind === 'leave' ? (op.static && m.instanceId ? -2 : -1) : m.epoch,
        instanceId: m.instanceId,
        ownedPartitions: owned,
        subscribedTopicNames: op.kind === 'subscribe' ? op.topics : null,
        rebalanceTimeoutMs: -1
      })
      if (op.kind === 'leave' || r.errorCode !== ErrorCode.NONE) {
        // A static member that left with -2 keeps its place until another takes it.
        if (!(op.kind === 'leave' && op.static && m.instanceId)) members.delete(op.member)
        else m.epoch = -2
      } else {
        m.epoch = r.memberEpoch
        if (r.assignment) m.owned = r.assignment
      }
    } else if (op.kind === 'time') clock.advance(op.ms)
    else partitions.add(op.topic, (partitions.partitionCount(op.topic) ?? 0) + 1)
    if (check) {
      const before = lines.length
      c.changed('cg')
      const written = lines.splice(before)
      if (op.kind !== 'time' && op.kind !== 'grow') leftOver.push(...written)
    }
  }
  vi.restoreAllMocks()
  return { lines, leftOver }
}

describe("a consumer group's records, rebuilt in part", () => {
  it('are byte for byte those of rebuilding every record, and leave nothing unwritten', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        expect(run(ops, false).lines).toEqual(run(ops, true).lines)
        expect(run(ops, false, true).leftOver).toEqual([])
      }),
      {
        numRuns: 150,
        examples: [
          // A static member leaves with -2 and another takes its place: no new epoch.
          [
            [
              { kind: 'join', member: 0, topics: ['orders'], instance: 0 },
              { kind: 'join', member: 1, topics: ['orders'], instance: null },
              { kind: 'beat', member: 0, report: 'owned' },
              { kind: 'leave', member: 0, static: true },
              { kind: 'join', member: 2, topics: ['orders'], instance: 0 },
              { kind: 'beat', member: 2, report: 'owned' },
              { kind: 'beat', member: 1, report: 'owned' }
            ]
          ]
        ]
      }
    )
  })
})
