// Partition reassignment in the engine: the adding replica copies the log at the throttled rate
// (ticks at chosen times), joins the ISR, then the leaving replica goes and leadership moves;
// a reassignment in flight survives a reopen; a cancel goes back to the original replicas; a
// restarted follower that its topic's throttled-replicas configs name catches up at the rate,
// which a broker's throttled replicas share.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Engine } from '../../../src/engine/engine'
import { encodeBatch } from '../../../src/engine/records'
import type { Topic } from '../../../src/engine/log/topic-registry'
import { engineInternals } from '../../support/engine-internals'

const engines: Engine[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

function open(dataDir = ':memory:'): Engine {
  const e = Engine.open({ dataDir, brokers: 3, port: 0, replication: { tickMs: 0 } })
  engines.push(e)
  return e
}

function withRecords(e: Engine, batches: number, perBatch: number): Topic {
  const t = e.createTopic({ name: 't', partitions: 1, replicationFactor: 2, assignment: [[0, 1]] })
  for (let b = 0; b < batches; b++)
    e.appendAsLeader(
      t,
      0,
      encodeBatch(
        Array.from({ length: perBatch }, (_, i) => ({ value: `value-${b}-${i}`.padEnd(100, '.') })),
        { now: Date.now() }
      ),
      -1
    )
  return t
}

const tick = (e: Engine, at: number) => engineInternals(e).replication.tick(at)

/** Ten more records into partition 0 of `t`. */
function withRecordsAppended(e: Engine, t: Topic): void {
  e.appendAsLeader(
    t,
    0,
    encodeBatch(
      Array.from({ length: 10 }, (_, i) => ({ value: `more-${i}` })),
      { now: Date.now() }
    ),
    -1
  )
}

describe('partition reassignment', () => {
  it("follows the brokers' leader/follower.replication.throttled.rate configs, for every broker or one", () => {
    const e = open()
    const t = withRecords(e, 10, 100)
    const p = t.partitions[0]
    // Cluster-wide, as `kafka-configs --entity-default` sets it; Kafka's 0 stops the copy.
    e.alterBrokerConfigs({
      brokerId: null,
      set: { 'follower.replication.throttled.rate': '0' },
      remove: []
    })
    expect(e.brokerReplication(2).followerThrottledRate).toBe(1)
    tick(e, Date.now())
    e.reassignPartition('t', 0, [2, 1])
    const T = Date.now()
    tick(e, T + 1000)
    expect(e.replicaLogEnd(t, p, 2)).toBe(0)
    // Broker 2's own value wins over the cluster-wide one: a tenth of the log per second.
    const bytes = e.partitionLog(t, 0).sizeBytes
    e.alterBrokerConfigs({
      brokerId: 2,
      set: { 'follower.replication.throttled.rate': String(Math.ceil(bytes / 10)) },
      remove: []
    })
    expect(e.brokerReplication(1).followerThrottledRate).toBe(1)
    tick(e, T + 2000)
    expect(e.replicaLogEnd(t, p, 2)).toBeGreaterThan(50)
    expect(e.replicaLogEnd(t, p, 2)).toBeLessThan(150)
    // The console's rate is the same config.
    e.configureBroker(2, { followerThrottledRate: 0 })
    e.alterBrokerConfigs({
      brokerId: null,
      set: {},
      remove: ['follower.replication.throttled.rate']
    })
    expect(
      e.describeBrokerConfigs(2).find((c) => c.name === 'follower.replication.throttled.rate')
    ).toMatchObject({ source: 'DEFAULT_CONFIG' })
    tick(e, T + 2100)
    expect(e.reassignments()).toEqual([])
    expect(p.replicas).toEqual([2, 1])
  })

  it('copies at the throttled rate, then swaps the replicas and moves the leader', () => {
    const e = open()
    const t = withRecords(e, 10, 100)
    const p = t.partitions[0]
    const bytes = e.partitionLog(t, 0).sizeBytes
    // A tenth of the log per second.
    e.configureBroker(2, { followerThrottledRate: Math.ceil(bytes / 10) })
    // The reassignment ticks replication at the current time; the next tick is a second later.
    tick(e, Date.now())
    e.reassignPartition('t', 0, [2, 1])
    const T = Date.now()
    expect(p.replicas).toEqual([2, 1, 0])
    expect(p.reassignment).toMatchObject({ adding: [2], removing: [0] })
    expect(e.replicaLogEnd(t, p, 2)).toBeLessThan(10)
    tick(e, T + 1000)
    const afterOneSecond = e.replicaLogEnd(t, p, 2)
    expect(afterOneSecond).toBeGreaterThan(50)
    expect(afterOneSecond).toBeLessThan(150)
    expect(e.replicaSizeBytes(t, p, 2)).toBeLessThan(bytes / 5)
    expect(p.isr).toEqual([0, 1])
    // Without the throttle it finishes on the next tick.
    e.configureBroker(2, { followerThrottledRate: 0 })
    tick(e, T + 1100)
    expect(e.reassignments()).toEqual([])
    expect(p.replicas).toEqual([2, 1])
    expect(p.isr.sort()).toEqual([1, 2])
    expect(p.leader).toBe(2)
    expect(p.leaderEpoch).toBe(1)
    expect(e.replicaSizeBytes(t, p, 2)).toBe(bytes)
    expect(e.history(10).map((c) => c.kind)).toEqual([
      'reassignment-completed',
      'isr-expanded',
      'reassignment-started'
    ])
  })

  it('keeps a reassignment in flight across a reopen, and finishes it after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-reassign-'))
    dirs.push(dir)
    const e = open(dir)
    const t = withRecords(e, 5, 100)
    e.configureBroker(2, { followerThrottledRate: 1000 })
    tick(e, Date.now())
    e.reassignPartition('t', 0, [1, 2])
    tick(e, Date.now() + 500)
    const copied = e.replicaLogEnd(t, t.partitions[0], 2)
    expect(copied).toBeLessThan(500)
    await e.close()
    engines.splice(engines.indexOf(e), 1)

    const again = open(dir)
    const t2 = again.topic('t')!
    expect(again.reassignments()).toMatchObject([
      { topic: 't', partition: 0, replicas: [1, 2, 0], addingReplicas: [2], removingReplicas: [0] }
    ])
    expect(again.replicaLogEnd(t2, t2.partitions[0], 2)).toBe(copied)
    expect(again.brokerReplication(2).followerThrottledRate).toBe(1000)
    again.configureBroker(2, { followerThrottledRate: 0 })
    tick(again, Date.now() + 1000)
    expect(again.reassignments()).toEqual([])
    expect(t2.partitions[0]).toMatchObject({ replicas: [1, 2], leader: 1 })
  })

  it('keeps the move of an empty partition in flight until the new replica has fetched', () => {
    const e = open()
    const t = e.createTopic({
      name: 'e',
      partitions: 1,
      replicationFactor: 2,
      assignment: [[0, 1]]
    })
    const p = t.partitions[0]
    e.reassignPartition('e', 0, [2, 1])
    const T = Date.now()
    // As in Kafka, the request only starts the move: broker 2 has not fetched yet.
    expect(e.reassignments()).toMatchObject([
      { topic: 'e', partition: 0, replicas: [2, 1, 0], addingReplicas: [2], removingReplicas: [0] }
    ])
    expect(p.isr).toEqual([0, 1])
    // Nor has it before its broker has started fetching it (replicaStartMs, 500 ms).
    tick(e, T + 100)
    expect(e.reassignments()).toHaveLength(1)
    expect(p.isr).not.toContain(2)
    // Its first fetch finds it caught up: it joins the ISR and the move completes.
    tick(e, T + 600)
    expect(e.reassignments()).toEqual([])
    expect(p).toMatchObject({ replicas: [2, 1], leader: 2 })
    expect(e.history(3).map((c) => c.kind)).toEqual([
      'reassignment-completed',
      'isr-expanded',
      'reassignment-started'
    ])
  })

  it('holds the new replica out of the ISR on appends before its first fetch', () => {
    const e = open()
    const t = withRecords(e, 1, 10)
    const p = t.partitions[0]
    e.reassignPartition('t', 0, [2, 1])
    const T = Date.now()
    withRecordsAppended(e, t)
    expect(e.replicaLogEnd(t, p, 2)).toBe(0)
    expect(p.isr).toEqual([0, 1])
    tick(e, T + 600)
    expect(e.reassignments()).toEqual([])
    expect(e.replicaLogEnd(t, p, 2)).toBe(20)
  })

  it('starts the fetcher of a move in flight again after a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-reassign-'))
    dirs.push(dir)
    const e = open(dir)
    e.createTopic({ name: 'e', partitions: 1, replicationFactor: 2, assignment: [[0, 1]] })
    e.reassignPartition('e', 0, [2, 1])
    await e.close()
    engines.splice(engines.indexOf(e), 1)

    const again = open(dir)
    const T = Date.now()
    expect(again.reassignments()).toMatchObject([{ topic: 'e', addingReplicas: [2] }])
    tick(again, T + 600)
    expect(again.reassignments()).toEqual([])
    expect(again.topic('e')!.partitions[0].replicas).toEqual([2, 1])
  })

  it("takes the console's throttle off once its moves are over, leaving the brokers' own rates", () => {
    const e = open()
    const t = e.createTopic({
      name: 'two',
      partitions: 2,
      replicationFactor: 2,
      assignment: [
        [0, 1],
        [0, 1]
      ]
    })
    const rateOn = (b: number, side: 'leader' | 'follower') =>
      e.describeBrokerConfigs(b).find((c) => c.name === `${side}.replication.throttled.rate`)!
    // Set by the user: broker 0's leader rate (the move overwrites it), broker 1's follower rate.
    e.alterBrokerConfigs({
      brokerId: 0,
      set: { 'leader.replication.throttled.rate': '5000' },
      remove: []
    })
    e.alterBrokerConfigs({
      brokerId: 1,
      set: { 'follower.replication.throttled.rate': '7000' },
      remove: []
    })
    e.reassignPartition('two', 0, [2, 1], { throttleBytesPerSec: 1_000_000 })
    e.reassignPartition('two', 1, [2, 1], { throttleBytesPerSec: 2_000_000 })
    const T = Date.now()
    for (const b of [0, 2])
      for (const side of ['leader', 'follower'] as const)
        expect(rateOn(b, side)).toMatchObject({ value: '2000000', source: 'DYNAMIC_BROKER_CONFIG' })
    // Partition 0's move is cancelled: partition 1's still goes through brokers 0 and 2.
    e.reassignPartition('two', 0, null)
    expect(rateOn(2, 'follower').value).toBe('2000000')
    expect(e.history(5).map((c) => c.kind)).not.toContain('throttle-removed')
    tick(e, T + 600)
    expect(t.partitions[1].replicas).toEqual([2, 1])
    expect(rateOn(0, 'leader')).toMatchObject({ value: '5000', source: 'DYNAMIC_BROKER_CONFIG' })
    expect(rateOn(0, 'follower').source).toBe('DEFAULT_CONFIG')
    for (const side of ['leader', 'follower'] as const)
      expect(rateOn(2, side).source).toBe('DEFAULT_CONFIG')
    expect(rateOn(1, 'follower')).toMatchObject({ value: '7000', source: 'DYNAMIC_BROKER_CONFIG' })
    const [removed, completed] = e.history(2)
    expect(completed.kind).toBe('reassignment-completed')
    expect(removed).toMatchObject({ kind: 'throttle-removed', topic: 'two' })
    expect(removed.message).toContain('two-1: no longer moving')
    expect(removed.message).toContain('throttled.rate on broker 0, 2')
  })

  it('leaves a throttle changed since the move started, and settles moves ended while closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-reassign-'))
    dirs.push(dir)
    const e = open(dir)
    e.createTopic({ name: 'e', partitions: 1, replicationFactor: 2, assignment: [[0, 1]] })
    e.reassignPartition('e', 0, [2, 1], { throttleBytesPerSec: 1000 })
    // The user sets broker 2's rate themselves meanwhile: that one stays.
    e.alterBrokerConfigs({
      brokerId: 2,
      set: { 'follower.replication.throttled.rate': '3000' },
      remove: []
    })
    await e.close()
    engines.splice(engines.indexOf(e), 1)

    const again = open(dir)
    tick(again, Date.now() + 600)
    expect(again.reassignments()).toEqual([])
    const value = (b: number, name: string) =>
      again.describeBrokerConfigs(b).find((c) => c.name === name)!.value
    expect(value(0, 'leader.replication.throttled.rate')).toBe('9223372036854775807')
    expect(value(2, 'follower.replication.throttled.rate')).toBe('3000')
    expect(value(2, 'leader.replication.throttled.rate')).toBe('1000')
  })

  it('cancels back to the original replicas and forgets the added one', () => {
    const e = open()
    const t = withRecords(e, 2, 10)
    e.configureBroker(2, { followerThrottledRate: 1 })
    e.reassignPartition('t', 0, [2])
    expect(t.partitions[0].replicas).toEqual([2, 0, 1])
    e.reassignPartition('t', 0, null)
    expect(t.partitions[0]).toMatchObject({ replicas: [0, 1], leader: 0, isr: [0, 1] })
    expect(e.reassignments()).toEqual([])
    expect(() => e.reassignPartition('t', 0, null)).toThrow(/No reassignment/)
    expect(() => e.reassignPartition('t', 0, [0, 5])).toThrow(/Broker 5 does not exist/)
    expect(() => e.reassignPartition('t', 3, [0])).toThrow(/Partition 3/)
  })
})

