// Simulated replication: delayed followers, the high watermark, ISR shrink and expand,
// acks=all and min.insync.replicas, clean and unclean elections, restarts.
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Engine, type EngineOptions } from '../../../src/engine/engine'
import { encodeBatch } from '../../../src/engine/records'

import type { Topic } from '../../../src/engine/log/topic-registry'
import { engineInternals } from '../../support/engine-internals'

const engines: Engine[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

const T0 = 1_800_000_000_000
function open(replication: EngineOptions['replication'], dataDir = ':memory:'): Engine {
  const e = Engine.open({
    dataDir,
    brokers: 3,
    port: 0,
    replication: { tickMs: 0, ...replication }
  })
  engines.push(e)
  return e
}
function topicOn(e: Engine, configs: Record<string, string> = {}): Topic {
  return e.createTopic({
    name: 't',
    partitions: 1,
    replicationFactor: 3,
    configs,
    assignment: [[0, 1, 2]]
  })
}
function produce(e: Engine, t: Topic, n: number, now: number, acks = 1) {
  const batch = encodeBatch(
    Array.from({ length: n }, (_, i) => ({ value: `v${i}` })),
    { now }
  )
  return e.appendAsLeader(t, 0, batch, acks, now)
}
const log = (e: Engine, t: Topic) => e.partitionLog(t, 0)

describe('replication', () => {
  it('slows one broker down at run time and keeps the setting across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-slow-'))
    dirs.push(dir)
    const e = open({ replicaLagTimeMaxMs: 1000 }, dir)
    const t = topicOn(e)
    e.configureBroker(2, { replicationDelayMs: 5000 })
    produce(e, t, 4, T0)
    engineInternals(e).replication.tick(T0 + 100)
    expect(e.replicaLogEnd(t, t.partitions[0], 1)).toBe(4)
    expect(e.replicaLogEnd(t, t.partitions[0], 2)).toBe(0)
    engineInternals(e).replication.tick(T0 + 1500)
    expect(t.partitions[0].isr).toEqual([0, 1])
    await e.close()
    engines.splice(engines.indexOf(e), 1)
    expect(engineInternals(open({}, dir)).replication.settings.brokerDelayMs[2]).toBe(5000)
  })

  it('keeps the high watermark at the slowest in-sync follower', () => {
    const e = open({ followerDelayMs: 100, brokerDelayMs: { 2: 300 }, replicaLagTimeMaxMs: 10_000 })
    const t = topicOn(e)
    produce(e, t, 10, T0)
    expect(log(e, t).logEndOffset).toBe(10)
    expect(log(e, t).highWatermark).toBe(0)
    engineInternals(e).replication.tick(T0 + 150)
    expect(e.replicaLogEnd(t, t.partitions[0], 1)).toBe(10)
    expect(log(e, t).highWatermark).toBe(0)
    engineInternals(e).replication.tick(T0 + 350)
    expect(log(e, t).highWatermark).toBe(10)
  })

  it('completes acks=all once the ISR holds the records, and consumers only see them then', async () => {
    const e = open({ followerDelayMs: 50 })
    const t = topicOn(e)
    const now = Date.now()
    const out = produce(e, t, 5, now, -1)
    expect(out.errorCode).toBe(ErrorCode.NONE)
    expect(log(e, t).read(0, 1 << 20, { upTo: log(e, t).highWatermark })).toEqual([])
    const acked = e.waitForHighWatermark(t, 0, out.lastOffset + 1, 5000)
    engineInternals(e).replication.tick(now + 60)
    expect(await acked).toBe(true)
    expect(log(e, t).highWatermark).toBe(5)
    expect(await e.waitForHighWatermark(t, 0, 99, 20)).toBe(false)
  })

  it('drops a follower from the ISR after replica.lag.time.max.ms and takes it back when caught up', () => {
    const e = open({ followerDelayMs: 0, brokerDelayMs: { 2: 5000 }, replicaLagTimeMaxMs: 1000 })
    const t = topicOn(e)
    produce(e, t, 3, T0)
    engineInternals(e).replication.tick(T0 + 500)
    expect(t.partitions[0].isr).toEqual([0, 1, 2])
    engineInternals(e).replication.tick(T0 + 1500)
    expect(t.partitions[0].isr).toEqual([0, 1])
    // Without broker 2 in the ISR the high watermark follows broker 1.
    expect(log(e, t).highWatermark).toBe(3)
    engineInternals(e).replication.tick(T0 + 5100)
    expect(t.partitions[0].isr).toEqual([0, 1, 2])
    const kinds = e.history(10).map((c) => c.kind)
    expect(kinds).toContain('isr-shrunk')
    expect(kinds).toContain('isr-expanded')
    // The leader counts the ISR changes it made (IsrShrinksPerSec, IsrExpandsPerSec).
    expect(
      [0, 1, 2].map((b) => [e.brokerStats(b).isrShrinks, e.brokerStats(b).isrExpands])
    ).toEqual([
      [1, 1],
      [0, 0],
      [0, 0]
    ])
  })

  it('refuses acks=all below min.insync.replicas and accepts again after a restart', () => {
    const e = open({})
    const t = topicOn(e, { 'min.insync.replicas': '2' })
    expect(produce(e, t, 1, Date.now(), -1).errorCode).toBe(ErrorCode.NONE)
    e.stopBroker(1)
    e.stopBroker(2)
    expect(t.partitions[0].isr).toEqual([0])
    const refused = produce(e, t, 1, Date.now(), -1)
    expect(refused.errorCode).toBe(ErrorCode.NOT_ENOUGH_REPLICAS)
    // acks=1 is not bound by min.insync.replicas.
    expect(produce(e, t, 1, Date.now(), 1).errorCode).toBe(ErrorCode.NONE)
    e.startBroker(1)
    expect(t.partitions[0].isr.sort()).toEqual([0, 1])
    expect(produce(e, t, 1, Date.now(), -1).errorCode).toBe(ErrorCode.NONE)
  })

  it('a partition with one replica comes back whole when its broker restarts', () => {
    const e = open({})
    const t = e.createTopic({
      name: 'solo',
      partitions: 1,
      replicationFactor: 1,
      assignment: [[1]]
    })
    produce(e, t, 40, Date.now(), -1)
    e.stopBroker(1)
    expect(t.partitions[0].leader).toBe(-1)
    expect(e.replicaLogEnd(t, t.partitions[0], 1)).toBe(40)
    e.startBroker(1)
    expect(t.partitions[0].leader).toBe(1)
    expect(log(e, t).logEndOffset).toBe(40)
    expect(e.history(10).some((c) => (c.recordsLost ?? 0) > 0)).toBe(false)
  })

  it('a leader that steps down for the preferred replica keeps the whole log as a follower', () => {
    const e = open({})
    const t = topicOn(e)
    e.stopBroker(0)
    produce(e, t, 9, Date.now(), -1)
    e.startBroker(0)
    expect(e.electPreferredLeaders('t').map((x) => x.leader)).toEqual([0])
    expect(e.replicaLogEnd(t, t.partitions[0], 1)).toBe(9)
    expect(log(e, t).logEndOffset).toBe(9)
  })

  it('fails over to an in-sync follower without losing acknowledged records', () => {
    const e = open({})
    const t = topicOn(e)
    produce(e, t, 20, Date.now(), -1)
    const epoch = t.partitions[0].leaderEpoch
    e.stopBroker(0)
    expect(t.partitions[0].leader).toBe(1)
    expect(t.partitions[0].leaderEpoch).toBe(epoch + 1)
    expect(log(e, t).logEndOffset).toBe(20)
    expect(log(e, t).highWatermark).toBe(20)
  })

  it('an unclean election loses exactly the records above the new leader and reports them', () => {
    const e = open({ brokerDelayMs: { 1: 1e9, 2: 1e9 }, replicaLagTimeMaxMs: 1000 }, ':memory:')
    const t = topicOn(e, { 'unclean.leader.election.enable': 'true' })
    // Followers copy nothing; after the lag limit only the leader is in sync.
    produce(e, t, 7, T0, 1)
    engineInternals(e).replication.tick(T0 + 2000)
    expect(t.partitions[0].isr).toEqual([0])
    expect(e.replicaLogEnd(t, t.partitions[0], 1)).toBe(0)
    e.stopBroker(0)
    expect(t.partitions[0].leader).toBe(1)
    expect(log(e, t).logEndOffset).toBe(0)
    const change = e.history(20).find((c) => c.kind === 'unclean-election')
    expect(change?.recordsLost).toBe(7)
    expect(change?.message).toContain('7 record(s) lost')
    // The controller (broker 1 once 0 stopped) counts it; broker 0 started again counts from 0.
    expect(e.controllerId).toBe(1)
    expect(e.brokerStats(1).uncleanLeaderElections).toBe(1)
    expect(e.brokerStats(0).isrShrinks).toBeGreaterThan(0)
    e.startBroker(0)
    expect(e.brokerStats(0).isrShrinks).toBe(0)
  })

  it('without unclean election a partition with no in-sync replica goes offline', () => {
    const e = open({ brokerDelayMs: { 1: 1e9, 2: 1e9 }, replicaLagTimeMaxMs: 1000 })
    const t = topicOn(e)
    produce(e, t, 3, T0, 1)
    engineInternals(e).replication.tick(T0 + 2000)
    e.stopBroker(0)
    expect(t.partitions[0].leader).toBe(-1)
    expect(log(e, t).logEndOffset).toBe(3)
    e.startBroker(0)
    expect(t.partitions[0].leader).toBe(0)
  })

  it('a restarted broker truncates to the high watermark and catches up; state survives a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-repl-'))
    dirs.push(dir)
    const e = open({}, dir)
    const t = topicOn(e)
    produce(e, t, 4, Date.now(), -1)
    e.stopBroker(2)
    produce(e, t, 6, Date.now(), -1)
    expect(e.replicaLogEnd(t, t.partitions[0], 2)).toBe(4)
    await e.close()
    engines.splice(engines.indexOf(e), 1)
    const again = open({}, dir)
    const t2 = again.topic('t')!
    expect(again.broker(2)?.status).toBe('stopped')
    expect(engineInternals(again).replication.replicaLogEnd(t2, t2.partitions[0], 2)).toBe(4)
    expect(t2.partitions[0].isr).toEqual([0, 1])
    again.startBroker(2)
    engineInternals(again).replication.tick(Date.now())
    expect(engineInternals(again).replication.replicaLogEnd(t2, t2.partitions[0], 2)).toBe(10)
    expect(t2.partitions[0].isr).toEqual([0, 1, 2])
  })
})
