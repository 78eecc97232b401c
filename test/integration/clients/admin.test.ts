// Topic administration with real clients: kafkajs, kcat (librdkafka) and confluent-kafka-python.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat, python } from '../../support/external-clients'

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startTestCluster()
})
afterAll(async () => {
  await cluster?.close()
})

describe('kafkajs admin', () => {
  it('creates, describes, alters and deletes topics', async () => {
    const kafka = new Kafka({
      clientId: 'it-admin',
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING
    })
    const admin = kafka.admin()
    await admin.connect()
    try {
      expect(
        await admin.createTopics({
          topics: [
            {
              topic: 'kjs-orders',
              numPartitions: 6,
              replicationFactor: 3,
              configEntries: [{ name: 'retention.ms', value: '60000' }]
            }
          ],
          waitForLeaders: true
        })
      ).toBe(true)
      const meta = await admin.fetchTopicMetadata({ topics: ['kjs-orders'] })
      expect(meta.topics[0].partitions).toHaveLength(6)
      for (const p of meta.topics[0].partitions) {
        expect(p.replicas).toHaveLength(3)
        expect(p.isr).toHaveLength(3)
        expect(p.leader).toBe(p.replicas[0])
      }
      expect(await admin.listTopics()).toContain('kjs-orders')
      const described = await admin.describeConfigs({
        resources: [{ type: 2, name: 'kjs-orders' }],
        includeSynonyms: false
      })
      const entries = described.resources[0].configEntries
      expect(entries.find((e) => e.configName === 'retention.ms')?.configValue).toBe('60000')
      expect(entries.find((e) => e.configName === 'cleanup.policy')?.configValue).toBe('delete')
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: 2,
            name: 'kjs-orders',
            configEntries: [{ name: 'cleanup.policy', value: 'compact' }]
          }
        ]
      })
      expect(cluster.engine.topic('kjs-orders')?.configOverrides['cleanup.policy']).toBe('compact')
      await admin.createPartitions({ topicPartitions: [{ topic: 'kjs-orders', count: 8 }] })
      expect(cluster.engine.topic('kjs-orders')?.partitions).toHaveLength(8)
      await expect(
        admin.createPartitions({ topicPartitions: [{ topic: 'kjs-orders', count: 2 }] })
      ).rejects.toThrow()
      // A second creation is refused with TOPIC_ALREADY_EXISTS: kafkajs answers false.
      expect(await admin.createTopics({ topics: [{ topic: 'kjs-orders' }] })).toBe(false)
      const rf = await admin
        .createTopics({ topics: [{ topic: 'too-many-replicas', replicationFactor: 4 }] })
        .catch((err: { errors?: { type: string }[] }) => err)
      expect((rf as { errors: { type: string }[] }).errors[0].type).toBe(
        'INVALID_REPLICATION_FACTOR'
      )
      await admin.deleteTopics({ topics: ['kjs-orders'] })
      expect(await admin.listTopics()).not.toContain('kjs-orders')
    } finally {
      await admin.disconnect()
    }
  })
})

describe('kcat', () => {
  it('-L lists every broker, topic and partition', async () => {
    cluster.engine.createTopic({ name: 'kcat-listed', partitions: 3, replicationFactor: 2 })
    const r = await kcat(['-L', '-b', cluster.bootstrap])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('3 brokers:')
    for (const l of cluster.listeners)
      expect(r.stdout).toContain(`broker ${l.brokerId} at 127.0.0.1:${l.port}`)
    expect(r.stdout).toContain('topic "kcat-listed" with 3 partitions:')
    expect(r.stdout).toMatch(/partition 2, leader \d, replicas: \d,\d, isrs: \d,\d/)
  })
})

describe('confluent-kafka-python admin', () => {
  it('creates a topic with configs and reads them back', async () => {
    const r = await python(
      `
import sys
from confluent_kafka.admin import AdminClient, NewTopic, ConfigResource
a = AdminClient({'bootstrap.servers': sys.argv[1]})
for t, f in a.create_topics([NewTopic('py-admin', num_partitions=4, replication_factor=3, config={'retention.ms': '1000'})]).items():
    f.result()
for res, f in a.describe_configs([ConfigResource('topic', 'py-admin')]).items():
    c = f.result()
    print(c['retention.ms'].value, c['retention.ms'].source, c['cleanup.policy'].value, c['cleanup.policy'].is_default)
md = a.list_topics(timeout=10)
print(len(md.topics['py-admin'].partitions), len(md.brokers))
try:
    a.create_topics([NewTopic('bad name', num_partitions=1, replication_factor=1)])['bad name'].result()
except Exception as e:
    print('refused', e.args[0].name())
`,
      [cluster.bootstrap]
    )
    // librdkafka may log info lines (%6, e.g. purging its background queue) as it shuts down;
    // anything of notice level or worse is a failure.
    const logged = r.stderr.split('\n').filter((l) => l !== '' && !/^%[67]\|/.test(l))
    expect(logged).toEqual([])
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).toBe('1000 1 delete True')
    expect(lines[1]).toBe('4 3')
    // librdkafka names INVALID_TOPIC_EXCEPTION (17) TOPIC_EXCEPTION.
    expect(lines[2]).toBe('refused TOPIC_EXCEPTION')
  })
})
