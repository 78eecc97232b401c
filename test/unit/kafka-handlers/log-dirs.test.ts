// DescribeLogDirs through encoded frames: each broker reports the replicas it holds, their size
// and how far their log end trails the high watermark, at every served version.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { IN_MEMORY_LOG_DIR } from '../../../src/engine/kafka/handlers/log-dirs'
import { encodeBatch } from '../../../src/engine/records'
import type { Engine } from '../../../src/engine/engine'
import type { Topic } from '../../../src/engine/log/topic-registry'
import { engineInternals } from '../../support/engine-internals'
import { openEngine, send } from './helpers'

const T0 = 1_800_000_000_000

function produce(e: Engine, t: Topic, partition: number, n: number, now: number) {
  const batch = encodeBatch(
    Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `value-${i}` })),
    { now }
  )
  return e.appendAsLeader(t, partition, batch, 1, now)
}

/** A topic of two partitions over brokers [0, 1] and [1, 2], with records in both. */
function twoPartitions(e: Engine) {
  const t = e.createTopic({
    name: 'orders',
    partitions: 2,
    replicationFactor: 2,
    assignment: [
      [0, 1],
      [1, 2]
    ]
  })
  produce(e, t, 0, 5, T0)
  produce(e, t, 1, 3, T0)
  engineInternals(e).replication.tick(T0 + 1)
  return t
}

const byTopic = (res: { results: { topics: { name: string; partitions: object[] }[] }[] }) =>
  Object.fromEntries(res.results[0].topics.map((t) => [t.name, t.partitions]))

describe('DescribeLogDirs', () => {
  it.each([0, 1, 2, 3, 4])(
    'v%i reports each replica the broker holds, with its size',
    async (v) => {
      const e = openEngine({ replication: { tickMs: 0 } })
      const t = twoPartitions(e)
      const size0 = BigInt(e.partitionLog(t, 0).sizeBytes)
      const size1 = BigInt(e.partitionLog(t, 1).sizeBytes)
      expect(size0).toBeGreaterThan(0n)
      const all = await send(e, 1, ApiKey.DescribeLogDirs, v, { topics: null })
      expect(all.results).toHaveLength(1)
      expect(all.results[0]).toMatchObject({ errorCode: 0, logDir: IN_MEMORY_LOG_DIR })
      expect(byTopic(all)).toEqual({
        orders: [
          { partitionIndex: 0, partitionSize: size0, offsetLag: 0n, isFutureKey: false },
          { partitionIndex: 1, partitionSize: size1, offsetLag: 0n, isFutureKey: false }
        ]
      })
      // Broker 0 holds only partition 0; a topic or partition it does not know is left out.
      const some = await send(e, 0, ApiKey.DescribeLogDirs, v, {
        topics: [
          { topic: 'orders', partitions: [0, 1, 7] },
          { topic: 'unknown', partitions: [0] }
        ]
      })
      expect(byTopic(some)).toEqual({
        orders: [{ partitionIndex: 0, partitionSize: size0, offsetLag: 0n, isFutureKey: false }]
      })
      // Versions before 4 carry no disk figures: the decoded defaults are -1.
      if (v < 4) expect(some.results[0]).toMatchObject({ totalBytes: -1n, usableBytes: -1n })
    }
  )

  it('reports how far an out-of-sync follower trails the high watermark', async () => {
    const e = openEngine({ replication: { tickMs: 0, replicaLagTimeMaxMs: 1000 } })
    const t = twoPartitions(e)
    e.configureBroker(1, { replicationDelayMs: 60_000 })
    produce(e, t, 0, 4, T0 + 10)
    engineInternals(e).replication.tick(T0 + 2000)
    expect(t.partitions[0].isr).toEqual([0])
    expect(e.partitionLog(t, 0).highWatermark).toBe(9)
    const follower = await send(e, 1, ApiKey.DescribeLogDirs, 4, {
      topics: [{ topic: 'orders', partitions: [0] }]
    })
    expect(byTopic(follower).orders).toEqual([expect.objectContaining({ offsetLag: 4n })])
    const leader = await send(e, 0, ApiKey.DescribeLogDirs, 4, {
      topics: [{ topic: 'orders', partitions: [0] }]
    })
    expect(byTopic(leader).orders).toEqual([expect.objectContaining({ offsetLag: 0n })])
  })

  it('v4 names the data directory and its disk when the cluster is on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-logdirs-'))
    try {
      const e = openEngine({ dataDir: dir })
      await expect.poll(() => e.storageStatus().totalBytes).not.toBeNull()
      const res = await send(e, 2, ApiKey.DescribeLogDirs, 4, { topics: null })
      const [r] = res.results
      expect(r.logDir).toBe(dir)
      expect(r.totalBytes).toBe(BigInt(e.storageStatus().totalBytes!))
      expect(r.usableBytes).toBeGreaterThan(0n)
      expect(r.usableBytes).toBeLessThanOrEqual(r.totalBytes)
      await e.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
