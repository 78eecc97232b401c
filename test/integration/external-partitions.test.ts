// Skew diagnosis and the what-if simulator on a real Kafka cluster (a second `logdeck serve`,
// reached only over the Kafka protocol): the same records, produced by kcat into the embedded
// cluster and into the external one, give the same per-partition counts, top keys, findings
// and predictions on both.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RateSeries } from '../../src/shared/api/metrics'
import type { SkewReport, WhatIfResult } from '../../src/shared/api/partitions'
import { startServe, type ServeProcess } from '../support/serve-process'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { waitFor } from '../support/wait-for'

function kcat(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('kcat', args, { timeout: 60_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout)
    )
    child.stdin!.end(input ?? '')
  })
}

/** 420 keyed records, most of them under one key, as Java clients would place them. */
const LINES = Array.from({ length: 420 }, (_, i) =>
  i % 5 < 3 ? `tenant-42:order-${i}` : `tenant-${i % 37}:order-${i}`
).join('\n')

const produce = (bootstrap: string) =>
  kcat(
    [
      ...['-b', bootstrap, '-P', '-t', 'clicks', '-K', ':'],
      ...['-X', 'partitioner=murmur2_random', '-X', 'linger.ms=20', '-X', 'batch.num.messages=32']
    ],
    LINES + '\n'
  )

