// The topic-creation plan: purpose presets, partition sizing, what replication survives, the
// disk retention will use, and the equivalent kafka-topics.sh command. Pure, so it is tested
// on its own and the wizard only wires it to inputs.
import { DEFAULT_RETENTION_MS, kafkaTopicConfigs } from '../../../shared/kafka/topic-configs'
import { formatBytes, formatDurationMs } from './format'

export type Purpose = 'events' | 'changelog' | 'queue' | 'dlq'
export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete'

export interface TopicPlan {
  name: string
  purpose: Purpose | null
  partitions: number
  replicationFactor: number
  minInsyncReplicas: number
  cleanupPolicy: CleanupPolicy
  /** -1 keeps records forever. */
  retentionMs: number
  /** Per partition, as Kafka counts it; -1 means no size limit. */
  retentionBytes: number
  /** Sizing inputs: the load the topic must take and who reads it. */
  peakMessagesPerSec: number
  avgMessageBytes: number
  consumers: number
  /** What one partition sustains, in MB/s (10 is a common, conservative figure). */
  partitionThroughputMBps: number
  /** Further configs a preset sets (e.g. delete.retention.ms for a changelog). */
  extraConfigs: Record<string, string>
}

export const DAY_MS = 86_400_000
export const KAFKA_DEFAULT_RETENTION_MS = DEFAULT_RETENTION_MS

export interface PurposePreset {
  id: Purpose
  title: string
  summary: string
  examples: string
  apply(brokers: number): Partial<TopicPlan>
}

/** Replication a preset asks for on a cluster of `brokers`: three copies where possible. */
function durableReplication(
  brokers: number
): Pick<TopicPlan, 'replicationFactor' | 'minInsyncReplicas'> {
  const rf = Math.max(1, Math.min(3, brokers))
  return { replicationFactor: rf, minInsyncReplicas: rf >= 3 ? 2 : 1 }
}

export const purposePresets: readonly PurposePreset[] = [
  {
    id: 'events',
    title: 'Event stream',
    summary: 'Facts that happened, read by several services; kept for a while, then deleted.',
    examples: 'orders placed, page views, payments',
    apply: (brokers) => ({
      ...durableReplication(brokers),
      cleanupPolicy: 'delete',
      retentionMs: KAFKA_DEFAULT_RETENTION_MS,
      retentionBytes: -1,
      peakMessagesPerSec: 1000,
      avgMessageBytes: 1024,
      consumers: 3,
      extraConfigs: {}
    })
  },
  {
    id: 'changelog',
    title: 'Compacted changelog',
    summary: 'The latest value per key, kept forever; a null value (tombstone) deletes a key.',
    examples: 'customer profiles, table snapshots, service state',
    apply: (brokers) => ({
      ...durableReplication(brokers),
      cleanupPolicy: 'compact',
      retentionMs: -1,
      retentionBytes: -1,
      peakMessagesPerSec: 200,
      avgMessageBytes: 2048,
      consumers: 3,
      extraConfigs: { 'delete.retention.ms': String(DAY_MS), 'min.compaction.lag.ms': '0' }
    })
  },
  {
    id: 'queue',
    title: 'Work queue',
    summary: 'Jobs shared by a pool of workers; one partition per worker you will run.',
    examples: 'emails to send, images to resize, webhooks',
    apply: (brokers) => ({
      ...durableReplication(brokers),
      cleanupPolicy: 'delete',
      retentionMs: 3 * DAY_MS,
      retentionBytes: -1,
      peakMessagesPerSec: 100,
      avgMessageBytes: 1024,
      consumers: 12,
      extraConfigs: {}
    })
  },
  {
    id: 'dlq',
    title: 'Dead-letter queue',
    summary: 'Records a consumer could not process, kept long enough to inspect and replay.',
    examples: 'orders.dlq, payments-failed',
    apply: (brokers) => ({
      ...durableReplication(brokers),
      cleanupPolicy: 'delete',
      retentionMs: 30 * DAY_MS,
      retentionBytes: -1,
      peakMessagesPerSec: 10,
      avgMessageBytes: 2048,
      consumers: 1,
      extraConfigs: {}
    })
  }
]

