// The overview's "Connect a client" snippets, run as printed with the real clients: kcat and
// confluent-kafka-python write to the existing topic, on the partitions murmur2 gives their
// keys (as the Java client places them), and never auto-create a one-partition topic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { run } from '../../support/external-clients'
import { clientSnippets } from '../../../src/renderer/src/lib/client-snippets'
import { murmur2Partition } from '../../../src/engine/producers/murmur2'

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startTestCluster()
})
afterAll(async () => {
  await cluster?.close()
})

const servers = () => cluster.bootstrap.split(',')

async function records(topic: string) {
  const svc = cluster.service
  const d = await svc.call('topics.describe', { name: topic })
  const out: { key: string | null; partition: number }[] = []
  for (const p of d.partitions) {
    const r = await svc.call('messages.read', {
      topic,
      partition: p.partition,
      from: 'earliest',
      limit: 100
    })
    for (const rec of r.records) out.push({ key: rec.key, partition: p.partition })
  }
  return out
}

describe('client snippets', () => {
  it('kcat writes keyed records to the existing topic on murmur2 partitions and reads them', async () => {
    await cluster.service.call('topics.create', {
      name: 'orders',
      partitions: 6,
      replicationFactor: 3
    })
    const { kcat } = clientSnippets(servers(), { name: 'orders', partitions: 6 })
    expect(kcat).toContain(`-b ${cluster.bootstrap} `)
    const r = await run('bash', ['-c', kcat])
    expect(r.code, r.stderr).toBe(0)
    // The consuming line printed both records with their partition.
    for (const key of ['key-1', 'key-2']) {
      const p = murmur2Partition(Buffer.from(key), 6)
      expect(r.stdout).toMatch(new RegExp(`^${p}/\\d+ ${key}: `, 'm'))
    }
    const got = await records('orders')
    expect(got.map((x) => x.key).sort()).toEqual(['key-1', 'key-2'])
    for (const x of got) expect(x.partition).toBe(murmur2Partition(Buffer.from(x.key ?? ''), 6))
  })

  it('confluent-kafka-python writes to the topic on the murmur2 partition', async () => {
    await cluster.service.call('topics.create', {
      name: 'payments',
      partitions: 5,
      replicationFactor: 3
    })
    const { python } = clientSnippets(servers(), { name: 'payments', partitions: 5 })
    expect(python).toContain('from confluent_kafka import Producer')
    const r = await run('/usr/bin/python3', ['-c', python])
    expect(r.code, r.stderr).toBe(0)
    expect(await records('payments')).toEqual([
      { key: 'key-1', partition: murmur2Partition(Buffer.from('key-1'), 5) }
    ])
  })

  it('kcat does not auto-create a missing topic', async () => {
    const { kcat } = clientSnippets(servers(), null)
    expect(kcat).toContain('Create the topic first')
    // The producing command, aimed at a topic that does not exist.
    const produce = kcat
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .slice(0, 2)
      .join('\n')
      .replace(/-t orders /, '-t never.created ')
    expect(produce).toContain('-t never.created ')
    await run('bash', ['-c', produce.replace('| kcat', '| timeout 10 kcat')])
    const { topics } = await cluster.service.call('topics.list', {})
    expect(topics.map((t) => t.name)).not.toContain('never.created')
  })
})
