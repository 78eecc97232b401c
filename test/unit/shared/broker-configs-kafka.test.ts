// Kafka 4's broker config catalogue as data: each row's default passes the check its type and
// bounds make, names are unique and none is one Kafka 4.0 to 4.2 removed, Kafka 4.2's defaults and
// update modes where they changed since 4.0, and a row becomes a config
// taken without effect with Kafka's DescribeConfigs type and sensitivity; a value of another type
// is refused naming the config, and the configs Logdeck acts on keep their own definitions.
import { describe, expect, it } from 'vitest'
import { kafkaBrokerConfigRows } from '../../../src/shared/kafka/broker-configs-kafka'
import { brokerConfigDefs, checkBrokerConfig } from '../../../src/shared/kafka/broker-configs'
import { parseServeArgs } from '../../../src/server/cli-args'
import { serveRefusal } from '../../support/serve-refusal'

const REMOVED_IN_KAFKA_4 = [
  'broker.id.generation.enable',
  'reserved.broker.max.id',
  'control.plane.listener.name',
  'inter.broker.protocol.version',
  'offsets.commit.required.acks',
  'delegation.token.master.key',
  'zookeeper.metadata.migration.enable',
  'controlled.shutdown.max.retries',
  'password.encoder.secret',
  'leader.imbalance.per.broker.percentage',
  'eligible.leader.replicas.enable',
  'group.share.max.groups'
]

describe("Kafka 4's broker config catalogue", () => {
  it('has unique names, none of ZooKeeper or removed by Kafka 4.0 to 4.2', () => {
    const names = kafkaBrokerConfigRows.map((r) => r[0])
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) {
      expect(name).not.toMatch(/^zookeeper\./)
      expect(REMOVED_IN_KAFKA_4).not.toContain(name)
    }
    for (const name of REMOVED_IN_KAFKA_4) expect(brokerConfigDefs.has(name)).toBe(false)
  })

  it("takes each row's own default, and describes passwords as sensitive", () => {
    for (const [name, type, defaultValue] of kafkaBrokerConfigRows) {
      const def = brokerConfigDefs.get(name)!
      expect(def, name).toBeDefined()
      if (defaultValue !== null && defaultValue !== '')
        expect(checkBrokerConfig(name, defaultValue), name).toMatchObject({ ok: true })
      expect(def.sensitive ?? false, name).toBe(type === 'password')
    }
  })

  it("has Kafka 4.2's defaults, types and update modes", () => {
    const def = (name: string) => brokerConfigDefs.get(name)
    expect(def('group.coordinator.threads')?.defaultValue).toBe('4')
    for (const name of [
      'group.coordinator.append.linger.ms',
      'share.coordinator.append.linger.ms'
    ]) {
      expect(def(name)?.defaultValue, name).toBe('-1')
      expect(checkBrokerConfig(name, '-2'), name).toMatchObject({ ok: false })
    }
    expect(def('num.recovery.threads.per.data.dir')?.defaultValue).toBe('2')
    expect(def('remote.log.manager.thread.pool.size')).toMatchObject({
      defaultValue: '2',
      updateMode: 'read-only'
    })
    for (const [name, value] of [
      ['remote.log.manager.copier.thread.pool.size', '10'],
      ['remote.log.manager.expiration.thread.pool.size', '10'],
      ['remote.log.manager.follower.thread.pool.size', '2'],
      ['remote.log.reader.threads', '10']
    ])
      expect(def(name), name).toMatchObject({ defaultValue: value, updateMode: 'cluster-wide' })
    expect(def('node.id')?.defaultValue).toBeNull()
    expect(def('process.roles')?.defaultValue).toBeNull()
    for (const name of [
      'listeners',
      'advertised.listeners',
      'log.dirs',
      'controller.listener.names'
    ])
      expect(def(name)?.configType, name).toBe('list')
    expect(def('config.providers')?.updateMode).toBe('cluster-wide')
    // Configs Logdeck acts on, described with Kafka 4.2's types.
    for (const name of [
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'share.coordinator.state.topic.replication.factor',
      'share.coordinator.state.topic.min.isr'
    ])
      expect(def(name), name).toMatchObject({ embedded: true, configType: 'short' })
    expect(def('offsets.retention.check.interval.ms')?.configType).toBe('long')
    expect(def('group.streams.session.timeout.ms')?.defaultValue).toBe('45000')
    expect(def('transaction.two.phase.commit.enable')?.defaultValue).toBe('false')
    expect(def('sasl.oauthbearer.client.credentials.client.secret')?.sensitive).toBe(true)
    expect(checkBrokerConfig('sasl.oauthbearer.assertion.algorithm', 'HS256')).toMatchObject({
      ok: false
    })
  })

  it('refuses a value of another type or out of bounds, naming why', () => {
    expect(checkBrokerConfig('num.io.threads', 'eight')).toMatchObject({
      ok: false,
      problem: 'must be a whole number'
    })
    expect(checkBrokerConfig('num.io.threads', '0')).toMatchObject({ ok: false })
    expect(
      checkBrokerConfig('sasl.oauthbearer.assertion.claim.exp.seconds', '86401')
    ).toMatchObject({
      ok: false
    })
    expect(checkBrokerConfig('sasl.login.refresh.buffer.seconds', '40000')).toMatchObject({
      ok: false
    })
    expect(checkBrokerConfig('ssl.client.auth', 'sometimes')).toMatchObject({ ok: false })
    expect(checkBrokerConfig('log.cleaner.io.buffer.load.factor', 'high')).toMatchObject({
      ok: false
    })
    expect(checkBrokerConfig('controlled.shutdown.enable', 'yes')).toMatchObject({ ok: false })
    expect(checkBrokerConfig('process.roles', 'broker,controller')).toMatchObject({ ok: true })
  })

  it('keeps the definitions of the configs Logdeck acts on', () => {
    // No row stands in for a config Logdeck defines itself.
    for (const [name] of kafkaBrokerConfigRows)
      expect(brokerConfigDefs.get(name)?.embedded, name).toBe(false)
    expect(brokerConfigDefs.get('message.max.bytes')).toMatchObject({
      embedded: true,
      topicConfig: 'max.message.bytes'
    })
    expect(brokerConfigDefs.get('num.io.threads')).toMatchObject({
      embedded: false,
      updateMode: 'cluster-wide'
    })
    expect(brokerConfigDefs.get('ssl.keystore.location')?.updateMode).toBe('per-broker')
    expect(brokerConfigDefs.get('log.dirs')?.updateMode).toBe('read-only')
    expect(brokerConfigDefs.get('principal.builder.class')?.configType).toBe('class')
  })

  it('--broker-config takes them, except where a flag of its own is what Logdeck acts on', () => {
    const { brokerConfigs } = parseServeArgs([
      '--broker-config',
      'log.dirs=/var/lib/kafka',
      '--broker-config',
      'num.io.threads=16'
    ])
    expect(brokerConfigs).toEqual({ 'log.dirs': '/var/lib/kafka', 'num.io.threads': '16' })
    expect(serveRefusal(['--broker-config', 'num.io.threads=0'])).toBe(
      "--broker-config num.io.threads: '0' must be at least 1"
    )
    expect(serveRefusal(['--broker-config', 'replica.lag.time.max.ms=10000'])).toBe(
      '--broker-config replica.lag.time.max.ms: a setting read at start, given as its own flag: --replica-lag-time-max-ms VALUE'
    )
    expect(serveRefusal(['--broker-config', 'sasl.enabled.mechanisms=PLAIN'])).toContain(
      'given as its own flag: --sasl.enabled.mechanisms VALUE'
    )
  })
})
