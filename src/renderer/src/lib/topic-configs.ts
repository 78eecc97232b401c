// What the console knows about Kafka's topic configs to edit them well: the kind of value,
// the choices for enums, and how to show a raw value to a person.
import { formatBytes, formatDurationMs } from './format'

export type ConfigKind =
  | { type: 'duration'; unlimited?: string }
  | { type: 'bytes'; unlimited?: string }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'boolean' }
  | { type: 'integer' }
  | { type: 'ratio' }
  | { type: 'text' }

const LONG_MAX = '9223372036854775807'

const kinds: Record<string, ConfigKind> = {
  'cleanup.policy': { type: 'enum', values: ['delete', 'compact', 'compact,delete'] },
  'compression.type': {
    type: 'enum',
    values: ['producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd']
  },
  'delete.retention.ms': { type: 'duration' },
  'file.delete.delay.ms': { type: 'duration' },
  'flush.ms': { type: 'duration' },
  'local.retention.ms': { type: 'duration', unlimited: 'forever' },
  'max.compaction.lag.ms': { type: 'duration' },
  'max.message.bytes': { type: 'bytes' },
  'message.timestamp.after.max.ms': { type: 'duration' },
  'message.timestamp.before.max.ms': { type: 'duration' },
  'message.timestamp.type': { type: 'enum', values: ['CreateTime', 'LogAppendTime'] },
  'min.cleanable.dirty.ratio': { type: 'ratio' },
  'min.compaction.lag.ms': { type: 'duration' },
  'min.insync.replicas': { type: 'integer' },
  'retention.bytes': { type: 'bytes', unlimited: 'no limit' },
  'retention.ms': { type: 'duration', unlimited: 'forever' },
  'segment.bytes': { type: 'bytes' },
  'segment.index.bytes': { type: 'bytes' },
  'segment.ms': { type: 'duration' },
  'unclean.leader.election.enable': { type: 'boolean' }
}

export function configKind(name: string): ConfigKind {
  return kinds[name] ?? { type: 'text' }
}

/** The configs people change most, shown first. */
export const primaryConfigs = [
  'retention.ms',
  'retention.bytes',
  'cleanup.policy',
  'min.insync.replicas',
  'max.message.bytes'
]

export function sortConfigs<T extends { name: string }>(entries: T[]): T[] {
  const rank = (n: string) => {
    const i = primaryConfigs.indexOf(n)
    return i < 0 ? primaryConfigs.length : i
  }
  return [...entries].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))
}

/** "604800000" -> "7 d", "1073741824" -> "1.0 GiB", Long.MAX -> "no limit". */
export function humanConfigValue(name: string, value: string): string | null {
  const kind = configKind(name)
  if (kind.type !== 'duration' && kind.type !== 'bytes') return null
  if (value === LONG_MAX) return 'no limit'
  const n = Number(value)
  if (!Number.isFinite(n)) return null
  if (n < 0) return kind.unlimited ?? 'unlimited'
  return kind.type === 'duration' ? formatDurationMs(n) : formatBytes(n)
}
