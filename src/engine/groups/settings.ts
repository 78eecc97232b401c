// Timing and size settings of the group coordinator and the lag sampler, with their defaults.
// Those Kafka has as broker configs come from them (src/shared/kafka/group-broker-configs.ts).
import { EngineError } from '../engine-error'
import { brokerConfigDefs } from '../../shared/kafka/broker-configs'
import { assignorClassNames } from '../../shared/kafka/group-broker-configs'

export interface GroupSettings {
  /**
   * group.initial.rebalance.delay.ms: how long the first rebalance of an empty group waits for
   * more members, extended by the same amount (up to the rebalance timeout) while members keep
   * arriving.
   */
  initialRebalanceDelayMs: number
  /** group.min.session.timeout.ms: JoinGroup below this gets INVALID_SESSION_TIMEOUT. */
  minSessionTimeoutMs: number
  /** group.max.session.timeout.ms: JoinGroup above this gets INVALID_SESSION_TIMEOUT. */
  maxSessionTimeoutMs: number
  /** group.max.size: members beyond this get GROUP_MAX_SIZE_REACHED. */
  maxSize: number
  /** How long a new member's pending JoinGroup may wait before the member is dropped. */
  newMemberJoinTimeoutMs: number
  /** offset.metadata.max.bytes: larger commit metadata gets OFFSET_METADATA_TOO_LARGE. */
  offsetMetadataMaxBytes: number
  /**
   * offsets.retention.minutes: how long committed offsets are kept once their group is Empty (or,
   * for topics no member subscribes to, after their commit); see offset-expiry.ts.
   */
  offsetsRetentionMinutes: number
  /**
   * offsets.retention.check.interval.ms: how often expired offsets are removed, and Empty groups
   * left without offsets with them.
   */
  offsetsRetentionCheckIntervalMs: number
  /**
   * group.consumer.session.timeout.ms: a member of a consumer-protocol group that has not
   * heartbeated for this long is fenced and its partitions go to the others (unless the group
   * sets consumer.session.timeout.ms).
   */
  consumerSessionTimeoutMs: number
  /** group.consumer.min/max.session.timeout.ms: the bounds of a group's own session timeout. */
  consumerMinSessionTimeoutMs: number
  consumerMaxSessionTimeoutMs: number
  /**
   * group.consumer.heartbeat.interval.ms: how often such members heartbeat, and so how soon they
   * hear of a new assignment (unless the group sets consumer.heartbeat.interval.ms).
   */
  consumerHeartbeatIntervalMs: number
  /** group.consumer.min/max.heartbeat.interval.ms: the bounds of a group's own interval. */
  consumerMinHeartbeatIntervalMs: number
  consumerMaxHeartbeatIntervalMs: number
  /** group.consumer.max.size: members beyond this get GROUP_MAX_SIZE_REACHED. */
  consumerMaxSize: number
  /** group.consumer.assignors: the assignors members may name, the default first. */
  consumerAssignors: string[]
  /**
   * group.consumer.regex.refresh.interval.ms: a heartbeat resolves the group's subscribed
   * regular expressions again once their last resolution is older than this (10 minutes).
   */
  consumerRegexRefreshIntervalMs: number
  /**
   * Kafka's REGEX_BATCH_REFRESH_MIN_INTERVAL_MS (10 s, not a Kafka setting): the least time
   * between two resolutions of a group's expressions, whatever asks for one (an expression not
   * yet resolved, a topic created).
   */
  consumerRegexRefreshMinIntervalMs: number
  /**
   * group.consumer.migration.policy: whether a classic group with members is upgraded when a
   * consumer-protocol member joins it, and a consumer group of classic members downgraded when
   * its last consumer-protocol member leaves.
   */
  consumerMigrationPolicy: MigrationPolicy
  /** group.coordinator.rebalance.protocols: whether the consumer protocol is accepted. */
  consumerProtocolAccepted: boolean
  /**
   * group.coordinator.rebalance.protocols lists share: share groups are served even with the
   * share.version feature at 0 (as Kafka 4.0's early access turned them on).
   */
  shareProtocolListed: boolean
  /**
   * group.share.session.timeout.ms: a share group member that has not heartbeated for this long
   * is fenced (unless the group sets share.session.timeout.ms); its bounds below.
   */
  shareSessionTimeoutMs: number
  shareMinSessionTimeoutMs: number
  shareMaxSessionTimeoutMs: number
  /** group.share.heartbeat.interval.ms (a group may set share.heartbeat.interval.ms). */
  shareHeartbeatIntervalMs: number
  shareMinHeartbeatIntervalMs: number
  shareMaxHeartbeatIntervalMs: number
  /** group.share.max.size: members beyond this get GROUP_MAX_SIZE_REACHED. */
  shareMaxSize: number
  /**
   * group.share.record.lock.duration.ms, group.share.delivery.count.limit and
   * group.share.partition.max.record.locks (Kafka's ShareGroupConfig), each with the bounds of
   * the group config of its name (share.*): the share partitions' defaults.
   */
  shareRecordLockDurationMs: number
  shareMinRecordLockDurationMs: number
  shareMaxRecordLockDurationMs: number
  shareDeliveryCountLimit: number
  shareMinDeliveryCountLimit: number
  shareMaxDeliveryCountLimit: number
  sharePartitionMaxRecordLocks: number
  shareMinPartitionMaxRecordLocks: number
  shareMaxPartitionMaxRecordLocks: number
}

