// Broker configs in the engine: start-time values checked, run-time values resolved over them,
// topics following the broker's values where they do not override them, read-only configs refused.
import { afterEach, describe, expect, it } from 'vitest'
import { Engine, type EngineOptions } from '../../../src/engine/engine'
import { EngineError } from '../../../src/engine/engine-error'

const engines: Engine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})
function open(options: Partial<EngineOptions> = {}): Engine {
  const e = Engine.open({ dataDir: ':memory:', brokers: 3, port: 0, ...options })
  engines.push(e)
  return e
}
function failure(fn: () => void): EngineError {
  try {
    fn()
  } catch (err) {
    if (err instanceof EngineError) return err
    throw err
  }
  throw new Error('expected a failure')
}

describe('broker configs', () => {
  it('refuses a start-time value naming the config', () => {
    expect(failure(() => open({ brokerConfigs: { 'num.partitions': '0' } }))).toMatchObject({
      reason: 'invalid-config',
      field: 'num.partitions',
      message: "Invalid value '0' for num.partitions: must be at least 1"
    })
    expect(failure(() => open({ brokerConfigs: { 'log.retention.dayz': '1' } }))).toMatchObject({
      field: 'log.retention.dayz',
      message: "Unknown broker config 'log.retention.dayz'"
    })
  })

  it('gives topics retention.ms from log.retention.ms, else .minutes, else .hours', () => {
    const e = open({ brokerConfigs: { 'log.retention.hours': '2' } })
    const t = e.createTopic({ name: 't', partitions: 1, replicationFactor: 1 })
    expect(e.topicConfigs(t)['retention.ms']).toBe(String(2 * 3_600_000))
    e.alterBrokerConfigs({ brokerId: null, set: { 'log.retention.ms': '-1' }, remove: [] })
    expect(e.topicConfigs(t)['retention.ms']).toBe('-1')
    expect(e.partitionLog(t, 0).config.retentionMs).toBe(-1)
    // The topic's own value wins over the broker's.
    e.alterTopicConfigs('t', { 'retention.ms': '1000' }, [])
    expect(e.topicConfigs(t)['retention.ms']).toBe('1000')
    e.alterTopicConfigs('t', {}, ['retention.ms'])
    e.alterBrokerConfigs({ brokerId: null, set: {}, remove: ['log.retention.ms'] })
    expect(e.topicConfigs(t)['retention.ms']).toBe(String(2 * 3_600_000))
    // As Kafka lists them: nothing while log.retention.ms itself has no value, then from it on,
    // source by source.
    expect(e.topicConfigSynonyms('retention.ms')).toEqual([])
    e.alterBrokerConfigs({ brokerId: null, set: { 'log.retention.ms': '5000' }, remove: [] })
    expect(e.topicConfigSynonyms('retention.ms')).toEqual([
      { name: 'log.retention.ms', value: '5000', source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' },
      { name: 'log.retention.hours', value: '2', source: 'STATIC_BROKER_CONFIG' },
      { name: 'log.retention.hours', value: '168', source: 'DEFAULT_CONFIG' }
    ])
    // Describing log.retention.hours, the family member before it (log.retention.ms, set at run
    // time) is left out, as Kafka does.
    expect(
      e.describeBrokerConfigs(0).find((c) => c.name === 'log.retention.hours')?.synonyms
    ).toEqual([
      { name: 'log.retention.hours', value: '2', source: 'STATIC_BROKER_CONFIG' },
      { name: 'log.retention.hours', value: '168', source: 'DEFAULT_CONFIG' }
    ])
    // A config of no family lists its broker default.
    expect(e.topicConfigSynonyms('cleanup.policy')).toEqual([
      { name: 'log.cleanup.policy', value: 'delete', source: 'DEFAULT_CONFIG' }
    ])
  })

  it('applies message.max.bytes to topics and to the inflated size of batches', () => {
    const e = open()
    const t = e.createTopic({ name: 't', partitions: 1, replicationFactor: 1 })
    e.alterBrokerConfigs({ brokerId: null, set: { 'message.max.bytes': '2000000' }, remove: [] })
    expect(e.partitionLog(t, 0).config).toMatchObject({
      maxMessageBytes: 2_000_000,
      maxDecompressedBytes: 2_000_000
    })
  })

  it('refuses read-only configs and unknown brokers, and changes nothing when validating', () => {
    const e = open()
    expect(
      failure(() =>
        e.alterBrokerConfigs({ brokerId: 0, set: { 'num.partitions': '4' }, remove: [] })
      )
    ).toMatchObject({ reason: 'read-only-config', field: 'num.partitions' })
    expect(
      failure(() =>
        e.alterBrokerConfigs({ brokerId: 9, set: { 'max.connections': '4' }, remove: [] })
      )
    ).toMatchObject({ reason: 'not-found', field: 'brokerId' })
    e.alterBrokerConfigs({ brokerId: 1, set: { 'max.connections': '4' }, remove: [] }, true)
    expect(e.brokerConfigOverrides(1)).toEqual({})
    e.alterBrokerConfigs({ brokerId: 1, set: { 'max.connections': '4' }, remove: [] })
    const entry = e.describeBrokerConfigs(1).find((c) => c.name === 'max.connections')
    expect(entry).toMatchObject({ value: '4', source: 'DYNAMIC_BROKER_CONFIG', readOnly: false })
    // A value for one broker is not the cluster-wide value.
    expect(e.brokerConfig('max.connections')).toBe('1000')
    expect(e.describeBrokerConfigs(null)).toEqual([])
  })
})
