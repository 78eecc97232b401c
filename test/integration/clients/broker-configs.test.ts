// Broker configs as Kafka serves them, through real clients: given at start (--broker-config),
// described with their sources and synonyms, altered at run time for every broker ('') or one
// (AlterConfigs, IncrementalAlterConfigs), read-only ones refused, kept across a restart, and
// acted on: auto-created topics get num.partitions, topics follow the broker's log.retention.ms.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import net from 'node:net'
import { Kafka, logLevel, ConfigResourceTypes } from 'kafkajs'
import {
  alterConfigsV2,
  apiVersionsV4,
  Connection,
  describeConfigsV4,
  incrementalAlterConfigsV1
} from '@platformatic/kafka'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat, python } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'

const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

async function cluster(options: Parameters<typeof startTestCluster>[0]): Promise<TestCluster> {
  const c = await startTestCluster(options)
  closing.push(() => c.close())
  return c
}

const DESCRIBE_AND_ALTER = `
import json, sys
from confluent_kafka.admin import AdminClient, ConfigResource
a = AdminClient({'bootstrap.servers': sys.argv[1]})
out = {}
def describe(kind, name):
    res = a.describe_configs([ConfigResource(kind, name)])
    entries = list(res.values())[0].result(20)
    return {n: {'value': e.value, 'source': e.source, 'readOnly': e.is_read_only,
                'synonyms': [[s.name, s.value, s.source] for s in e.synonyms.values()]}
            for n, e in entries.items()}
def alter(name, configs):
    f = a.alter_configs([ConfigResource('broker', name, set_config=configs)])
    try:
        list(f.values())[0].result(20)
        return 'ok'
    except Exception as e:
        return [e.args[0].name(), e.args[0].str()]
out['before'] = describe('broker', '0')
out['readOnly'] = alter('0', {'num.partitions': '5'})
out['badValue'] = alter('0', {'min.insync.replicas': 'two'})
out['perBroker'] = alter('1', {'max.connections': '50'})
out['broker0'] = describe('broker', '0')
out['broker1'] = describe('broker', '1')
out['topic'] = describe('topic', 'orders')
print(json.dumps(out))
`

type Entry = {
  value: string | null
  source: number
  readOnly: boolean
  synonyms: [string, string, number][]
}

