// Kafka's topic configs: names, value types, units, defaults and documentation, checked by the
// engine, described by DescribeConfigs and the contract, and edited by the console.
import { LONG_MAX } from './protocol-constants'

export type TopicConfigKind =
  | {
      type: 'long' | 'int'
      min?: number
      max?: number
      /** What the number counts, so the console can show "7 d" or "1.0 GiB". */
      unit?: 'ms' | 'bytes'
      /** How the console names a negative value ("forever", "no limit"). */
      unlimited?: string
    }
  | { type: 'double'; min: number; max: number }
  | { type: 'boolean' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'list'; values: readonly string[] }
  /** Free text Kafka checks against a form: `pattern` matches it, `hint` says what it is. */
  | { type: 'text'; pattern: RegExp; hint: string }

export interface TopicConfigDef {
  name: string
  defaultValue: string
  doc: string
  kind: TopicConfigKind
  /** False for Kafka configs the embedded engine does not implement (the console still knows them). */
  embedded: boolean
  /** Kafka still accepts it but deprecates it (and ignores it, or will drop it). */
  deprecated?: boolean
}

/** `*`, or `partition:brokerId` pairs: which replicas a replication throttle applies to. */
const THROTTLED_REPLICAS: TopicConfigKind = {
  type: 'text',
  pattern: /^(\*|(\d+:\d+(\s*,\s*\d+:\d+)*)?)$/,
  hint: "'*' or a list of partition:brokerId"
}

