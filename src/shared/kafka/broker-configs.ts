// Kafka's broker configs as the embedded cluster serves them: names, value types, units, defaults,
// documentation and Kafka's update mode. Set at start (`--broker-config`, like server.properties),
// described and altered over DescribeConfigs / AlterConfigs on the BROKER resource, and edited in
// the console. The log.* configs are the defaults of the topic configs they name.
import { LONG_MAX } from './protocol-constants'
import { MAX_BROKERS } from './cluster-size'
import {
  checkConfigKind,
  kafkaTopicConfigs,
  type TopicConfigCheck,
  type TopicConfigKind
} from './topic-configs'
import { groupBrokerConfigDefs } from './group-broker-configs'
import type { BrokerConfigDef, BrokerConfigUpdateMode } from './broker-config-def'
import { rackBrokerConfigDefs } from './rack-broker-configs'
import { KAFKA_SSL_STORE_CONFIGS } from './ssl-store-configs'
import { kafkaBrokerConfigRows, type KafkaBrokerConfigRow } from './broker-configs-kafka'

const MiB = 1024 * 1024
const HOUR_MS = 3_600_000

/**
 * Kafka's configs whose values the embedded cluster takes from the flags that start it and
 * describes from its running configuration (src/engine/kafka/security/running-broker-configs.ts):
 * the listeners, the broker's id, the SASL mechanisms and the TLS key store, trust store and
 * parameters.
 */
export const RUNNING_BROKER_CONFIGS: readonly string[] = [
  'listeners',
  'advertised.listeners',
  'listener.security.protocol.map',
  'node.id',
  'broker.id',
  'sasl.enabled.mechanisms',
  ...KAFKA_SSL_STORE_CONFIGS,
  'ssl.client.auth',
  'ssl.enabled.protocols',
  'ssl.cipher.suites'
]

/**
 * Listener configs given at start only here: Kafka changes the first two per broker at run time,
 * advertised.listeners only at start (4.0, KAFKA-18405).
 */
export const STARTED_LISTENER_CONFIGS: readonly string[] = [
  'listeners',
  'listener.security.protocol.map',
  'advertised.listeners'
]

const ANY_TEXT = { type: 'text', pattern: /^[\s\S]*$/, hint: 'any text' } as const

/**
 * One of the rest of Kafka's broker configs (broker-configs-kafka.ts): taken without effect, but for
 * those the running configuration describes.
 */
function kafkaConfigDef([
  name,
  type,
  defaultValue,
  updateMode,
  doc,
  min,
  max
]: KafkaBrokerConfigRow): BrokerConfigDef {
  const values = Array.isArray(min) ? (min as readonly string[]) : undefined
  const least = typeof min === 'number' ? min : undefined
  const unit = name.endsWith('.ms') ? 'ms' : /bytes(\.|$)/.test(name) ? 'bytes' : undefined
  const kind: TopicConfigKind =
    type === 'int' || type === 'long' || type === 'short'
      ? {
          type: type === 'long' ? 'long' : 'int',
          ...(least !== undefined ? { min: least } : type === 'short' ? { min: -32768 } : {}),
          ...(max !== undefined ? { max } : type === 'short' ? { max: 32767 } : {}),
          ...(unit && !name.includes('.per.') ? { unit } : {})
        }
      : type === 'double'
        ? { type: 'double', min: least ?? -Number.MAX_VALUE, max: Number.MAX_VALUE }
        : type === 'boolean'
          ? { type: 'boolean' }
          : values
            ? { type: type === 'list' ? 'list' : 'enum', values }
            : ANY_TEXT
  return {
    name,
    defaultValue,
    doc,
    kind,
    updateMode,
    embedded: false,
    ...(RUNNING_BROKER_CONFIGS.includes(name) ? { runningConfig: true } : {}),
    ...(STARTED_LISTENER_CONFIGS.includes(name) ? { startOnly: true } : {}),
    ...(type === 'password' ? { sensitive: true } : {}),
    ...(type === 'short' || type === 'class' || type === 'password' || type === 'list'
      ? { configType: type }
      : {})
  }
}