export type MigrationPolicy = 'disabled' | 'upgrade' | 'downgrade' | 'bidirectional'

/** The settings that are Kafka broker configs, by the config's name. */
const brokerConfigNames = {
  initialRebalanceDelayMs: 'group.initial.rebalance.delay.ms',
  minSessionTimeoutMs: 'group.min.session.timeout.ms',
  maxSessionTimeoutMs: 'group.max.session.timeout.ms',
  maxSize: 'group.max.size',
  offsetMetadataMaxBytes: 'offset.metadata.max.bytes',
  offsetsRetentionMinutes: 'offsets.retention.minutes',
  offsetsRetentionCheckIntervalMs: 'offsets.retention.check.interval.ms',
  consumerSessionTimeoutMs: 'group.consumer.session.timeout.ms',
  consumerMinSessionTimeoutMs: 'group.consumer.min.session.timeout.ms',
  consumerMaxSessionTimeoutMs: 'group.consumer.max.session.timeout.ms',
  consumerHeartbeatIntervalMs: 'group.consumer.heartbeat.interval.ms',
  consumerMinHeartbeatIntervalMs: 'group.consumer.min.heartbeat.interval.ms',
  consumerMaxHeartbeatIntervalMs: 'group.consumer.max.heartbeat.interval.ms',
  consumerMaxSize: 'group.consumer.max.size',
  consumerRegexRefreshIntervalMs: 'group.consumer.regex.refresh.interval.ms',
  shareSessionTimeoutMs: 'group.share.session.timeout.ms',
  shareMinSessionTimeoutMs: 'group.share.min.session.timeout.ms',
  shareMaxSessionTimeoutMs: 'group.share.max.session.timeout.ms',
  shareHeartbeatIntervalMs: 'group.share.heartbeat.interval.ms',
  shareMinHeartbeatIntervalMs: 'group.share.min.heartbeat.interval.ms',
  shareMaxHeartbeatIntervalMs: 'group.share.max.heartbeat.interval.ms',
  shareMaxSize: 'group.share.max.size',
  shareRecordLockDurationMs: 'group.share.record.lock.duration.ms',
  shareMinRecordLockDurationMs: 'group.share.min.record.lock.duration.ms',
  shareMaxRecordLockDurationMs: 'group.share.max.record.lock.duration.ms',
  shareDeliveryCountLimit: 'group.share.delivery.count.limit',
  shareMinDeliveryCountLimit: 'group.share.min.delivery.count.limit',
  shareMaxDeliveryCountLimit: 'group.share.max.delivery.count.limit',
  sharePartitionMaxRecordLocks: 'group.share.partition.max.record.locks',
  shareMinPartitionMaxRecordLocks: 'group.share.min.partition.max.record.locks',
  shareMaxPartitionMaxRecordLocks: 'group.share.max.partition.max.record.locks'
} as const satisfies Partial<Record<keyof GroupSettings, string>>

type BrokerConfigSetting = keyof typeof brokerConfigNames
const ASSIGNORS = 'group.consumer.assignors'
const MIGRATION_POLICY = 'group.consumer.migration.policy'
const REBALANCE_PROTOCOLS = 'group.coordinator.rebalance.protocols'
type NamedSetting =
  | 'consumerAssignors'
  | 'consumerMigrationPolicy'
  | 'consumerProtocolAccepted'
  | 'shareProtocolListed'

/**
 * The settings the group coordinator takes from the broker configs, read with `value` (the
 * configured value, or Kafka's default), checked together as Kafka's GroupCoordinatorConfig
 * checks them.
 */