export function defaultPlan(brokers: number): TopicPlan {
  const events = purposePresets[0].apply(brokers)
  return {
    name: '',
    purpose: null,
    partitions: 3,
    replicationFactor: 1,
    minInsyncReplicas: 1,
    cleanupPolicy: 'delete',
    retentionMs: KAFKA_DEFAULT_RETENTION_MS,
    retentionBytes: -1,
    peakMessagesPerSec: 1000,
    avgMessageBytes: 1024,
    consumers: 3,
    partitionThroughputMBps: 10,
    extraConfigs: {},
    ...events
  }
}

/** Applies a preset, including the partition count its sizing inputs call for. */
export function applyPreset(plan: TopicPlan, purpose: Purpose, brokers: number): TopicPlan {
  const preset = purposePresets.find((p) => p.id === purpose)
  if (!preset) return plan
  const next: TopicPlan = { ...plan, ...preset.apply(brokers), purpose }
  next.partitions = sizePartitions(next).recommended
  return next
}

export interface PartitionSizing {
  /** Partitions needed to carry the peak byte rate. */
  byThroughput: number
  /** Partitions needed so that every consumer in the group has work. */
  byConsumers: number
  recommended: number
  peakBytesPerSec: number
}

export function sizePartitions(
  plan: Pick<
    TopicPlan,
    'peakMessagesPerSec' | 'avgMessageBytes' | 'consumers' | 'partitionThroughputMBps'
  >
): PartitionSizing {
  const peakBytesPerSec = Math.max(0, plan.peakMessagesPerSec) * Math.max(0, plan.avgMessageBytes)
  const perPartition = Math.max(0.001, plan.partitionThroughputMBps) * 1_000_000
  const byThroughput = Math.max(1, Math.ceil(peakBytesPerSec / perPartition))
  const byConsumers = Math.max(1, Math.floor(plan.consumers))
  return {
    byThroughput,
    byConsumers,
    recommended: Math.min(10_000, Math.max(byThroughput, byConsumers)),
    peakBytesPerSec
  }
}

export interface Durability {
  replicationError: string | null
  minInsyncError: string | null
  warning: string | null
  /** Brokers that may be down while acks=all writes still succeed. */
  writesSurviveBrokersDown: number
  /** Brokers that may be down while the partition can still be read (a replica remains). */
  readsSurviveBrokersDown: number
  /** Broker losses an acknowledged acks=all write is guaranteed to survive. */
  ackedWritesSurviveLosses: number
}

export function durability(rf: number, minIsr: number, brokers: number): Durability {
  const d: Durability = {
    replicationError: null,
    minInsyncError: null,
    warning: null,
    writesSurviveBrokersDown: Math.max(0, rf - minIsr),
    readsSurviveBrokersDown: Math.max(0, rf - 1),
    ackedWritesSurviveLosses: Math.max(0, Math.min(minIsr, rf) - 1)
  }
  if (!Number.isInteger(rf) || rf < 1) d.replicationError = 'At least 1 replica'
  else if (rf > brokers)
    d.replicationError = `The cluster has ${brokers} broker${brokers === 1 ? '' : 's'}: a topic cannot have more replicas than brokers`
  if (!Number.isInteger(minIsr) || minIsr < 1) d.minInsyncError = 'At least 1'
  else if (minIsr > rf)
    d.minInsyncError = `Above the replication factor (${rf}): every acks=all write would fail with NOT_ENOUGH_REPLICAS`
  if (!d.replicationError && !d.minInsyncError) {
    if (rf === 1)
      d.warning =
        'One copy: when its broker stops, the partition is offline and unreplicated data can be lost. Fine for local development only.'
    else if (minIsr === rf)
      d.warning = `min.insync.replicas equals the replication factor: any one broker down stops acks=all writes.`
    else if (minIsr === 1)
      d.warning =
        'min.insync.replicas=1: an acks=all write may be acknowledged by the leader alone and lost if that broker fails.'
  }
  return d
}

export interface DiskEstimate {
  /** Bytes one partition replica holds once retention is reached; null when it grows without bound. */
  perPartition: number | null
  /** Over all partitions and replicas. */
  total: number | null
  perBroker: number | null
  limitedBy: 'time' | 'size' | 'keys' | 'none'
  /** Growth per day for the whole cluster (all replicas). */
  dailyGrowth: number
  explanation: string
}