/** A broker config that is the default of a topic config, typed as the topic config is. */
function logConfig(
  name: string,
  topicConfig: string,
  defaultValue: string | null,
  extra: Partial<BrokerConfigDef> = {}
): BrokerConfigDef {
  const topic = kafkaTopicConfigs.get(topicConfig)
  if (!topic) throw new Error(`${name}: no topic config ${topicConfig}`)
  return {
    name,
    defaultValue,
    doc: `Default of the topic config ${topicConfig}: ${topic.doc}`,
    kind: topic.kind,
    updateMode: 'cluster-wide',
    topicConfig,
    embedded: topic.embedded,
    ...extra
  }
}

/** The mechanisms a listener's JAAS config is taken for (listener.name.<listener>.<mechanism>.sasl.jaas.config). */
export const LISTENER_JAAS_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const

/**
 * A listener's own TLS and SASL configs, as Kafka's listener.name.<listener>.* forms of the
 * running configs: each typed as the config it stands in for, read-only (given at start, as
 * Kafka describes them) and described only when given.
 */
function listenerSecurityConfigDefs(listener: string): BrokerConfigDef[] {
  const name = listener.toLowerCase()
  const forms: [suffix: string, of: string][] = [
    ...RUNNING_BROKER_CONFIGS.filter((c) => c.startsWith('ssl.') || c.startsWith('sasl.')).map(
      (c): [string, string] => [c, c]
    ),
    ...LISTENER_JAAS_MECHANISMS.map((m): [string, string] => [
      `${m}.sasl.jaas.config`,
      'sasl.jaas.config'
    ])
  ]
  return forms.map(([suffix, of]) => {
    const base = kafkaConfigDef(kafkaBrokerConfigRows.find((r) => r[0] === of)!)
    const mechanism =
      suffix === of ? '' : ` for ${suffix.slice(0, suffix.indexOf('.')).toUpperCase()}`
    return {
      ...base,
      name: `listener.name.${name}.${suffix}`,
      defaultValue: null,
      doc: `${base.doc}${mechanism}, on the ${listener.toUpperCase()} listener (over ${of}); given at start (--listener-config)`,
      updateMode: 'read-only',
      runningConfig: true,
      listenerFormOf: of,
      listedWhenSet: true
    }
  })
}

/**
 * listener.name.<listener>.max.connection.creation.rate and .max.connections, and the listener's
 * own TLS and SASL configs.
 */
function listenerConfigDefs(listener: string): BrokerConfigDef[] {
  const name = listener.toLowerCase()
  return [
    {
      name: `listener.name.${name}.max.connection.creation.rate`,
      defaultValue: null,
      doc: `New connections per second a broker accepts on its ${listener.toUpperCase()} listener; unset, only max.connection.creation.rate applies`,
      kind: { type: 'int', min: 0, max: 2147483647 },
      updateMode: 'cluster-wide',
      embedded: true
    },
    {
      name: `listener.name.${name}.max.connections`,
      defaultValue: null,
      doc: `Client connections a broker holds on its ${listener.toUpperCase()} listener; past it, the acceptor waits. Unset, only max.connections applies`,
      kind: { type: 'int', min: 1, max: 2147483647 },
      updateMode: 'cluster-wide',
      embedded: true
    },
    ...listenerSecurityConfigDefs(listener)
  ]
}

function limit(
  name: string,
  defaultValue: number,
  [min, max]: [number, number],
  doc: string,
  updateMode: BrokerConfigUpdateMode = 'read-only'
): BrokerConfigDef {
  const unit = name.endsWith('.ms') ? 'ms' : name.endsWith('bytes') ? 'bytes' : undefined
  return {
    name,
    defaultValue: String(defaultValue),
    doc,
    kind: { type: 'int', min, max, ...(unit ? { unit } : {}) },
    updateMode,
    embedded: true
  }
}

const hours = (name: string, topicConfig: string, defaultValue: string | null) =>
  logConfig(name, topicConfig, defaultValue, {
    kind: { type: 'int', min: -1 },
    updateMode: 'read-only',
    unitMs: HOUR_MS,
    doc: `${topicConfig} in hours, when the .ms form is not set`
  })

