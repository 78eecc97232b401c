// Skew diagnosis and the what-if simulator on a real Kafka cluster (a second `logdeck serve`,
// reached only over the Kafka protocol): the same records, produced by kcat into the embedded
// cluster and into the external one, give the same per-partition counts, top keys, findings
// and predictions on both.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SkewReport, WhatIfResult } from '../../src/shared/api/partitions'
import { startServe, type ServeProcess } from '../support/serve-process'
import { startTestCluster, type TestCluster } from '../support/cluster'

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
    // No history: the external sample is then spread by records held, as the embedded one is
    // without recent writes.
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
    await produce(external.bootstrap)
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
    expect(there.skew.maxOverMean).toBeCloseTo(here.skew.maxOverMean, 6)
    expect(there.diagnosis.join('\n')).toContain('tenant-42')
    expect(there.diagnosis).toEqual(here.diagnosis)
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
})
