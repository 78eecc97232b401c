// Sizes, byte rates and replica log ends of a real Kafka cluster: a second `logdeck serve`
// (followers too slow to stay in the ISR), reached only over the Kafka protocol, whose
// DescribeLogDirs answers are compared with the bytes a raw Fetch returns.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey } from '../../src/engine/kafka/protocol'
import type { ClusterInfo, TopicDescription } from '../../src/shared/model'
import type { GroupDescription } from '../../src/shared/api/groups'
import { kafkaRequest } from '../support/kafka-request'
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

/** kcat as a batching producer with acks=1: followers out of the ISR do not hold it up. */
const produce = (bootstrap: string, partition: number, n: number, tag: string) =>
  kcat(
    [
      ...['-b', bootstrap, '-P', '-t', 'sized', '-p', String(partition), '-K', ':'],
      ...['-X', 'acks=1', '-X', 'linger.ms=20', '-X', 'batch.num.messages=8']
    ],
    Array.from({ length: n }, (_, i) => `k${i % 5}:${tag}-${i}-${'x'.repeat(i % 40)}`).join('\n') +
      '\n'
  )

/** The bytes of every stored batch of a partition, as a raw Fetch (v4) from its leader returns them. */
async function fetchedBytes(port: number, partition: number): Promise<number> {
  const { body } = await kafkaRequest(port, ApiKey.Fetch, 4, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 24,
    isolationLevel: 0,
    topics: [
      {
        topic: 'sized',
        partitions: [{ partition, fetchOffset: 0n, partitionMaxBytes: 1 << 24 }]
      }
    ]
  })
  return body.responses[0].partitions[0].records?.length ?? 0
}

describe('sizes and replica log ends of an external cluster', () => {
  let external: ServeProcess
  let console_: TestCluster
  let dataDir: string
  let id: string
  const call = <T>(method: string, params: object) =>
    console_.service.callByName(method, params) as Promise<T>
  const ports = () => external.bootstrap.split(',').map((a) => Number(a.split(':')[1]))

  beforeAll(async () => {
    external = await startServe([
      ...['--in-memory', '--port', '0', '--no-ui', '--brokers', '2'],
      ...['--replication-delay-ms', '3600000', '--replica-lag-time-max-ms', '100']
    ])
    dataDir = mkdtempSync(join(tmpdir(), 'logdeck-console-'))
    console_ = await startTestCluster({ dataDir })
    id = (
      await call<{ id: string }>('connections.add', {
        name: 'Sized',
        bootstrapServers: external.bootstrap.split(','),
        historyIntervalMs: 1000
      })
    ).id
    await call('topics.create', {
      connection: id,
      name: 'sized',
      partitions: 2,
      replicationFactor: 2
    })
    await produce(external.bootstrap, 0, 40, 'a')
    await produce(external.bootstrap, 1, 9, 'b')
    // Until the followers leave the ISR the high watermark, and so what Fetch returns, stays 0.
    await waitFor('the slow followers to leave the ISR', async () => {
      const t = await call<TopicDescription>('topics.describe', { connection: id, name: 'sized' })
      return t.partitions.every((p) => p.isr.length === 1 && p.highWatermark > 0)
    })
  })

  afterAll(async () => {
    await console_?.close()
    await external?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('gives each partition the size of its stored batches, the topic their sum', async () => {
    const t = await call<TopicDescription>('topics.describe', { connection: id, name: 'sized' })
    for (const p of t.partitions) {
      const leaderPort = ports()[p.leader]
      expect(p.sizeBytes).toBe(await fetchedBytes(leaderPort, p.partition))
    }
    expect(t.partitions[0].sizeBytes).toBeGreaterThan(t.partitions[1].sizeBytes!)
    expect(t.partitions[1].sizeBytes).toBeGreaterThan(0)
    const { topics } = await call<{ topics: { name: string; sizeBytes: number | null }[] }>(
      'topics.list',
      { connection: id }
    )
    expect(topics.find((x) => x.name === 'sized')?.sizeBytes).toBe(
      t.partitions[0].sizeBytes! + t.partitions[1].sizeBytes!
    )
    // A broker holds what it has copied: all of the partitions it leads, nothing yet of those it
    // follows (the followers copy nothing here); an in-memory cluster has no disk to report.
    const info = await call<ClusterInfo>('cluster.describe', { connection: id })
    for (const b of info.brokers) {
      const led = t.partitions.filter((p) => p.leader === b.id)
      expect(b.sizeBytes).toBe(led.reduce((sum, p) => sum + p.sizeBytes!, 0))
      expect(b.diskTotalBytes).toBeNull()
    }
  })

  it('reports in-sync replicas at the high watermark and a follower out of the ISR where it stands', async () => {
    const t = await call<TopicDescription>('topics.describe', { connection: id, name: 'sized' })
    for (const p of t.partitions) {
      const follower = p.replicas.find((r) => r !== p.leader)!
      expect(p.replicaLogEndOffsets[p.leader]).toBe(p.highWatermark)
      // The follower copied nothing: it trails the high watermark by all of it.
      expect(p.replicaLogEndOffsets[follower]).toBe(0)
    }
    // The raw answer of a follower's broker says the same, at the oldest version.
    const p0 = t.partitions[0]
    const follower = p0.replicas.find((r) => r !== p0.leader)!
    const { body } = await kafkaRequest(ports()[follower], ApiKey.DescribeLogDirs, 0, {
      topics: [{ topic: 'sized', partitions: [0] }]
    })
    expect(body.results[0].topics[0].partitions[0]).toMatchObject({
      partitionIndex: 0,
      offsetLag: BigInt(p0.highWatermark)
    })
  })

  it('measures bytes per second from the collected sizes', async () => {
    await waitFor('two samples of the sizes', async () => {
      const t = await call<TopicDescription>('topics.describe', { connection: id, name: 'sized' })
      return t.partitions.every((p) => p.bytesPerSec !== null)
    })
    const before = await call<TopicDescription>('topics.describe', {
      connection: id,
      name: 'sized'
    })
    await produce(external.bootstrap, 1, 30, 'c')
    let grown: TopicDescription | null = null
    await waitFor('a byte rate on partition 1', async () => {
      grown = await call<TopicDescription>('topics.describe', { connection: id, name: 'sized' })
      return (grown.partitions[1].bytesPerSec ?? 0) > 0
    })
    expect(grown!.partitions[1].sizeBytes).toBeGreaterThan(before.partitions[1].sizeBytes!)
    const { series } = await call<{ series: { points: { bytesPerSec: number }[] }[] }>(
      'metrics.produceRate',
      { connection: id, topic: 'sized' }
    )
    expect(series[0].points.some((p) => p.bytesPerSec > 0)).toBe(true)
  })

  it('shows a group generation as unknown, since DescribeGroups does not carry it', async () => {
    await kcat([
      ...['-b', external.bootstrap, '-G', 'sizers', '-X', 'auto.offset.reset=earliest'],
      ...['-X', 'enable.auto.commit=true', '-c', '5', '-e', 'sized']
    ])
    let g: GroupDescription | null = null
    await waitFor('the group commit', async () => {
      g = await call<GroupDescription>('groups.describe', {
        connection: id,
        groupId: 'sizers'
      }).catch(() => null)
      return g !== null && g.offsets.length > 0
    })
    expect(g!.generationId).toBeNull()
  })
})