const defs: BrokerConfigDef[] = [
  {
    name: 'num.partitions',
    defaultValue: '1',
    doc: 'Partitions of an auto-created topic, and of a CreateTopics asking for the default (-1)',
    kind: { type: 'int', min: 1, max: 10_000 },
    updateMode: 'read-only',
    embedded: true
  },
  {
    name: 'default.replication.factor',
    defaultValue: '1',
    doc: 'Replication factor of an auto-created topic, and of a CreateTopics asking for the default (-1)',
    kind: { type: 'int', min: 1, max: MAX_BROKERS },
    updateMode: 'read-only',
    embedded: true
  },
  {
    name: 'auto.create.topics.enable',
    defaultValue: 'true',
    doc: 'Create a topic when a client asks for its metadata; off, unknown topics are UNKNOWN_TOPIC_OR_PARTITION',
    kind: { type: 'boolean' },
    updateMode: 'read-only',
    embedded: true
  },
  logConfig('min.insync.replicas', 'min.insync.replicas', '1'),
  {
    ...logConfig('message.max.bytes', 'max.message.bytes', '1048588'),
    doc: 'Largest record batch accepted, after compression (default of max.message.bytes), and the most a compressed batch may inflate to',
    kind: { type: 'int', min: 1024, max: 1024 * MiB, unit: 'bytes' }
  },
  logConfig('log.retention.ms', 'retention.ms', null),
  {
    ...hours('log.retention.minutes', 'retention.ms', null),
    unitMs: 60_000,
    doc: 'retention.ms in minutes, when log.retention.ms is not set'
  },
  hours('log.retention.hours', 'retention.ms', '168'),
  logConfig('log.retention.bytes', 'retention.bytes', '-1'),
  logConfig('log.cleanup.policy', 'cleanup.policy', 'delete'),
  logConfig('compression.type', 'compression.type', 'producer'),
  logConfig('compression.gzip.level', 'compression.gzip.level', '-1'),
  logConfig('compression.lz4.level', 'compression.lz4.level', '9'),
  logConfig('compression.zstd.level', 'compression.zstd.level', '3'),
  logConfig('log.segment.bytes', 'segment.bytes', '1073741824'),
  logConfig('log.roll.ms', 'segment.ms', null),
  hours('log.roll.hours', 'segment.ms', '168'),
  logConfig('log.roll.jitter.ms', 'segment.jitter.ms', null),
  hours('log.roll.jitter.hours', 'segment.jitter.ms', '0'),
  logConfig('log.cleaner.delete.retention.ms', 'delete.retention.ms', '86400000'),
  logConfig('log.cleaner.min.compaction.lag.ms', 'min.compaction.lag.ms', '0'),
  logConfig('log.cleaner.max.compaction.lag.ms', 'max.compaction.lag.ms', LONG_MAX),
  logConfig('log.cleaner.min.cleanable.ratio', 'min.cleanable.dirty.ratio', '0.5'),
  logConfig('log.message.timestamp.type', 'message.timestamp.type', 'CreateTime'),
  logConfig('log.message.timestamp.before.max.ms', 'message.timestamp.before.max.ms', LONG_MAX),
  logConfig('log.message.timestamp.after.max.ms', 'message.timestamp.after.max.ms', '3600000'),
  logConfig(
    'log.message.timestamp.difference.max.ms',
    'message.timestamp.difference.max.ms',
    LONG_MAX
  ),
  logConfig('unclean.leader.election.enable', 'unclean.leader.election.enable', 'false'),
  logConfig('log.flush.interval.messages', 'flush.messages', LONG_MAX),
  logConfig('log.flush.interval.ms', 'flush.ms', null),
  logConfig('log.flush.scheduler.interval.ms', 'flush.ms', LONG_MAX, { updateMode: 'read-only' }),
  logConfig('log.index.interval.bytes', 'index.interval.bytes', '4096'),
  logConfig('log.index.size.max.bytes', 'segment.index.bytes', '10485760'),
  logConfig('log.segment.delete.delay.ms', 'file.delete.delay.ms', '60000'),
  logConfig('log.preallocate', 'preallocate', 'false'),
  logConfig('log.local.retention.ms', 'local.retention.ms', '-2'),
  logConfig('log.local.retention.bytes', 'local.retention.bytes', '-2'),
  logConfig('log.message.downconversion.enable', 'message.downconversion.enable', 'true'),
  logConfig('log.message.format.version', 'message.format.version', '3.0-IV1', {
    updateMode: 'read-only'
  }),
  {
    name: 'log.retention.check.interval.ms',
    defaultValue: '5000',
    doc: "How often the log cleaner deletes the segments retention.ms and retention.bytes let go. Kafka's default is 300000; Logdeck's 5000 suits local development",
    kind: { type: 'long', min: 1, unit: 'ms' },
    updateMode: 'read-only',
    embedded: true
  },
  // The broker's resource limits (Kafka's where Kafka bounds them, a bound fit for one machine
  // where Kafka's default is unbounded).
  limit(
    'socket.request.max.bytes',
    100 * MiB,
    [1024, 1024 * MiB],
    'Largest request frame; a larger size prefix closes the connection'
  ),
  limit(
    'queued.max.request.bytes',
    100 * MiB,
    [1024, 8192 * MiB],
    'Request bytes buffered or in flight over all connections; past it, reading pauses'
  ),
  limit(
    'max.connections',
    1000,
    [1, 1_000_000],
    "Client connections a broker holds over its listeners; past it, the broker's acceptor waits until one closes",
    'cluster-wide'
  ),
  limit(
    'max.connections.per.ip',
    1000,
    [1, 1_000_000],
    'Client connections a broker holds from one address; more are closed on accept',
    'cluster-wide'
  ),
  {
    name: 'max.connections.per.ip.overrides',
    defaultValue: '',
    doc: 'Per-address bounds that replace max.connections.per.ip, as host:count pairs (127.0.0.1:200,localhost:50)',
    kind: {
      type: 'text',
      pattern: /^(\s*[^\s:,]+\s*:\s*\d+\s*(,\s*[^\s:,]+\s*:\s*\d+\s*)*)?$/,
      hint: 'a list of host:count (an IPv4 address or localhost)'
    },
    updateMode: 'cluster-wide',
    embedded: true
  },
  limit(
    'socket.listen.backlog.size',
    50,
    [1, 65_535],
    "Connections that may wait for a broker's acceptor (held back by max.connections or max.connection.creation.rate); more are closed"
  ),
  // Kafka's replication quotas (kafka-reassign-partitions --throttle sets them on each broker of a
  // move): the bytes per second a broker's throttled replicas copy, as leader and as follower.
  ...(['leader', 'follower'] as const).map((side): BrokerConfigDef => ({
    name: `${side}.replication.throttled.rate`,
    defaultValue: LONG_MAX,
    doc: `Bytes per second a broker's throttled replicas copy as ${side} (those the topic's ${side}.replication.throttled.replicas name, and those a reassignment adds); the default is no limit`,
    kind: { type: 'long', min: 0, unit: 'bytes' },
    updateMode: 'cluster-wide',
    embedded: true
  })),
  limit(
    'max.connection.creation.rate',
    2147483647,
    [0, 2147483647],
    "New connections per second a broker accepts over its listeners; faster ones wait (Kafka's acceptor is held back)",
    'cluster-wide'
  ),
  // The listener-prefixed forms, for the listeners named by their security protocol (others are
  // added when a cluster has them: addListenerConfigs).
  ...['plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl'].flatMap(listenerConfigDefs),
  limit(
    'connections.max.idle.ms',
    600_000,
    [1000, 86_400_000],
    'A connection with no request for this long is closed'
  ),
  limit(
    'request.read.timeout.ms',
    30_000,
    [100, 3_600_000],
    "A request frame must arrive whole within this time of its first byte (Logdeck's own)"
  ),
  limit(
    'fetch.max.bytes',
    55 * MiB,
    [1024, 1024 * MiB],
    'Most record bytes in one Fetch response, whatever the client asks for'
  ),
  limit(
    'max.topics.per.request',
    1000,
    [1, 100_000],
    "Topics one Metadata (auto-creation) or CreateTopics request may create (Logdeck's own)"
  ),
  limit(
    'max.request.partition.size.limit',
    2000,
    [1, 1_000_000],
    'Most partitions one DescribeTopicPartitions answer describes; the client asks on for the rest'
  ),
  limit(
    'max.incremental.fetch.session.cache.slots',
    1000,
    [0, 1_000_000],
    'Incremental fetch sessions each broker keeps; 0 serves every fetch whole'
  ),
  // Delegation tokens (KIP-48): enabled by a secret key, as in Kafka.
  {
    name: 'delegation.token.secret.key',
    defaultValue: null,
    doc: 'Secret key to make and check delegation tokens; unset or empty, delegation tokens are disabled',
    kind: { type: 'text', pattern: /^[\s\S]*$/, hint: 'any text' },
    updateMode: 'read-only',
    embedded: true,
    sensitive: true
  },
  {
    name: 'delegation.token.max.lifetime.ms',
    defaultValue: String(7 * 24 * HOUR_MS),
    doc: 'The longest a delegation token lives, renewed or not',
    kind: { type: 'long', min: 1, unit: 'ms' },
    updateMode: 'read-only',
    embedded: true
  },
  {
    name: 'delegation.token.expiry.time.ms',
    defaultValue: String(24 * HOUR_MS),
    doc: 'How long a delegation token is valid before it must be renewed',
    kind: { type: 'long', min: 1, unit: 'ms' },
    updateMode: 'read-only',
    embedded: true
  },
  {
    name: 'delegation.token.expiry.check.interval.ms',
    defaultValue: String(HOUR_MS),
    doc: 'How often expired delegation tokens are removed',
    kind: { type: 'long', min: 1, unit: 'ms' },
    updateMode: 'read-only',
    embedded: true
  },
  {
    name: 'connections.max.reauth.ms',
    defaultValue: '0',
    doc: 'How long a SASL session lasts (KIP-368): the broker tells clients at login and closes a connection that has not re-authenticated by then; 0, sessions do not expire. Given at start as --connections.max.reauth.ms',
    kind: { type: 'long', min: 0, unit: 'ms' },
    updateMode: 'read-only',
    embedded: true
  },
  limit(
    'telemetry.max.bytes',
    MiB,
    [1, 2147483647],
    'Largest metrics payload a client may push (PushTelemetry, KIP-714); larger is TELEMETRY_TOO_LARGE'
  ),
  ...groupBrokerConfigDefs,
  ...rackBrokerConfigDefs
]