describe('skew and what-if on an external cluster', () => {
  let external: ServeProcess
  let console_: TestCluster
  let dataDir: string
  let id: string
  const call = <T>(method: string, params: object) =>
    console_.service.callByName(method, params) as Promise<T>

  beforeAll(async () => {
    external = await startServe(['--in-memory', '--port', '0', '--no-ui', '--brokers', '3'])
    dataDir = mkdtempSync(join(tmpdir(), 'logdeck-console-'))
    console_ = await startTestCluster({ dataDir })
    // No history: the external cluster's load is then the records held, while the embedded
    // cluster's is its write rate over the last minute (the same shares: every record was
    // written within it).
    id = (
      await call<{ id: string }>('connections.add', {
        name: 'Skewed',
        bootstrapServers: external.bootstrap.split(','),
        historyIntervalMs: 0
      })
    ).id
    for (const connection of ['embedded', id])
      await call('topics.create', {
        connection,
        name: 'clicks',
        partitions: 4,
        replicationFactor: 1
      })
    await produce(console_.bootstrap)
    const written = Math.floor(Date.now() / 1000)
    await produce(external.bootstrap)
    // The embedded rate counts whole seconds only: wait for the second of the last write to end.
    await waitFor(
      'the embedded writes counted',
      async () => Math.floor(Date.now() / 1000) > written
    )
  })

  afterAll(async () => {
    await console_?.close()
    await external?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('finds the same hot partition and hot key as on the embedded cluster', async () => {
    const [here, there] = await Promise.all(
      ['embedded', id].map((connection) =>
        call<SkewReport>('partitions.skew', { connection, topic: 'clicks', sampleSize: 1000 })
      )
    )
    expect(there.sampledRecords).toBe(420)
    expect(there.partitions.map((p) => p.records)).toEqual(here.partitions.map((p) => p.records))
    expect(there.partitions.reduce((n, p) => n + p.records, 0)).toBe(420)
    const keys = (r: SkewReport) => r.partitions.map((p) => p.topKeys.slice(0, 3))
    expect(keys(there)).toEqual(keys(here))
    // tenant-42 holds 60% of the records, all on one partition.
    const hot = there.partitions.find((p) => p.topKeys[0]?.key === 'tenant-42')!
    expect(hot.topKeys[0].count).toBe(252)
    there.partitions.forEach((p, i) => expect(p.share).toBeCloseTo(here.partitions[i].share, 9))
    expect(there.skew.maxOverMean).toBeCloseTo(here.skew.maxOverMean, 6)
    expect(there.diagnosis.join('\n')).toContain('tenant-42')
    expect(here.diagnosis[0]).toContain('of writes')
    expect(there.diagnosis[0]).toContain('of records')
    expect(there.diagnosis).toEqual(
      here.diagnosis.map((line) => line.replace('of writes', 'of records'))
    )
    // Sizes come from DescribeLogDirs on the external cluster.
    expect(there.partitions.every((p) => p.bytes > 0)).toBe(true)
  })

  it('predicts the same distribution for more partitions and salted keys', async () => {
    for (const [partitionCount, strategy] of [
      [4, { kind: 'asIs' }],
      [12, { kind: 'asIs' }],
      [12, { kind: 'salt', buckets: 8 }],
      [6, { kind: 'none' }]
    ] as const) {
      const [here, there] = await Promise.all(
        ['embedded', id].map((connection) =>
          call<WhatIfResult>('partitions.whatIf', {
            connection,
            topic: 'clicks',
            partitionCount,
            strategy,
            sampleSize: 1000
          })
        )
      )
      expect(there.sampledRecords).toBe(420)
      if (strategy.kind === 'none') {
        expect(there.distribution.reduce((n, d) => n + d.count, 0)).toBe(420)
        continue
      }
      expect(there.distribution).toEqual(here.distribution)
      expect(there.movedShare).toBeCloseTo(here.movedShare, 9)
      if (partitionCount === 4 && strategy.kind === 'asIs') expect(there.movedShare).toBe(0)
    }
  })

  it('samples as many records for the skew report as for the what-if, with writes on one partition only', async () => {
    // 50 records on each of 4 partitions, then a history, then writes to partition 0 alone: the
    // collector's rates weigh partition 0 and leave the others at 0 records/s.
    await call('topics.create', {
      connection: id,
      name: 'bursty',
      partitions: 4,
      replicationFactor: 1
    })
    for (const p of [0, 1, 2, 3])
      await kcat(
        ['-b', external.bootstrap, '-P', '-t', 'bursty', '-p', String(p), '-K', ':'],
        Array.from({ length: 50 }, (_, i) => `k${p}-${i % 7}:v${i}`).join('\n') + '\n'
      )
    const watched = (
      await call<{ id: string }>('connections.add', {
        name: 'Skewed, with history',
        bootstrapServers: external.bootstrap.split(','),
        historyIntervalMs: 1000
      })
    ).id
    const rates = () =>
      call<{ series: RateSeries[] }>('metrics.produceRate', {
        connection: watched,
        topic: 'bursty',
        perPartition: true,
        windowMs: 60_000
      })
    await waitFor('two polls of bursty', async () => (await rates()).series.length === 4)
    await kcat(
      ['-b', external.bootstrap, '-P', '-t', 'bursty', '-p', '0', '-K', ':'],
      Array.from({ length: 30 }, (_, i) => `hot:v${i}`).join('\n') + '\n'
    )
    await waitFor('a poll that sees the writes to partition 0', async () =>
      (await rates()).series.some(
        (s) => s.partition === 0 && s.points.some((x) => x.recordsPerSec > 0)
      )
    )

    // The whole topic (230 records) fits in the sample: every partition is read whole, not
    // only the one written to lately.
    const skew = await call<SkewReport>('partitions.skew', {
      connection: watched,
      topic: 'bursty',
      sampleSize: 1000
    })
    expect(skew.sampledRecords).toBe(230)
    expect(skew.partitions.map((p) => p.topKeys.reduce((n, k) => n + k.count, 0))).toEqual([
      80, 50, 50, 50
    ])
    // The what-if simulator given the report's count samples those same records.
    const same = await call<WhatIfResult>('partitions.whatIf', {
      connection: watched,
      topic: 'bursty',
      partitionCount: 4,
      strategy: { kind: 'asIs' },
      sampleSize: skew.sampledRecords
    })
    expect(same.sampledRecords).toBe(skew.sampledRecords)
    expect(same.distribution.reduce((n, d) => n + d.count, 0)).toBe(230)
    // A smaller sample is as large as asked, partition 0 first (the writes), the rest shared
    // out among the others, on the external cluster as on the embedded one.
    for (const connection of [watched, 'embedded']) {
      if (connection === 'embedded') {
        await call('topics.create', { name: 'bursty', partitions: 4, replicationFactor: 1 })
        for (const p of [0, 1, 2, 3])
          await kcat(
            ['-b', console_.bootstrap, '-P', '-t', 'bursty', '-p', String(p), '-K', ':'],
            Array.from({ length: 50 }, (_, i) => `k${p}-${i % 7}:v${i}`).join('\n') + '\n'
          )
      }
      const [small, smallSkew] = await Promise.all([
        call<WhatIfResult>('partitions.whatIf', {
          connection,
          topic: 'bursty',
          partitionCount: 8,
          strategy: { kind: 'asIs' },
          sampleSize: 120
        }),
        call<SkewReport>('partitions.skew', { connection, topic: 'bursty', sampleSize: 120 })
      ])
      expect(small.sampledRecords).toBe(120)
      expect(smallSkew.sampledRecords).toBe(120)
    }
  })
})
