// The package as a library: the README's test files run by vitest in a folder where `logdeck`
// is the built package, many clusters in one process that holds nothing open after close(),
// and startCluster's options and errors.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { startCluster } from '../../src/server/library'
import { ApiError } from '../../src/shared/errors'
import { run } from '../support/external-clients'
import { packageProject, readmeTestFiles, repo } from '../support/readme-project'

mkdirSync(join(repo, 'test-results'), { recursive: true })
const work = mkdtempSync(join(repo, 'test-results', 'library-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('startCluster from the package', () => {
  it("runs the README's vitest files (kafkajs, @platformatic/kafka), and vitest exits", async () => {
    const files = readmeTestFiles('In your test suite')
    expect([...files.keys()]).toEqual(['orders.test.ts', 'payments.test.ts'])
    const dir = packageProject(work, 'readme')
    for (const [name, code] of files) writeFileSync(join(dir, name), code)
    const vitest = join(repo, 'node_modules', 'vitest', 'vitest.mjs')
    const r = await run(process.execPath, [vitest, 'run', '--root', dir], undefined, 100_000)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    // eslint-disable-next-line no-control-regex
    expect(r.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Test Files\s+2 passed \(2\)/)
  })

  it('runs three clusters in one process on distinct ports and leaves nothing open', async () => {
    const dir = packageProject(work, 'three')
    writeFileSync(
      join(dir, 'three.mjs'),
      readFileSync(join(repo, 'test', 'fixtures', 'library', 'three-clusters.mjs'))
    )
    // No process.exit in the script: it ends only if close() released everything.
    const r = await run(process.execPath, [join(dir, 'three.mjs')], undefined, 60_000)
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}')
    expect(out.open).toEqual([])
    expect(out.ports).toHaveLength(6)
    expect(new Set(out.ports).size).toBe(6)
    expect(out.written).toEqual([['cluster-0'], ['cluster-1'], ['cluster-2']])
  })
})