describe('broker configs', () => {
  it('confluent-kafka-python: describe_configs and alter_configs on BROKER, with sources and synonyms', async () => {
    const c = await cluster({
      brokerConfigs: { 'num.partitions': '3', 'log.retention.hours': '48' }
    })
    await c.service.call('topics.create', { name: 'orders', partitions: 1, replicationFactor: 3 })
    // confluent-kafka 1.7 and kafkajs cannot name the resource '' (every broker):
    // @platformatic/kafka's AlterConfigs and DescribeConfigs can.
    const connection = new Connection('broker-configs')
    await connection.connect(c.listeners[0].host, c.listeners[0].port)
    closing.push(() => connection.close())
    const alter = (name: string, configs: { name: string; value: string }[]) =>
      alterConfigsV2.api
        .async(connection, [{ resourceType: 4, resourceName: name, configs }], false)
        .catch((err: { response?: Awaited<ReturnType<typeof alterConfigsV2.api.async>> }) => {
          if (!err.response) throw err
          return err.response
        })
    const clusterWide = await alter('', [
      { name: 'log.retention.ms', value: '3600000' },
      { name: 'min.insync.replicas', value: '2' }
    ])
    expect(clusterWide.responses[0].errorCode).toBe(0)
    const unknownBroker = await alter('7', [{ name: 'min.insync.replicas', value: '2' }])
    expect(unknownBroker.responses[0]).toMatchObject({
      errorCode: 42,
      errorMessage: 'Broker 7 does not exist'
    })
    const defaults = await describeConfigsV4.api.async(
      connection,
      [{ resourceType: 4, resourceName: '', configurationKeys: null }],
      false,
      false
    )
    // The resource '' lists only what is set for every broker.
    expect(defaults.results[0].configs.map((e) => [e.name, e.configSource])).toEqual([
      ['min.insync.replicas', 3],
      ['log.retention.ms', 3]
    ])
    const { code, stdout, stderr } = await python(DESCRIBE_AND_ALTER, [c.bootstrap])
    expect(code, stderr).toBe(0)
    const out = JSON.parse(stdout) as Record<string, Record<string, Entry> | string | string[]>
    const before = out.before as Record<string, Entry>
    // Sources: 4 STATIC_BROKER_CONFIG, 5 DEFAULT_CONFIG, 3 DYNAMIC_DEFAULT_BROKER_CONFIG, 2 DYNAMIC_BROKER_CONFIG.
    expect(before['num.partitions']).toMatchObject({ value: '3', source: 4, readOnly: true })
    expect(before['default.replication.factor']).toMatchObject({ value: '1', source: 5 })
    expect(before['min.insync.replicas']).toMatchObject({ value: '2', source: 3, readOnly: false })
    // The synonyms of log.retention.hours (confluent-kafka keeps synonyms in a dict by name, so
    // @platformatic/kafka reads them).
    const broker0 = await describeConfigsV4.api.async(
      connection,
      [{ resourceType: 4, resourceName: '0', configurationKeys: ['log.retention.hours'] }],
      true,
      true
    )
    const hours = broker0.results[0].configs[0]
    expect(hours).toMatchObject({ value: '48', readOnly: true, configSource: 4 })
    expect(hours.documentation).toContain('retention.ms in hours')
    // As Kafka lists them: source by source, from the first log.retention.hours on, so
    // log.retention.ms (set for every broker at run time, listed before it) is left out.
    expect(hours.synonyms.map((v) => [v.name, v.value, v.source])).toEqual([
      ['log.retention.hours', '48', 4],
      ['log.retention.hours', '168', 5]
    ])
    expect(out.readOnly).toEqual([
      'INVALID_REQUEST',
      expect.stringContaining('Cannot update these configs dynamically: Set(num.partitions)')
    ])
    expect(out.badValue).toEqual(['INVALID_CONFIG', expect.stringContaining('min.insync.replicas')])
    expect(out.perBroker).toBe('ok')
    const broker0Py = out.broker0 as Record<string, Entry>
    const broker1 = out.broker1 as Record<string, Entry>
    expect(broker0Py['min.insync.replicas']).toMatchObject({ value: '2', source: 3 })
    expect(broker0Py['max.connections']).toMatchObject({ value: '1000', source: 5 })
    expect(broker1['max.connections']).toMatchObject({ value: '50', source: 2 })
    expect(broker1['max.connections'].synonyms).toContainEqual(['max.connections', '1000', 5])
    expect(broker0Py['log.retention.ms']).toMatchObject({ value: '3600000', source: 3 })
    // The topic follows the broker: its retention.ms is the broker's, with the broker's synonyms.
    const topic = out.topic as Record<string, Entry>
    expect(topic['retention.ms']).toMatchObject({ value: '3600000', source: 3 })
    expect(topic['retention.ms'].synonyms[0]).toEqual(['log.retention.ms', '3600000', 3])
    expect(topic['min.insync.replicas']).toMatchObject({ value: '2', source: 3 })
    expect(c.engine.topicConfigs(c.engine.topic('orders')!)['retention.ms']).toBe('3600000')
  })

  it('kcat: an auto-created topic gets num.partitions; with auto-creation off it is unknown', async () => {
    const on = await cluster({
      brokerConfigs: { 'num.partitions': '3', 'default.replication.factor': '2' }
    })
    const produced = await kcat(
      ['-b', on.bootstrap, '-P', '-t', 'auto-three', '-X', 'linger.ms=50'],
      'a\nb\nc\n'
    )
    expect(produced.code, produced.stderr).toBe(0)
    const listed = await kcat(['-b', on.bootstrap, '-L', '-t', 'auto-three'])
    expect(listed.stdout).toContain('topic "auto-three" with 3 partitions')
    expect(listed.stdout.match(/replicas: \d+,\d+,/g)).toHaveLength(3)

    const off = await cluster({ brokerConfigs: { 'auto.create.topics.enable': 'false' } })
    const unknown = await kcat(['-b', off.bootstrap, '-L', '-t', 'never-made'])
    expect(unknown.stdout).toContain('Broker: Unknown topic or partition')
    expect(off.engine.topic('never-made')).toBeUndefined()

    // More replicas than brokers: refused, not capped. As from Kafka 4, whose broker does not wait
    // for the controller's refusal, the client sees an unknown topic; the log says why.
    const tooMany = await cluster({
      brokers: 1,
      brokerConfigs: { 'default.replication.factor': '3' }
    })
    const refused = await kcat(['-b', tooMany.bootstrap, '-L', '-t', 'three-copies'])
    expect(refused.stdout).toContain('Broker: Unknown topic or partition')
    expect(tooMany.engine.topic('three-copies')).toBeUndefined()
    expect(tooMany.logs).toContainEqual(
      expect.stringContaining(
        "topic 'three-copies' not auto-created: default.replication.factor 3 is larger than the 1 brokers"
      )
    )
  })

  it('kafkajs: describeConfigs on a broker, and CreateTopics with -1 takes the defaults', async () => {
    const c = await cluster({
      brokerConfigs: {
        'num.partitions': '4',
        'default.replication.factor': '3',
        'compression.type': 'lz4'
      }
    })
    const kafka = new Kafka({ brokers: c.bootstrap.split(','), logLevel: logLevel.NOTHING })
    const admin = kafka.admin()
    await admin.connect()
    closing.push(() => admin.disconnect())
    const described = await admin.describeConfigs({
      resources: [
        {
          type: ConfigResourceTypes.BROKER,
          name: '2',
          configNames: ['num.partitions', 'compression.type']
        }
      ],
      includeSynonyms: false
    })
    expect(
      described.resources[0].configEntries.map((e) => [e.configName, e.configValue, e.readOnly])
    ).toEqual([
      ['num.partitions', '4', true],
      ['compression.type', 'lz4', false]
    ])
    // kafkajs sends -1 for partitions and replication factor it is not given.
    await admin.createTopics({ topics: [{ topic: 'defaults' }] })
    const meta = await admin.fetchTopicMetadata({ topics: ['defaults'] })
    expect(meta.topics[0].partitions).toHaveLength(4)
    expect(meta.topics[0].partitions.every((p) => p.replicas.length === 3)).toBe(true)
    expect(c.engine.topicConfigs(c.engine.topic('defaults')!)['compression.type']).toBe('lz4')
  })

  it('kafkajs: alterConfigs keeps a broker config Kafka has no definition for, as a custom config', async () => {
    const c = await cluster({})
    await c.service.call('topics.create', { name: 'ledger', partitions: 1, replicationFactor: 1 })
    const kafka = new Kafka({ brokers: c.bootstrap.split(','), logLevel: logLevel.NOTHING })
    const admin = kafka.admin()
    await admin.connect()
    closing.push(() => admin.disconnect())
    // One request altering a topic and a broker; cleanup.policy is a topic config, not a broker
    // one (that is log.cleanup.policy), so on the broker it is a custom config, kept as Kafka does.
    const altered = await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: 'ledger',
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }]
        },
        {
          type: ConfigResourceTypes.BROKER,
          name: '1',
          configEntries: [{ name: 'cleanup.policy', value: 'delete' }]
        }
      ]
    })
    expect(
      altered.resources.map((r: { resourceName: string; errorCode: number }) => [
        r.resourceName,
        r.errorCode
      ])
    ).toEqual([
      ['ledger', 0],
      ['1', 0]
    ])
    expect(c.engine.topicConfigs(c.engine.topic('ledger')!)['cleanup.policy']).toBe('compact')
    const describe = async (name: string) =>
      (
        await admin.describeConfigs({
          resources: [{ type: ConfigResourceTypes.BROKER, name }],
          includeSynonyms: false
        })
      ).resources[0].configEntries.filter((e) => e.configName === 'cleanup.policy')
    // Kafka describes a name it has no type for as a secret: no value, sensitive.
    expect(await describe('1')).toEqual([
      expect.objectContaining({
        configValue: null,
        isSensitive: true,
        readOnly: false,
        configSource: 2 // DYNAMIC_BROKER_CONFIG
      })
    ])
    expect(await describe('0')).toEqual([])
    // The broker's log.cleanup.policy, which topics follow, is untouched.
    expect(c.engine.brokerConfig('log.cleanup.policy')).toBe('delete')
    // AlterConfigs replaces a resource's whole set: without the custom config, it is gone.
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.BROKER,
          name: '1',
          configEntries: [{ name: 'max.connections', value: '500' }]
        }
      ]
    })
    expect(await describe('1')).toEqual([])
    // A value for a config Kafka knows is still checked (INVALID_CONFIG).
    await expect(
      admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.BROKER,
            name: '1',
            configEntries: [{ name: 'min.insync.replicas', value: 'two' }]
          }
        ]
      })
    ).rejects.toThrow('Configuration is invalid')
  })

  it('@platformatic/kafka: IncrementalAlterConfigs sets, appends to and deletes broker configs', async () => {
    const c = await cluster({})
    const listener = c.listeners[0]
    const connection = new Connection('broker-configs')
    await connection.connect(listener.host, listener.port)
    closing.push(() => connection.close())
    // The client throws on an error code; the response it carries says which.
    type Configs = Parameters<typeof incrementalAlterConfigsV1.api.async>[1][number]['configs']
    const alter = (configs: Configs, name = '') =>
      incrementalAlterConfigsV1.api
        .async(connection, [{ resourceType: 4, resourceName: name, configs }], false)
        .catch(
          (err: { response?: Awaited<ReturnType<typeof incrementalAlterConfigsV1.api.async>> }) => {
            if (!err.response) throw err
            return err.response
          }
        )
    const set = await alter([
      { name: 'log.cleanup.policy', configOperation: 0, value: 'delete' },
      { name: 'message.max.bytes', configOperation: 0, value: '2000000' }
    ])
    expect(set.responses[0].errorCode).toBe(0)
    const appended = await alter([
      { name: 'log.cleanup.policy', configOperation: 2, value: 'compact' }
    ])
    expect(appended.responses[0].errorCode).toBe(0)
    expect(c.engine.brokerConfig('log.cleanup.policy')).toBe('delete,compact')
    await c.service.call('topics.create', { name: 'follows', partitions: 1, replicationFactor: 1 })
    const topic = c.engine.topic('follows')!
    expect(c.engine.topicConfigs(topic)['cleanup.policy']).toBe('delete,compact')
    expect(c.engine.topicConfigs(topic)['max.message.bytes']).toBe('2000000')
    const deleted = await alter([{ name: 'log.cleanup.policy', configOperation: 1 }])
    expect(deleted.responses[0].errorCode).toBe(0)
    expect(c.engine.topicConfigs(topic)['cleanup.policy']).toBe('delete')
    const readOnly = await alter(
      [{ name: 'auto.create.topics.enable', configOperation: 0, value: 'false' }],
      '0'
    )
    expect(readOnly.responses[0].errorCode).toBe(42) // INVALID_REQUEST
  })

  it('max.connections changed at run time holds for the next connection', async () => {
    const c = await cluster({})
    const { host, port } = c.listeners[0]
    c.engine.alterBrokerConfigs({ brokerId: null, set: { 'max.connections': '1' }, remove: [] })
    // The first connection is answered (so it is counted) before the second one is made.
    const first = new Connection('first')
    await first.connect(host, port)
    closing.push(() => first.close())
    const versions = await apiVersionsV4.api.async(first, 'logdeck-test', '1.0.0')
    expect(versions.errorCode).toBe(0)
    // The second one waits for the broker's acceptor, as in Kafka, rather than being closed.
    const second = net.connect(port, host)
    second.on('error', () => {})
    closing.push(async () => void second.destroy())
    await waitFor('the acceptor to wait', () =>
      c.logs.some((l) => l.includes('max.connections (1) reached'))
    )
    expect(second.destroyed).toBe(false)
    const again = await apiVersionsV4.api.async(first, 'logdeck-test', '1.0.0')
    expect(again.errorCode).toBe(0)
  })

  it('run-time values survive a restart; start-time ones come from the options each start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'logdeck-broker-configs-'))
    closing.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    const first = await startTestCluster({ dataDir, brokerConfigs: { 'num.partitions': '2' } })
    first.engine.alterBrokerConfigs({
      brokerId: null,
      set: { 'log.retention.ms': '60000' },
      remove: []
    })
    first.engine.alterBrokerConfigs({ brokerId: 2, set: { 'max.connections': '10' }, remove: [] })
    await first.close()
    const second = await cluster({ dataDir })
    expect(second.engine.brokerConfig('log.retention.ms')).toBe('60000')
    expect(second.engine.brokerConfig('num.partitions')).toBe('1')
    expect(second.engine.brokerConfigOverrides(2)).toEqual({ 'max.connections': '10' })
  })
})