/** Every broker config served, by name, in the order they are listed. */
const defsByName = new Map(defs.map((d) => [d.name, d]))
for (const row of kafkaBrokerConfigRows)
  if (!defsByName.has(row[0])) defsByName.set(row[0], kafkaConfigDef(row))
export const brokerConfigDefs: ReadonlyMap<string, BrokerConfigDef> = defsByName

/**
 * Adds the listener-prefixed configs of a listener named otherwise than by its security
 * protocol (`--listener EXTERNAL=sasl_ssl:9292`), after the ones of the protocols' names.
 */
export function addListenerConfigs(listener: string): void {
  for (const def of listenerConfigDefs(listener))
    if (!defsByName.has(def.name)) defsByName.set(def.name, def)
}

/** The broker configs a topic config defaults to, the one that wins first (ms before hours). */
export function brokerSynonymsOf(topicConfig: string): BrokerConfigDef[] {
  return defs.filter((d) => d.topicConfig === topicConfig)
}

/** Checks one broker config value: its canonical form, or why it is refused. */
export function checkBrokerConfig(name: string, value: string): TopicConfigCheck {
  const def = brokerConfigDefs.get(name)
  if (!def) return { ok: false, unknown: true, problem: `Unknown broker config '${name}'` }
  return checkConfigKind(def.kind, value)
}

/**
 * A topic config's default from a broker config's value: hours and minutes become ms, and a
 * negative value stays as it is (-1, forever).
 */
export function topicDefaultFrom(def: BrokerConfigDef, value: string): string {
  if (!def.unitMs || value.startsWith('-')) return value
  return (BigInt(value) * BigInt(def.unitMs)).toString()
}
