// Each topic config's broker-wide synonym as Kafka's LogConfig names it, with Kafka's broker
// default: what DescribeConfigs lists among a topic config's synonyms (DEFAULT_CONFIG), after the
// topic's own override. Configs without a broker synonym (tiered storage switches, throttled
// replica lists) are absent.
export const BROKER_SYNONYMS: Readonly<Record<string, { name: string; value: string }>> = {
  'cleanup.policy': { name: 'log.cleanup.policy', value: 'delete' },
  'compression.type': { name: 'compression.type', value: 'producer' },
  'compression.gzip.level': { name: 'compression.gzip.level', value: '-1' },
  'compression.lz4.level': { name: 'compression.lz4.level', value: '9' },
  'compression.zstd.level': { name: 'compression.zstd.level', value: '3' },
  'delete.retention.ms': { name: 'log.cleaner.delete.retention.ms', value: '86400000' },
  'file.delete.delay.ms': { name: 'log.segment.delete.delay.ms', value: '60000' },
  'flush.messages': { name: 'log.flush.interval.messages', value: '9223372036854775807' },
  'flush.ms': { name: 'log.flush.scheduler.interval.ms', value: '9223372036854775807' },
  'index.interval.bytes': { name: 'log.index.interval.bytes', value: '4096' },
  'local.retention.bytes': { name: 'log.local.retention.bytes', value: '-2' },
  'local.retention.ms': { name: 'log.local.retention.ms', value: '-2' },
  'max.compaction.lag.ms': {
    name: 'log.cleaner.max.compaction.lag.ms',
    value: '9223372036854775807'
  },
  'max.message.bytes': { name: 'message.max.bytes', value: '1048588' },
  'message.downconversion.enable': { name: 'log.message.downconversion.enable', value: 'true' },
  'message.format.version': { name: 'log.message.format.version', value: '3.0-IV1' },
  'message.timestamp.after.max.ms': {
    name: 'log.message.timestamp.after.max.ms',
    value: '3600000'
  },
  'message.timestamp.before.max.ms': {
    name: 'log.message.timestamp.before.max.ms',
    value: '9223372036854775807'
  },
  'message.timestamp.difference.max.ms': {
    name: 'log.message.timestamp.difference.max.ms',
    value: '9223372036854775807'
  },
  'message.timestamp.type': { name: 'log.message.timestamp.type', value: 'CreateTime' },
  'min.cleanable.dirty.ratio': { name: 'log.cleaner.min.cleanable.ratio', value: '0.5' },
  'min.compaction.lag.ms': { name: 'log.cleaner.min.compaction.lag.ms', value: '0' },
  'min.insync.replicas': { name: 'min.insync.replicas', value: '1' },
  preallocate: { name: 'log.preallocate', value: 'false' },
  'retention.bytes': { name: 'log.retention.bytes', value: '-1' },
  // Kafka's default is set in hours; log.retention.ms and .minutes are unset.
  'retention.ms': { name: 'log.retention.hours', value: '168' },
  'segment.bytes': { name: 'log.segment.bytes', value: '1073741824' },
  'segment.index.bytes': { name: 'log.index.size.max.bytes', value: '10485760' },
  'segment.jitter.ms': { name: 'log.roll.jitter.hours', value: '0' },
  'segment.ms': { name: 'log.roll.hours', value: '168' },
  'unclean.leader.election.enable': { name: 'unclean.leader.election.enable', value: 'false' }
}
