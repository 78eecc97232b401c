// What the console needs to edit Kafka's topic configs well (src/shared/kafka holds the
// catalogue): the kind of input, the choices for enums, and how to show a raw value to a person.
import { LONG_MAX } from '../../../shared/kafka/protocol-constants'
import { kafkaTopicConfigs, type TopicConfigKind } from '../../../shared/kafka/topic-configs'
import { formatBytes, formatDurationMs } from './format'

export type ConfigKind =
  | { type: 'duration'; unlimited?: string }
  | { type: 'bytes'; unlimited?: string }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'boolean' }
  | { type: 'integer' }
  | { type: 'ratio' }
  | { type: 'text' }

function inputKind(k: TopicConfigKind): ConfigKind {
  switch (k.type) {
    case 'long':
    case 'int':
      if (k.unit === 'ms') return { type: 'duration', unlimited: k.unlimited }
      if (k.unit === 'bytes') return { type: 'bytes', unlimited: k.unlimited }
      return { type: 'integer' }
    case 'double':
      return { type: 'ratio' }
    case 'boolean':
      return { type: 'boolean' }
    case 'enum':
      return { type: 'enum', values: k.values }
    case 'text':
      return { type: 'text' }
    case 'list':
      // Every value alone, then all of them together ("compact,delete").
      return { type: 'enum', values: [...k.values, [...k.values].sort().join(',')] }
  }
}

export function configKind(name: string): ConfigKind {
  const def = kafkaTopicConfigs.get(name)
  return def ? inputKind(def.kind) : { type: 'text' }
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