const defs: TopicConfigDef[] = [
  {
    name: 'cleanup.policy',
    defaultValue: 'delete',
    doc: 'delete removes old segments; compact keeps the latest record per key; both may be set',
    kind: { type: 'list', values: ['delete', 'compact'] },
    embedded: true
  },
  {
    name: 'compression.type',
    defaultValue: 'producer',
    doc: 'Final compression of the topic; producer keeps what the producer sent',
    kind: { type: 'enum', values: ['producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd'] },
    embedded: true
  },
  {
    name: 'compression.gzip.level',
    defaultValue: '-1',
    doc: 'gzip level of compression.type=gzip (1-9; -1 the codec default)',
    kind: { type: 'int', min: -1, max: 9 },
    embedded: false
  },
  {
    name: 'compression.lz4.level',
    defaultValue: '9',
    doc: 'lz4 level of compression.type=lz4',
    kind: { type: 'int', min: 1, max: 17 },
    embedded: false
  },
  {
    name: 'compression.zstd.level',
    defaultValue: '3',
    doc: 'zstd level of compression.type=zstd',
    kind: { type: 'int', min: -131072, max: 22 },
    embedded: false
  },
  {
    name: 'delete.retention.ms',
    defaultValue: '86400000',
    doc: 'How long tombstones are kept on a compacted topic',
    kind: { type: 'long', min: 0, unit: 'ms' },
    embedded: true
  },
  {
    name: 'file.delete.delay.ms',
    defaultValue: '60000',
    doc: 'Time to wait before deleting a file from the filesystem',
    kind: { type: 'long', min: 0, unit: 'ms' },
    embedded: false
  },
  {
    name: 'flush.messages',
    defaultValue: LONG_MAX,
    doc: 'Records written after which the log is forced to disk',
    kind: { type: 'long', min: 1 },
    embedded: false
  },
  {
    name: 'flush.ms',
    defaultValue: LONG_MAX,
    doc: 'Time after which the log is forced to disk',
    kind: { type: 'long', min: 0, unit: 'ms' },
    embedded: false
  },
  {
    name: 'follower.replication.throttled.replicas',
    defaultValue: '',
    doc: "Replicas out of the ISR that copy under their broker's follower.replication.throttled.rate",
    kind: THROTTLED_REPLICAS,
    embedded: true
  },
  {
    name: 'index.interval.bytes',
    defaultValue: '4096',
    doc: 'Bytes between two entries of the offset index',
    kind: { type: 'int', min: 0, unit: 'bytes' },
    embedded: false
  },
  {
    name: 'leader.replication.throttled.replicas',
    defaultValue: '',
    doc: "Replicas out of the ISR that copy under the leader's leader.replication.throttled.rate",
    kind: THROTTLED_REPLICAS,
    embedded: true
  },
  {
    name: 'local.retention.bytes',
    defaultValue: '-2',
    doc: 'Largest size a partition keeps on local disk with tiered storage; -2 means retention.bytes',
    kind: { type: 'long', min: -2, unit: 'bytes', unlimited: 'no limit' },
    embedded: false
  },
  {
    name: 'local.retention.ms',
    defaultValue: '-2',
    doc: 'How long a segment stays on local disk with tiered storage; -2 means retention.ms',
    kind: { type: 'long', min: -2, unit: 'ms', unlimited: 'forever' },
    embedded: false
  },
  {
    name: 'max.compaction.lag.ms',
    defaultValue: LONG_MAX,
    doc: 'Longest time a record stays ineligible for compaction',
    kind: { type: 'long', min: 1, unit: 'ms' },
    embedded: true
  },
  {
    name: 'max.message.bytes',
    defaultValue: '1048588',
    doc: 'Largest record batch the topic accepts, after compression',
    kind: { type: 'int', min: 0, unit: 'bytes' },
    embedded: true
  },
  {
    name: 'message.downconversion.enable',
    defaultValue: 'true',
    doc: 'Deprecated (removed in Kafka 4.0): down-convert records for old consumers',
    kind: { type: 'boolean' },
    embedded: false,
    deprecated: true
  },
  {
    name: 'message.format.version',
    defaultValue: '3.0-IV1',
    doc: 'Deprecated (ignored from Kafka 3.0, removed in 4.0): the record format version',
    kind: {
      type: 'text',
      pattern: /^\d+\.\d+(\.\d+)?(-IV\d+)?$/,
      hint: 'a Kafka version such as 2.8 or 3.0-IV1'
    },
    embedded: false,
    deprecated: true
  },
  {
    name: 'message.timestamp.after.max.ms',
    defaultValue: '3600000',
    doc: 'How far in the future a CreateTime timestamp may be',
    kind: { type: 'long', min: 0, unit: 'ms' },
    embedded: true
  },
  {
    name: 'message.timestamp.before.max.ms',
    defaultValue: LONG_MAX,
    doc: 'How far in the past a CreateTime timestamp may be',
    kind: { type: 'long', min: 0, unit: 'ms' },
    embedded: true
  },
  {
    name: 'message.timestamp.difference.max.ms',
    defaultValue: LONG_MAX,
    doc: 'Deprecated (removed in Kafka 4.0; use message.timestamp.before/after.max.ms): largest difference between a CreateTime timestamp and the broker clock',
    kind: { type: 'long', min: 0, unit: 'ms' },
    embedded: false,
    deprecated: true
  },
  {
    name: 'message.timestamp.type',
    defaultValue: 'CreateTime',
    doc: "CreateTime keeps the producer's timestamp; LogAppendTime uses the broker's clock",
    kind: { type: 'enum', values: ['CreateTime', 'LogAppendTime'] },
    embedded: true
  },
  {
    name: 'min.cleanable.dirty.ratio',
    defaultValue: '0.5',
    doc: 'Share of the log not yet compacted before the cleaner compacts it',
    kind: { type: 'double', min: 0, max: 1 },
    embedded: true
  },
  {
    name: 'min.compaction.lag.ms',
    defaultValue: '0',
    doc: 'Shortest time a record stays uncompacted',
    kind: { type: 'long', min: 0, unit: 'ms' },
    embedded: true
  },
  {
    name: 'min.insync.replicas',
    defaultValue: '1',
    doc: 'In-sync replicas needed for a write with acks=all to succeed',
    kind: { type: 'int', min: 1 },
    embedded: true
  },
  {
    name: 'preallocate',
    defaultValue: 'false',
    doc: 'Preallocate segment files on disk',
    kind: { type: 'boolean' },
    embedded: false
  },
  {
    name: 'remote.log.copy.disable',
    defaultValue: 'false',
    doc: 'Stop copying segments to tiered storage (reads stay possible)',
    kind: { type: 'boolean' },
    embedded: false
  },
  {
    name: 'remote.log.delete.on.disable',
    defaultValue: 'false',
    doc: 'Delete tiered segments when tiered storage is turned off for the topic',
    kind: { type: 'boolean' },
    embedded: false
  },
  {
    name: 'remote.storage.enable',
    defaultValue: 'false',
    doc: 'Keep old segments in tiered storage',
    kind: { type: 'boolean' },
    embedded: false
  },
  {
    name: 'retention.bytes',
    defaultValue: '-1',
    doc: 'Largest size of each partition before old segments are deleted; -1 means no limit',
    kind: { type: 'long', min: -1, unit: 'bytes', unlimited: 'no limit' },
    embedded: true
  },
  {
    name: 'retention.ms',
    defaultValue: '604800000',
    doc: 'How long records are kept before their segment is deleted; -1 means forever',
    kind: { type: 'long', min: -1, unit: 'ms', unlimited: 'forever' },
    embedded: true
  },
  {
    name: 'segment.bytes',
    defaultValue: '1073741824',
    doc: 'Size of a segment: the unit retention deletes at once',
    kind: { type: 'int', min: 14, unit: 'bytes' },
    embedded: true
  },
  {
    name: 'segment.index.bytes',
    defaultValue: '10485760',
    doc: 'Size of the index that maps offsets to file positions',
    kind: { type: 'int', min: 4, unit: 'bytes' },
    embedded: false
  },
  {
    name: 'segment.jitter.ms',
    defaultValue: '0',
    doc: 'Largest random delay subtracted from segment.ms, so segments do not roll at once',
    kind: { type: 'long', min: 0, unit: 'ms' },
    embedded: false
  },
  {
    name: 'segment.ms',
    defaultValue: '604800000',
    doc: 'Time after which a segment is rolled even if not full',
    kind: { type: 'long', min: 1, unit: 'ms' },
    embedded: true
  },
  {
    name: 'unclean.leader.election.enable',
    defaultValue: 'false',
    doc: 'Allow an out-of-sync replica to become leader, losing records',
    kind: { type: 'boolean' },
    embedded: true
  }
]