describe('leader/follower.replication.throttled.replicas', () => {
  // The clock stands still, so a broker's start copies nothing and each tick is given its time.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now())
  })
  afterEach(() => vi.useRealTimers())

  /**
   * Broker 1's replica of `t`-0 misses 1,000 records while stopped, then starts again with
   * `throttle` (a tenth of the log per second) in place.
   */
  function behind(e: Engine, throttle: (bytesPerSec: number) => void): { t: Topic; T: number } {
    const t = e.createTopic({
      name: 't',
      partitions: 1,
      replicationFactor: 2,
      assignment: [[0, 1]]
    })
    e.stopBroker(1)
    for (let b = 0; b < 10; b++)
      e.appendAsLeader(
        t,
        0,
        encodeBatch(
          Array.from({ length: 100 }, (_, i) => ({ value: `v-${b}-${i}`.padEnd(100, '.') })),
          { now: Date.now() }
        ),
        -1
      )
    throttle(Math.ceil(e.partitionLog(t, 0).sizeBytes / 10))
    const T = Date.now()
    tick(e, T)
    e.startBroker(1)
    return { t, T }
  }

  it.each([
    ['follower.replication.throttled.replicas', '0:1', 'followerThrottledRate', 1],
    ['leader.replication.throttled.replicas', '0:0', 'leaderThrottledRate', 0],
    ['follower.replication.throttled.replicas', '*', 'followerThrottledRate', 1]
  ] as const)('%s=%s holds a catching-up follower to the %s', (config, value, rate, broker) => {
    const e = open()
    const { t, T } = behind(e, (bytesPerSec) => {
      e.alterTopicConfigs('t', { [config]: value }, [])
      e.configureBroker(broker, { [rate]: bytesPerSec })
    })
    const p = t.partitions[0]
    const start = e.replicaLogEnd(t, p, 1)
    expect(start).toBe(0)
    tick(e, T + 1000)
    const afterOneSecond = e.replicaLogEnd(t, p, 1)
    expect(afterOneSecond).toBeGreaterThan(50)
    expect(afterOneSecond).toBeLessThan(150)
    expect(p.isr).toEqual([0])
    // Not named any more, it copies the rest at once and rejoins the ISR.
    e.alterTopicConfigs('t', {}, [config])
    tick(e, T + 1100)
    expect(e.replicaLogEnd(t, p, 1)).toBe(1000)
    expect(p.isr.sort()).toEqual([0, 1])
  })

  it('a rate alone, or a list naming other replicas, throttles nothing', () => {
    const e = open()
    const { t, T } = behind(e, (bytesPerSec) => {
      e.configureBroker(1, { followerThrottledRate: bytesPerSec })
      e.alterTopicConfigs('t', { 'follower.replication.throttled.replicas': '0:2,1:1' }, [])
    })
    tick(e, T + 1000)
    expect(e.replicaLogEnd(t, t.partitions[0], 1)).toBe(1000)
  })

  it("shares a broker's rate among all its throttled replicas", () => {
    const e = open()
    const t = e.createTopic({
      name: 't',
      partitions: 2,
      replicationFactor: 2,
      assignment: [
        [0, 1],
        [0, 1]
      ]
    })
    e.stopBroker(1)
    for (const partition of [0, 1])
      for (let b = 0; b < 10; b++)
        e.appendAsLeader(
          t,
          partition,
          encodeBatch(
            Array.from({ length: 100 }, (_, i) => ({ value: `v-${b}-${i}`.padEnd(100, '.') })),
            { now: Date.now() }
          ),
          -1
        )
    e.alterTopicConfigs('t', { 'follower.replication.throttled.replicas': '*' }, [])
    // A tenth of one partition's log per second, for both replicas together.
    e.configureBroker(1, { followerThrottledRate: Math.ceil(e.partitionLog(t, 0).sizeBytes / 10) })
    const T = Date.now()
    tick(e, T)
    e.startBroker(1)
    tick(e, T + 1000)
    const copied = [0, 1].map((partition) => e.replicaLogEnd(t, t.partitions[partition], 1))
    expect(copied[0] + copied[1]).toBeGreaterThan(50)
    expect(copied[0] + copied[1]).toBeLessThan(150)
  })
})
