// Every topic config Kafka defines is accepted, those the broker does not act on included
// (flush.ms, throttled replica lists, deprecated message.format.version ...), and DescribeConfigs
// lists them all with their sources and synonyms as Kafka does: a topic's override first, then the
// broker config it defaults to (retention.ms -> log.retention.hours); an empty list of config
// names asks for all of them, as a null one does. With confluent-kafka-python (librdkafka's admin
// client), kafkajs and @platformatic/kafka.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { Admin, ConfigResourceTypes } from '@platformatic/kafka'
import { kafkaTopicConfigs } from '../../../src/shared/kafka/topic-configs'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { python } from '../../support/external-clients'

let cluster: TestCluster

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 3 })
})
afterAll(async () => {
  await cluster?.close()
})

const SCRIPT = `
import json, sys
from confluent_kafka.admin import AdminClient, NewTopic, ConfigResource
a = AdminClient({'bootstrap.servers': sys.argv[1]})
out = {}
def create(name, configs):
    f = a.create_topics([NewTopic(name, 1, 1, config=configs)], operation_timeout=20)
    try:
        f[name].result(20)
        return 'ok'
    except Exception as e:
        return e.args[0].name()
out['created'] = create('cfg-all', {'flush.ms': '1000', 'retention.ms': '3600000',
    'message.format.version': '2.8', 'message.timestamp.difference.max.ms': '5000',
    'follower.replication.throttled.replicas': '0:1,0:2', 'preallocate': 'true'})
out['bad'] = create('cfg-bad', {'message.format.version': 'banana'})
res = a.describe_configs([ConfigResource('topic', 'cfg-all')])
entries = list(res.values())[0].result(20)
def entry(e):
    return {'value': e.value, 'source': e.source,
            'synonyms': [[s.name, s.value, s.source] for s in e.synonyms.values()]}
out['configs'] = {name: entry(e) for name, e in entries.items()}
print(json.dumps(out))
`

describe('topic configs', () => {
  it('confluent-kafka-python: every Kafka topic config accepted and described with synonyms', async () => {
    const { code, stdout, stderr } = await python(SCRIPT, [cluster.bootstrap])
    expect(code, stderr).toBe(0)
    const out = JSON.parse(stdout) as {
      created: string
      bad: string
      configs: Record<
        string,
        { value: string; source: number; synonyms: [string, string, number][] }
      >
    }
    expect(out.created).toBe('ok')
    expect(out.bad).toBe('INVALID_CONFIG')
    expect(Object.keys(out.configs).sort()).toEqual([...kafkaTopicConfigs.keys()].sort())
    // ConfigSource: 1 DYNAMIC_TOPIC_CONFIG, 5 DEFAULT_CONFIG.
    expect(out.configs['retention.ms']).toEqual({
      value: '3600000',
      source: 1,
      // As Kafka lists them: log.retention.hours is left out while log.retention.ms is unset.
      synonyms: [['retention.ms', '3600000', 1]]
    })
    expect(out.configs['segment.ms']).toEqual({ value: '604800000', source: 5, synonyms: [] })
    expect(out.configs['cleanup.policy']).toEqual({
      value: 'delete',
      source: 5,
      synonyms: [['log.cleanup.policy', 'delete', 5]]
    })
    expect(out.configs['flush.ms'].value).toBe('1000')
    expect(out.configs['message.format.version'].value).toBe('2.8')
    expect(out.configs['follower.replication.throttled.replicas'].value).toBe('0:1,0:2')
    expect(cluster.engine.topic('cfg-all')?.configOverrides['preallocate']).toBe('true')
    expect(
      cluster.logs.some((l) =>
        /deprecated config message.format.version, message.timestamp.difference.max.ms/.test(l)
      )
    ).toBe(true)
  })

  it('kafkajs: alters a config the broker does not act on, and an unknown one is refused', async () => {
    const kafka = new Kafka({ brokers: cluster.bootstrap.split(','), logLevel: logLevel.NOTHING })
    const admin = kafka.admin()
    await admin.connect()
    try {
      cluster.engine.createTopic({ name: 'cfg-js', partitions: 1, replicationFactor: 1 })
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          { type: 2, name: 'cfg-js', configEntries: [{ name: 'segment.jitter.ms', value: '100' }] }
        ]
      })
      expect(cluster.engine.topic('cfg-js')?.configOverrides['segment.jitter.ms']).toBe('100')
      await expect(
        admin.alterConfigs({
          validateOnly: false,
          resources: [
            { type: 2, name: 'cfg-js', configEntries: [{ name: 'no.such.config', value: '1' }] }
          ]
        })
      ).rejects.toThrow()
    } finally {
      await admin.disconnect()
    }
  })

  it('@platformatic/kafka: an empty list of config names describes every config', async () => {
    cluster.engine.createTopic({ name: 'cfg-pk', partitions: 1, replicationFactor: 1 })
    const admin = new Admin({
      clientId: 'it-cfg-pk',
      bootstrapBrokers: cluster.bootstrap.split(',')
    })
    try {
      const describe = (configurationKeys: string[]) =>
        admin.describeConfigs({
          resources: [
            { resourceType: ConfigResourceTypes.TOPIC, resourceName: 'cfg-pk', configurationKeys }
          ]
        })
      const [all] = await describe([])
      expect(all.configs.map((c) => c.name).sort()).toEqual([...kafkaTopicConfigs.keys()].sort())
      const [two] = await describe(['cleanup.policy', 'retention.ms'])
      expect(two.configs.map((c) => c.name)).toEqual(['cleanup.policy', 'retention.ms'])
    } finally {
      await admin.close()
    }
  })
})
