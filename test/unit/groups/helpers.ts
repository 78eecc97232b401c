// Test support for the group coordinator: a manual clock, fake partitions and request builders.
import { afterEach } from 'vitest'
import { openDatabase, type Db } from '../../../src/engine/storage/database'
import { GroupCoordinator } from '../../../src/engine/groups/coordinator'
import type { Scheduler, Timer } from '../../../src/engine/groups/scheduler'
import type { GroupSettings } from '../../../src/engine/groups/settings'
import type { ConsumerHeartbeatParams } from '../../../src/engine/groups/consumer-heartbeat'
import type {
  JoinGroupParams,
  PartitionOffsets,
  PartitionSource
} from '../../../src/engine/groups/types'

/** Timers that fire only when the test advances the clock. */
export class ManualScheduler implements Scheduler {
  private time = 1_700_000_000_000
  private seq = 0
  private readonly timers = new Map<number, { due: number; task: () => void }>()

  now(): number {
    return this.time
  }

  setTimer(delayMs: number, task: () => void): Timer {
    const id = this.seq++
    this.timers.set(id, { due: this.time + Math.max(0, delayMs), task })
    return { cancel: () => void this.timers.delete(id) }
  }

  /** Moves the clock forward, running due timers in order (including ones they schedule). */
  advance(ms: number): void {
    const target = this.time + ms
    for (;;) {
      let next: [number, { due: number; task: () => void }] | undefined
      for (const entry of this.timers)
        if (entry[1].due <= target && (!next || entry[1].due < next[1].due)) next = entry
      if (!next) break
      this.timers.delete(next[0])
      this.time = next[1].due
      next[1].task()
    }
    this.time = target
  }

  get pending(): number {
    return this.timers.size
  }
}

/** Topics with partitions whose offsets the test sets. */
export class FakePartitions implements PartitionSource {
  readonly topics = new Map<string, PartitionOffsets[]>()
  readonly timestamps = new Map<string, (ts: number) => number | null>()

  add(
    topic: string,
    partitions: number,
    offsets: PartitionOffsets = { logStartOffset: 0, highWatermark: 0 }
  ) {
    this.topics.set(
      topic,
      Array.from({ length: partitions }, () => ({ ...offsets }))
    )
    return this
  }

  set(topic: string, partition: number, offsets: PartitionOffsets): this {
    const list = this.topics.get(topic)
    if (!list) throw new Error(`no topic ${topic}`)
    list[partition] = offsets
    return this
  }

  partitionCount(topic: string): number | undefined {
    return this.topics.get(topic)?.length
  }

  topicNames(): string[] {
    return [...this.topics.keys()]
  }

  partitionOffsets(topic: string, partition: number): PartitionOffsets | undefined {
    return this.topics.get(topic)?.[partition]
  }

  offsetForTimestamp(topic: string, partition: number, timestamp: number): number | null {
    return this.timestamps.get(`${topic}-${partition}`)?.(timestamp) ?? null
  }
}

const dbs: Db[] = []
const coordinators: GroupCoordinator[] = []
afterEach(() => {
  coordinators.splice(0).forEach((c) => c.close())
  dbs.splice(0).forEach((d) => d.close())
})

export function memoryDb(): Db {
  const db = openDatabase({ dataDir: ':memory:' })
  dbs.push(db)
  return db
}

export interface Setup {
  db: Db
  clock: ManualScheduler
  partitions: FakePartitions
  coordinator: GroupCoordinator
  changes: string[]
}

export function setup(settings: Partial<GroupSettings> = {}, db: Db = memoryDb()): Setup {
  const clock = new ManualScheduler()
  const partitions = new FakePartitions().add('orders', 3).add('payments', 2)
  const changes: string[] = []
  const coordinator = new GroupCoordinator({
    db,
    partitions,
    scheduler: clock,
    settings,
    onChange: (id) => changes.push(id),
    onError: (err) => {
      throw err
    }
  })
  coordinators.push(coordinator)
  return { db, clock, partitions, coordinator, changes }
}

/** A ConsumerProtocolSubscription v0 for the given topics. */
export function subscription(...topics: string[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0, 0]), int32(topics.length)]
  for (const t of topics) parts.push(str(t))
  parts.push(int32(-1))
  return Buffer.concat(parts)
}

/** A ConsumerProtocolAssignment v0. */
export function assignment(map: Record<string, number[]>): Buffer {
  const parts: Buffer[] = [Buffer.from([0, 0]), int32(Object.keys(map).length)]
  for (const [topic, partitions] of Object.entries(map)) {
    parts.push(str(topic), int32(partitions.length), ...partitions.map(int32))
  }
  parts.push(int32(-1))
  return Buffer.concat(parts)
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}

function str(s: string): Buffer {
  const b = Buffer.from(s, 'utf8')
  const len = Buffer.alloc(2)
  len.writeInt16BE(b.length)
  return Buffer.concat([len, b])
}

/** A first ConsumerGroupHeartbeat to group cg, subscribed to orders. */
export function heartbeatRequest(
  overrides: Partial<ConsumerHeartbeatParams> = {}
): ConsumerHeartbeatParams {
  return {
    groupId: 'cg',
    memberId: '',
    memberEpoch: 0,
    instanceId: null,
    rackId: null,
    rebalanceTimeoutMs: 30_000,
    subscribedTopicNames: ['orders'],
    subscribedTopicRegex: null,
    serverAssignor: null,
    ownedPartitions: [],
    clientId: 'client',
    clientHost: '/127.0.0.1',
    ...overrides
  }
}

export function joinRequest(overrides: Partial<JoinGroupParams> = {}): JoinGroupParams {
  return {
    groupId: 'g',
    memberId: '',
    groupInstanceId: null,
    clientId: 'client',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: subscription('orders') }],
    requireKnownMemberId: false,
    ...overrides
  }
}

/** Lets resolved promises run their continuations. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

/** Tracks a promise's state without awaiting it. */
export function track<T>(p: Promise<T>): { done: () => boolean; value: () => T } {
  let settled = false
  let result: T
  void p.then((v) => {
    settled = true
    result = v
  })
  return {
    done: () => settled,
    value: () => {
      if (!settled) throw new Error('not settled')
      return result
    }
  }
}

export interface StableGroup {
  generationId: number
  leader: string
  members: string[]
}

/** Joins `n` dynamic members, lets the initial delay pass and syncs them into a Stable group. */
export async function stableGroup(
  s: Setup,
  n: number,
  overrides: (i: number) => Partial<JoinGroupParams> = () => ({})
): Promise<StableGroup> {
  const joins = Array.from({ length: n }, (_, i) =>
    s.coordinator.joinGroup(joinRequest({ clientId: `c${i}`, ...overrides(i) }))
  )
  s.clock.advance(5_000)
  const results = await Promise.all(joins)
  for (const r of results) if (r.errorCode !== 0) throw new Error(`join failed: ${r.errorCode}`)
  const { generationId, leader } = results[0]
  const members = results.map((r) => r.memberId)
  const syncs = results.map((r) =>
    s.coordinator.syncGroup({
      groupId: 'g',
      generationId,
      memberId: r.memberId,
      groupInstanceId: overrides(results.indexOf(r)).groupInstanceId ?? null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments:
        r.memberId === leader
          ? members.map((m, i) => ({ memberId: m, assignment: assignment({ orders: [i] }) }))
          : []
    })
  )
  for (const r of await Promise.all(syncs))
    if (r.errorCode !== 0) throw new Error(`sync failed: ${r.errorCode}`)
  return { generationId, leader, members }
}
