// A topic's configs as typed values, parsed once from their Kafka string form.
import { effectiveConfigs } from './topic-configs'

export interface TopicConfig {
  /** cleanup.policy contains delete: retention.ms / retention.bytes remove old segments. */
  deleteEnabled: boolean
  /** cleanup.policy contains compact: the cleaner keeps the latest record per key. */
  compactEnabled: boolean
  /** retention.ms (default 7 days); -1 keeps records forever. */
  retentionMs: number
  /** retention.bytes per partition (default -1, no limit). */
  retentionBytes: number
  /** segment.bytes (default 1 GiB): a segment is rolled before it would grow past this. */
  segmentBytes: number
  /** segment.ms (default 7 days): a segment is rolled once it is this old. */
  segmentMs: number
  /** max.message.bytes (default 1048588): the largest batch accepted, after compression. */
  maxMessageBytes: number
  /** message.timestamp.type: CreateTime keeps the producer's timestamps. */
  logAppendTime: boolean
  /** message.timestamp.before.max.ms (default Long.MAX_VALUE). */
  timestampBeforeMaxMs: number
  /** message.timestamp.after.max.ms (default 1 hour). */
  timestampAfterMaxMs: number
  /** delete.retention.ms (default 1 day): how long compaction keeps tombstones. */
  deleteRetentionMs: number
  /** min.cleanable.dirty.ratio (default 0.5). */
  minCleanableDirtyRatio: number
  /** min.compaction.lag.ms (default 0). */
  minCompactionLagMs: number
  /** max.compaction.lag.ms (default Long.MAX_VALUE). */
  maxCompactionLagMs: number
  /** min.insync.replicas (default 1): in-sync replicas an acks=all write needs. */
  minInsyncReplicas: number
  /** unclean.leader.election.enable (default false): an out-of-sync replica may become leader. */
  uncleanLeaderElection: boolean
}

/**
 * Parses topic configs; missing names take Kafka's defaults. Longs beyond 2^53 lose precision,
 * which only affects the Long.MAX_VALUE "no limit" defaults and keeps them effectively unlimited.
 */
export function topicConfigFrom(configs: Record<string, string> = {}): TopicConfig {
  const c = effectiveConfigs(configs)
  const num = (name: string): number => Number(c[name])
  const policy = c['cleanup.policy'].split(',').map((s) => s.trim())
  return {
    deleteEnabled: policy.includes('delete'),
    compactEnabled: policy.includes('compact'),
    retentionMs: num('retention.ms'),
    retentionBytes: num('retention.bytes'),
    segmentBytes: num('segment.bytes'),
    segmentMs: num('segment.ms'),
    maxMessageBytes: num('max.message.bytes'),
    logAppendTime: c['message.timestamp.type'] === 'LogAppendTime',
    timestampBeforeMaxMs: num('message.timestamp.before.max.ms'),
    timestampAfterMaxMs: num('message.timestamp.after.max.ms'),
    deleteRetentionMs: num('delete.retention.ms'),
    minCleanableDirtyRatio: num('min.cleanable.dirty.ratio'),
    minCompactionLagMs: num('min.compaction.lag.ms'),
    maxCompactionLagMs: num('max.compaction.lag.ms'),
    minInsyncReplicas: num('min.insync.replicas'),
    uncleanLeaderElection: c['unclean.leader.election.enable'] === 'true'
  }
}