export function groupSettingsFrom(
  value: (name: string) => string | null
): Pick<GroupSettings, BrokerConfigSetting | NamedSetting> {
  const out = {} as Record<BrokerConfigSetting, number>
  for (const [key, name] of Object.entries(brokerConfigNames))
    out[key as BrokerConfigSetting] = Number(value(name))
  const assignors = (value(ASSIGNORS) ?? '')
    .split(',')
    .map((a) => assignorClassNames[a] ?? a)
    .filter((a, i, all) => a !== '' && all.indexOf(a) === i)
  const protocols = (value(REBALANCE_PROTOCOLS) ?? 'classic,consumer')
    .split(',')
    .map((p) => p.trim().toLowerCase())
  // As Kafka's KafkaConfig refuses it at start.
  if (!protocols.includes('classic'))
    throw new EngineError(
      'invalid-config',
      `${REBALANCE_PROTOCOLS}: Disabling the 'classic' protocol is not supported.`,
      REBALANCE_PROTOCOLS
    )
  const s = {
    ...out,
    consumerAssignors: assignors,
    consumerMigrationPolicy: (
      value(MIGRATION_POLICY) ?? 'bidirectional'
    ).toLowerCase() as MigrationPolicy,
    consumerProtocolAccepted: protocols.includes('consumer'),
    shareProtocolListed: protocols.includes('share')
  }
  // Kafka's GroupCoordinatorConfig checks: [setting, bound, how it must compare].
  const rules: [BrokerConfigSetting, BrokerConfigSetting, '>=' | '<=' | '<'][] = [
    ['consumerMaxHeartbeatIntervalMs', 'consumerMinHeartbeatIntervalMs', '>='],
    ['consumerHeartbeatIntervalMs', 'consumerMinHeartbeatIntervalMs', '>='],
    ['consumerHeartbeatIntervalMs', 'consumerMaxHeartbeatIntervalMs', '<='],
    ['consumerMaxSessionTimeoutMs', 'consumerMinSessionTimeoutMs', '>='],
    ['consumerSessionTimeoutMs', 'consumerMinSessionTimeoutMs', '>='],
    ['consumerSessionTimeoutMs', 'consumerMaxSessionTimeoutMs', '<='],
    ['consumerHeartbeatIntervalMs', 'consumerSessionTimeoutMs', '<'],
    ['shareMaxHeartbeatIntervalMs', 'shareMinHeartbeatIntervalMs', '>='],
    ['shareHeartbeatIntervalMs', 'shareMinHeartbeatIntervalMs', '>='],
    ['shareHeartbeatIntervalMs', 'shareMaxHeartbeatIntervalMs', '<='],
    ['shareMaxSessionTimeoutMs', 'shareMinSessionTimeoutMs', '>='],
    ['shareSessionTimeoutMs', 'shareMinSessionTimeoutMs', '>='],
    ['shareSessionTimeoutMs', 'shareMaxSessionTimeoutMs', '<='],
    ['shareHeartbeatIntervalMs', 'shareSessionTimeoutMs', '<'],
    // Kafka's ShareGroupConfig checks.
    ['shareRecordLockDurationMs', 'shareMinRecordLockDurationMs', '>='],
    ['shareMaxRecordLockDurationMs', 'shareRecordLockDurationMs', '>='],
    ['shareDeliveryCountLimit', 'shareMinDeliveryCountLimit', '>='],
    ['shareMaxDeliveryCountLimit', 'shareDeliveryCountLimit', '>='],
    ['sharePartitionMaxRecordLocks', 'shareMinPartitionMaxRecordLocks', '>='],
    ['shareMaxPartitionMaxRecordLocks', 'sharePartitionMaxRecordLocks', '>=']
  ]
  const words = {
    '>=': 'greater than or equal to',
    '<=': 'less than or equal to',
    '<': 'less than'
  }
  for (const [setting, bound, op] of rules) {
    const [v, b] = [s[setting], s[bound]]
    if (op === '>=' ? v >= b : op === '<=' ? v <= b : v < b) continue
    const name = brokerConfigNames[setting]
    throw new EngineError(
      'invalid-config',
      `${name} must be ${words[op]} ${brokerConfigNames[bound]}`,
      name
    )
  }
  return s
}

/** The value of one of the group coordinator's broker configs, as the settings have it. */
export function brokerConfigValue(settings: GroupSettings, name: string): number {
  const entry = Object.entries(brokerConfigNames).find(([, n]) => n === name)
  if (!entry) throw new Error(`no group setting for ${name}`)
  return settings[entry[0] as BrokerConfigSetting]
}

/**
 * The broker configs that `settings` (the engine option `groups`) sets, so that what a caller
 * sets that way is described as given at start, like --broker-config.
 */
export function groupBrokerConfigsOf(settings: Partial<GroupSettings>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, name] of Object.entries(brokerConfigNames)) {
    const v = settings[key as BrokerConfigSetting]
    if (v !== undefined) out[name] = String(v)
  }
  if (settings.consumerAssignors) out[ASSIGNORS] = settings.consumerAssignors.join(',')
  if (settings.consumerMigrationPolicy) out[MIGRATION_POLICY] = settings.consumerMigrationPolicy
  if (settings.consumerProtocolAccepted !== undefined || settings.shareProtocolListed !== undefined)
    out[REBALANCE_PROTOCOLS] = [
      'classic',
      ...(settings.consumerProtocolAccepted !== false ? ['consumer'] : []),
      ...(settings.shareProtocolListed ? ['share'] : [])
    ].join(',')
  return out
}

export const defaultGroupSettings: Readonly<GroupSettings> = {
  ...groupSettingsFrom((name) => brokerConfigDefs.get(name)?.defaultValue ?? null),
  newMemberJoinTimeoutMs: 300_000,
  consumerRegexRefreshMinIntervalMs: 10_000
}

export interface LagSettings {
  /** How often the lag of every group with committed offsets is sampled. */
  sampleIntervalMs: number
  /** How long samples are kept; older ones are pruned at each sample. */
  historyWindowMs: number
}

export const defaultLagSettings: Readonly<LagSettings> = {
  sampleIntervalMs: 10_000,
  historyWindowMs: 86_400_000
}