describe('startCluster', () => {
  it('creates the topics given, serves the contract through call() and the console with ui', async () => {
    const cluster = await startCluster({
      brokers: 3,
      ui: true,
      topics: [
        { name: 'a', partitions: 2, replicationFactor: 3, configs: { 'retention.ms': '1000' } }
      ]
    })
    try {
      expect(cluster.bootstrapServers).toHaveLength(3)
      const d = await cluster.call('topics.describe', { name: 'a' })
      expect(d.partitions.map((p) => p.replicas.length)).toEqual([3, 3])
      expect(d.configs['retention.ms']).toBe('1000')
      const kafka = new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING })
      const admin = kafka.admin()
      await admin.connect()
      expect(await admin.listTopics()).toContain('a')
      await admin.disconnect()

      const url = new URL(cluster.uiUrl ?? '')
      const token = url.searchParams.get('token') ?? ''
      const res = await fetch(new URL('api/topics.list', url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}'
      })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { topics: { name: string }[] }
      expect(body.topics.map((t) => t.name)).toEqual(['a'])
    } finally {
      await cluster.close()
    }
  })

  it('gives the brokers the ids of brokerIds, as kafkajs sees them', async () => {
    const cluster = await startCluster({
      brokerIds: [9, 2, 4],
      topics: [{ name: 'ids', partitions: 3, replicationFactor: 3 }]
    })
    try {
      const kafka = new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING })
      const admin = kafka.admin()
      await admin.connect()
      try {
        const described = await admin.describeCluster()
        expect(described.brokers.map((b) => b.nodeId).sort((a, b) => a - b)).toEqual([2, 4, 9])
        expect(described.controller).toBe(2)
        const [topic] = (await admin.fetchTopicMetadata({ topics: ['ids'] })).topics
        for (const p of topic.partitions) {
          expect([...p.replicas].sort((a, b) => a - b)).toEqual([2, 4, 9])
          expect([2, 4, 9]).toContain(p.leader)
        }
      } finally {
        await admin.disconnect()
      }
      const stopped = await cluster.call('brokers.stop', { brokerId: 9 })
      expect(stopped.brokers.map((b) => [b.id, b.status])).toEqual([
        [2, 'online'],
        [4, 'online'],
        [9, 'stopped']
      ])
    } finally {
      await cluster.close()
    }
    await expect(startCluster({ brokerIds: [1, 1] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'brokerIds'
    })
    await expect(startCluster({ brokers: 2, brokerIds: [1, 2, 3] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'brokers'
    })
  })

  it('serves the schema registry at schemaRegistryUrl unless told not to, and frees its port', async () => {
    const cluster = await startCluster()
    const url = cluster.schemaRegistryUrl ?? ''
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const registered = await fetch(`${url}/subjects/events-value/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: '"string"' })
    })
    expect(await registered.json()).toEqual({ id: 1 })
    // The contract sees the same store.
    expect((await cluster.call('schemas.subjects')).subjects.map((s) => s.subject)).toEqual([
      'events-value'
    ])
    await cluster.close()
    await expect(fetch(`${url}/subjects`)).rejects.toThrow()

    const without = await startCluster({ schemaRegistry: false })
    try {
      expect(without.schemaRegistryUrl).toBeUndefined()
    } finally {
      await without.close()
    }
  })

  it("serves /metrics for Prometheus with metricsPort, under kafka_exporter's names", async () => {
    const cluster = await startCluster({
      brokers: 2,
      metricsPort: 0,
      topics: [{ name: 'events', partitions: 4, replicationFactor: 2 }]
    })
    const url = cluster.metricsUrl!
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
      const text = await (await fetch(url)).text()
      expect(text).toContain('\nkafka_brokers 2\n')
      expect(text).toContain('\nkafka_topic_partitions{topic="events"} 4\n')
      expect(text).toContain('\nkafka_topic_partition_replicas{partition="3",topic="events"} 2\n')
    } finally {
      await cluster.close()
    }
    await expect(fetch(url)).rejects.toThrow()
  })

  it("serves each broker's metrics under the JMX exporter's names with brokerMetricsPort", async () => {
    const cluster = await startCluster({
      brokers: 2,
      brokerMetricsPort: 0,
      topics: [{ name: 'events', partitions: 4, replicationFactor: 2 }]
    })
    const urls = cluster.brokerMetricsUrls!
    try {
      expect(urls).toHaveLength(2)
      for (const url of urls) {
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
        const text = await (await fetch(url)).text()
        expect(text).toContain('\nkafka_server_replicamanager_partitioncount 4\n')
        expect(text).toContain('\nkafka_server_replicamanager_leadercount 2\n')
      }
      expect(await (await fetch(urls[0])).text()).toContain(
        '\nkafka_controller_kafkacontroller_activecontrollercount 1\n'
      )
      expect(await (await fetch(urls[1])).text()).toContain(
        '\nkafka_controller_kafkacontroller_activecontrollercount 0\n'
      )
    } finally {
      await cluster.close()
    }
    await expect(fetch(urls[0])).rejects.toThrow()
  })

  it('answers bad input with an ApiError naming the field', async () => {
    await expect(startCluster({ brokers: 33 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'brokers'
    })
    await expect(startCluster({ metricsPort: 70000 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'metricsPort'
    })
    await expect(startCluster({ brokers: 3, brokerMetricsPort: 65534 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'brokerMetricsPort'
    })
    await expect(
      startCluster({ topics: [{ name: 'x', partitions: 0, replicationFactor: 1 }] })
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'partitions' })
    const cluster = await startCluster()
    try {
      const err = await cluster.call('topics.describe', { name: 'missing' }).catch((e) => e)
      expect(err).toBeInstanceOf(ApiError)
      expect(err.status).toBe(404)
    } finally {
      await cluster.close()
    }
  })
})