export function estimateDisk(plan: TopicPlan, brokers: number): DiskEstimate {
  const partitions = Math.max(1, plan.partitions)
  const rf = Math.max(1, plan.replicationFactor)
  const perPartitionRate = (plan.peakMessagesPerSec * plan.avgMessageBytes) / partitions
  const dailyGrowth = perPartitionRate * 86_400 * partitions * rf
  const deletes = plan.cleanupPolicy !== 'compact'
  const spread = Math.min(Math.max(1, brokers), partitions * rf)
  const finish = (
    perPartition: number | null,
    limitedBy: DiskEstimate['limitedBy'],
    explanation: string
  ): DiskEstimate => {
    const total = perPartition === null ? null : perPartition * partitions * rf
    return {
      perPartition,
      total,
      perBroker: total === null ? null : total / spread,
      limitedBy,
      dailyGrowth,
      explanation
    }
  }
  if (!deletes)
    return finish(
      null,
      'keys',
      'Compacted: the topic holds about one record per distinct key, so its size follows the number of keys, not time.'
    )
  const byTime = plan.retentionMs < 0 ? null : (perPartitionRate * plan.retentionMs) / 1000
  const bySize = plan.retentionBytes < 0 ? null : plan.retentionBytes
  const rateText = `${formatBytes(plan.peakMessagesPerSec * plan.avgMessageBytes)}/s`
  if (byTime === null && bySize === null)
    return finish(
      null,
      'none',
      `No time or size limit: at ${rateText} the topic grows by ${formatBytes(dailyGrowth)} a day, forever.`
    )
  if (bySize !== null && (byTime === null || bySize < byTime))
    return finish(
      bySize,
      'size',
      `Each partition replica stops at ${formatBytes(bySize)} (retention.bytes); older records are deleted first.`
    )
  return finish(
    byTime,
    'time',
    `At ${rateText} for ${formatDurationMs(plan.retentionMs)}, spread over ${partitions} partition${partitions === 1 ? '' : 's'} × ${rf} replica${rf === 1 ? '' : 's'}.`
  )
}

/** The configs the topic is created with: explicit, so the broker's defaults do not matter. */
export function planConfigs(plan: TopicPlan): Record<string, string> {
  const configs: Record<string, string> = { 'cleanup.policy': plan.cleanupPolicy }
  if (plan.cleanupPolicy !== 'compact') {
    configs['retention.ms'] = String(plan.retentionMs)
    if (plan.retentionBytes >= 0) configs['retention.bytes'] = String(plan.retentionBytes)
  }
  configs['min.insync.replicas'] = String(plan.minInsyncReplicas)
  for (const [k, v] of Object.entries(plan.extraConfigs)) configs[k] = v
  return configs
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9._\-:,/=]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}

/** The same topic created with Kafka's own tool. */
export function kafkaTopicsCommand(plan: TopicPlan, bootstrapServer: string): string {
  const lines = [
    `kafka-topics.sh --bootstrap-server ${shellQuote(bootstrapServer)} --create`,
    `--topic ${shellQuote(plan.name || '<name>')}`,
    `--partitions ${plan.partitions} --replication-factor ${plan.replicationFactor}`,
    ...Object.entries(planConfigs(plan)).map(([k, v]) => `--config ${shellQuote(`${k}=${v}`)}`)
  ]
  return lines.join(' \\\n  ')
}

export const wizardSteps = [
  'Name & purpose',
  'Partitions',
  'Durability',
  'Retention',
  'Advanced',
  'Review'
] as const

/** The step of the Advanced configs. */
export const ADVANCED_STEP = wizardSteps.indexOf('Advanced')

/** Configs the earlier steps set; the Advanced step offers every other one. */
export const stepOwnedConfigs: readonly string[] = [
  'cleanup.policy',
  'retention.ms',
  'retention.bytes',
  'min.insync.replicas'
]

/** The wizard step where the input a server error names lives. */
export function stepForField(name: string | undefined): number {
  if (!name) return wizardSteps.length - 1
  const field = name.replace(/^configs\./, '')
  if (field === 'name') return 0
  if (field === 'partitions') return 1
  if (field === 'replicationFactor' || field === 'min.insync.replicas') return 2
  if (field.startsWith('retention.') || field === 'cleanup.policy') return 3
  if (kafkaTopicConfigs.has(field)) return ADVANCED_STEP
  return wizardSteps.length - 1
}
