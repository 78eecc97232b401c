// Topic-level configs with Kafka's names, defaults, documentation and validation rules.
import { ApiError } from '../../shared/errors'

const LONG_MAX = '9223372036854775807'

type Kind =
  | { type: 'long'; min?: number; max?: number }
  | { type: 'int'; min?: number; max?: number }
  | { type: 'double'; min: number; max: number }
  | { type: 'boolean' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'list'; values: readonly string[] }

export interface TopicConfigDef {
  name: string
  defaultValue: string
  doc: string
  kind: Kind
}

const defs: TopicConfigDef[] = [
  {
    name: 'cleanup.policy',
    defaultValue: 'delete',
    doc: 'delete removes old segments; compact keeps the latest record per key; both may be set',
    kind: { type: 'list', values: ['delete', 'compact'] }
  },
  {
    name: 'compression.type',
    defaultValue: 'producer',
    doc: 'Final compression of the topic; producer keeps what the producer sent',
    kind: { type: 'enum', values: ['producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd'] }
  },
  {
    name: 'delete.retention.ms',
    defaultValue: '86400000',
    doc: 'How long tombstones are kept on a compacted topic',
    kind: { type: 'long', min: 0 }
  },
  {
    name: 'max.compaction.lag.ms',
    defaultValue: LONG_MAX,
    doc: 'Longest time a record stays ineligible for compaction',
    kind: { type: 'long', min: 1 }
  },
  {
    name: 'max.message.bytes',
    defaultValue: '1048588',
    doc: 'Largest record batch the topic accepts, after compression',
    kind: { type: 'int', min: 0 }
  },
  {
    name: 'message.timestamp.after.max.ms',
    defaultValue: '3600000',
    doc: 'How far in the future a CreateTime timestamp may be',
    kind: { type: 'long', min: 0 }
  },
  {
    name: 'message.timestamp.before.max.ms',
    defaultValue: LONG_MAX,
    doc: 'How far in the past a CreateTime timestamp may be',
    kind: { type: 'long', min: 0 }
  },
  {
    name: 'message.timestamp.type',
    defaultValue: 'CreateTime',
    doc: "CreateTime keeps the producer's timestamp; LogAppendTime uses the broker's clock",
    kind: { type: 'enum', values: ['CreateTime', 'LogAppendTime'] }
  },
  {
    name: 'min.cleanable.dirty.ratio',
    defaultValue: '0.5',
    doc: 'Share of the log not yet compacted before the cleaner compacts it',
    kind: { type: 'double', min: 0, max: 1 }
  },
  {
    name: 'min.compaction.lag.ms',
    defaultValue: '0',
    doc: 'Shortest time a record stays uncompacted',
    kind: { type: 'long', min: 0 }
  },
  {
    name: 'min.insync.replicas',
    defaultValue: '1',
    doc: 'In-sync replicas needed for a write with acks=all to succeed',
    kind: { type: 'int', min: 1 }
  },
  {
    name: 'retention.bytes',
    defaultValue: '-1',
    doc: 'Largest size of each partition before old segments are deleted; -1 means no limit',
    kind: { type: 'long', min: -1 }
  },
  {
    name: 'retention.ms',
    defaultValue: '604800000',
    doc: 'How long records are kept before their segment is deleted; -1 means forever',
    kind: { type: 'long', min: -1 }
  },
  {
    name: 'segment.bytes',
    defaultValue: '1073741824',
    doc: 'Size of a segment: the unit retention deletes at once',
    kind: { type: 'int', min: 14 }
  },
  {
    name: 'segment.ms',
    defaultValue: '604800000',
    doc: 'Time after which a segment is rolled even if not full',
    kind: { type: 'long', min: 1 }
  },
  {
    name: 'unclean.leader.election.enable',
    defaultValue: 'false',
    doc: 'Allow an out-of-sync replica to become leader, losing records',
    kind: { type: 'boolean' }
  }
]

export const topicConfigDefs: ReadonlyMap<string, TopicConfigDef> = new Map(
  defs.map((d) => [d.name, d])
)

function invalid(name: string, value: string, why: string): ApiError {
  return new ApiError('BAD_REQUEST', `Invalid value '${value}' for ${name}: ${why}`, name)
}

/** Checks one config value and returns its canonical form; throws ApiError naming the config. */
export function validateTopicConfig(name: string, value: string): string {
  const def = topicConfigDefs.get(name)
  if (!def) throw new ApiError('BAD_REQUEST', `Unknown topic config '${name}'`, name)
  const v = value.trim()
  const k = def.kind
  switch (k.type) {
    case 'long':
    case 'int': {
      if (!/^-?\d+$/.test(v)) throw invalid(name, value, 'must be a whole number')
      const n = BigInt(v)
      const hi = k.type === 'int' ? 2147483647n : 9223372036854775807n
      if (n > hi || n < -hi - 1n) throw invalid(name, value, 'out of range')
      if (k.min !== undefined && n < BigInt(k.min))
        throw invalid(name, value, `must be at least ${k.min}`)
      if (k.max !== undefined && n > BigInt(k.max))
        throw invalid(name, value, `must be at most ${k.max}`)
      return n.toString()
    }
    case 'double': {
      const n = Number(v)
      if (v === '' || !Number.isFinite(n)) throw invalid(name, value, 'must be a number')
      if (n < k.min || n > k.max) throw invalid(name, value, `must be in [${k.min}, ${k.max}]`)
      return String(n)
    }
    case 'boolean':
      if (v !== 'true' && v !== 'false') throw invalid(name, value, "must be 'true' or 'false'")
      return v
    case 'enum':
      if (!k.values.includes(v)) throw invalid(name, value, `must be one of ${k.values.join(', ')}`)
      return v
    case 'list': {
      const items = v.split(',').map((s) => s.trim())
      const bad = items.find((i) => !k.values.includes(i))
      if (bad !== undefined || items.length === 0)
        throw invalid(name, value, `must be a list of ${k.values.join(', ')}`)
      return [...new Set(items)].join(',')
    }
  }
}

/** Validates a whole config map; returns the canonical values. */
export function validateTopicConfigs(configs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(configs)) out[name] = validateTopicConfig(name, value)
  return out
}

/** The effective value of every topic config: the topic's own override or the default. */
export function effectiveConfigs(overrides: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const def of defs) out[def.name] = overrides[def.name] ?? def.defaultValue
  return out
}