/** Every topic config the console knows, by name. */
export const kafkaTopicConfigs: ReadonlyMap<string, TopicConfigDef> = new Map(
  defs.map((d) => [d.name, d])
)

/** The topic configs the embedded engine implements, by name. */
export const topicConfigDefs: ReadonlyMap<string, TopicConfigDef> = new Map(
  defs.filter((d) => d.embedded).map((d) => [d.name, d])
)

/** Kafka's default retention.ms (7 days). */
export const DEFAULT_RETENTION_MS = Number(topicConfigDefs.get('retention.ms')!.defaultValue)

/** A config value checked against its definition: its canonical form, or why it is refused. */
export type TopicConfigCheck =
  { ok: true; value: string } | { ok: false; unknown: boolean; problem: string }

const refuse = (problem: string): TopicConfigCheck => ({ ok: false, unknown: false, problem })

/**
 * Checks one value of a topic config the embedded engine implements, or (with
 * `kafkaTopicConfigs` as the catalogue) of any topic config Kafka knows.
 */
export function checkTopicConfig(
  name: string,
  value: string,
  catalogue: ReadonlyMap<string, TopicConfigDef> = topicConfigDefs
): TopicConfigCheck {
  const def = catalogue.get(name)
  if (!def) return { ok: false, unknown: true, problem: `Unknown topic config '${name}'` }
  return checkConfigKind(def.kind, value)
}

/** Checks a value against a config's kind: its canonical form, or why it is refused. */
export function checkConfigKind(k: TopicConfigKind, value: string): TopicConfigCheck {
  const v = value.trim()
  switch (k.type) {
    case 'long':
    case 'int': {
      if (!/^-?\d+$/.test(v)) return refuse('must be a whole number')
      const n = BigInt(v)
      const hi = k.type === 'int' ? 2147483647n : 9223372036854775807n
      if (n > hi || n < -hi - 1n) return refuse('out of range')
      if (k.min !== undefined && n < BigInt(k.min)) return refuse(`must be at least ${k.min}`)
      if (k.max !== undefined && n > BigInt(k.max)) return refuse(`must be at most ${k.max}`)
      return { ok: true, value: n.toString() }
    }
    case 'double': {
      const n = Number(v)
      if (v === '' || !Number.isFinite(n)) return refuse('must be a number')
      if (n < k.min || n > k.max) return refuse(`must be in [${k.min}, ${k.max}]`)
      return { ok: true, value: String(n) }
    }
    case 'boolean':
      if (v !== 'true' && v !== 'false') return refuse("must be 'true' or 'false'")
      return { ok: true, value: v }
    case 'enum':
      if (!k.values.includes(v)) return refuse(`must be one of ${k.values.join(', ')}`)
      return { ok: true, value: v }
    case 'text':
      if (!k.pattern.test(v)) return refuse(`must be ${k.hint}`)
      return { ok: true, value: v }
    case 'list': {
      const items = v.split(',').map((s) => s.trim())
      const bad = items.find((i) => !k.values.includes(i))
      if (bad !== undefined || items.length === 0)
        return refuse(`must be a list of ${k.values.join(', ')}`)
      return { ok: true, value: [...new Set(items)].join(',') }
    }
  }
}

/**
 * The effective value of every topic config the engine implements (the override, else the
 * broker's value for it, else Kafka's default), and of any other Kafka topic config the topic
 * overrides.
 */
export function effectiveConfigs(
  overrides: Record<string, string>,
  brokerDefaults: Readonly<Record<string, string>> = {}
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const def of topicConfigDefs.values())
    out[def.name] = overrides[def.name] ?? brokerDefaults[def.name] ?? def.defaultValue
  for (const [name, value] of Object.entries(overrides)) out[name] ??= value
  return out
}

/** A combination of topic configs Kafka refuses though each value is valid alone. */
export interface TopicConfigConflict {
  /** The config the problem is reported on. */
  name: string
  problem: string
}

/**
 * Checks the effective configs of a topic as a whole, as Kafka's LogConfig does: a record must
 * become eligible for compaction (min.compaction.lag.ms) no later than it is forced to be
 * compacted (max.compaction.lag.ms).
 */
export function topicConfigConflict(overrides: Record<string, string>): TopicConfigConflict | null {
  const c = effectiveConfigs(overrides)
  const min = BigInt(c['min.compaction.lag.ms'])
  const max = BigInt(c['max.compaction.lag.ms'])
  if (min > max)
    return {
      name: 'min.compaction.lag.ms',
      problem: `min.compaction.lag.ms (${min}) is larger than max.compaction.lag.ms (${max}): a record could never be compacted in time`
    }
  return null
}
