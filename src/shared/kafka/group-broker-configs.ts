// The group coordinator's broker configs (Kafka's GroupCoordinatorConfig and OffsetConfig), and
// those of the transaction and share coordinators' topics (transaction.state.log.*,
// share.coordinator.state.topic.*): read only, as in Kafka, so given at start (`--broker-config`, startCluster's brokerConfigs) and
// refused at run time. Where Logdeck's default differs from Kafka's (a short first-rebalance delay
// and heartbeat for local development), the default listed is Logdeck's; the README names them.
import type { BrokerConfigDef } from './broker-config-def'

const INT_MAX = 2147483647

/** The server-side assignors of the consumer protocol, by name or by Kafka's class name. */
export const assignorClassNames: Readonly<Record<string, string>> = {
  'org.apache.kafka.coordinator.group.assignor.UniformAssignor': 'uniform',
  'org.apache.kafka.coordinator.group.assignor.RangeAssignor': 'range'
}

function groupConfig(name: string, defaultValue: number, doc: string, min = 1): BrokerConfigDef {
  return {
    name,
    defaultValue: String(defaultValue),
    doc,
    kind: { type: 'int', min, max: INT_MAX, ...(name.endsWith('.ms') ? { unit: 'ms' } : {}) },
    updateMode: 'read-only',
    embedded: true
  }
}

/**
 * A share group broker config group.share.<name> and its bounds group.share.min.<name> and
 * group.share.max.<name>, which also bound the group config `ownConfig`.
 */
function shareGroupBounded(
  name: string,
  [value, min, max]: [number, number, number],
  atLeast: number,
  doc: string,
  ownConfig: string
): BrokerConfigDef[] {
  return [
    groupConfig(`group.share.${name}`, value, doc, atLeast),
    groupConfig(
      `group.share.min.${name}`,
      min,
      `The smallest ${ownConfig} a group may set`,
      atLeast
    ),
    groupConfig(`group.share.max.${name}`, max, `The largest ${ownConfig} a group may set`, atLeast)
  ]
}

export const groupBrokerConfigDefs: BrokerConfigDef[] = [
  groupConfig(
    'group.initial.rebalance.delay.ms',
    300,
    "How long the first rebalance of an empty classic group waits for more members, extended while they keep coming (up to the rebalance timeout). Kafka's default is 3000; Logdeck's 300 suits local development",
    0
  ),
  groupConfig(
    'group.min.session.timeout.ms',
    1_000,
    "The smallest session timeout a classic group member may ask for; a smaller one is INVALID_SESSION_TIMEOUT. Kafka's default is 6000; Logdeck's 1000 lets tests notice a dead member fast",
    0
  ),
  groupConfig(
    'group.max.session.timeout.ms',
    1_800_000,
    'The largest session timeout a classic group member may ask for; a larger one is INVALID_SESSION_TIMEOUT',
    0
  ),
  groupConfig(
    'group.max.size',
    INT_MAX,
    'The most members a classic group holds; more get GROUP_MAX_SIZE_REACHED'
  ),
  groupConfig(
    'offset.metadata.max.bytes',
    4_096,
    'The largest metadata an offset commit may carry; larger is OFFSET_METADATA_TOO_LARGE',
    0
  ),
  groupConfig(
    'offsets.retention.minutes',
    10_080,
    'How long committed offsets are kept once their group is Empty; for a group without members, or a topic no member subscribes to, counted from the commit',
    1
  ),
  groupConfig(
    'offsets.topic.num.partitions',
    50,
    'The partitions of __consumer_offsets, made when the first group needs its coordinator; a group is coordinated by the leader of partition abs(hashCode(group id)) % this'
  ),
  {
    ...groupConfig(
      'offsets.topic.replication.factor',
      3,
      'The replicas of each partition of __consumer_offsets; Logdeck caps it at the brokers of the cluster, so that a cluster of fewer brokers has the topic too'
    ),
    kind: { type: 'int', min: 1, max: 32767 },
    configType: 'short'
  },
  groupConfig(
    'transaction.state.log.num.partitions',
    50,
    'The partitions of __transaction_state, made when the first transactional producer looks up its coordinator; a transactional id is coordinated by the leader of partition abs(hashCode(transactional id)) % this'
  ),
  {
    ...groupConfig(
      'transaction.state.log.replication.factor',
      3,
      'The replicas of each partition of __transaction_state; Logdeck caps it at the brokers of the cluster, so that a cluster of fewer brokers has the topic too'
    ),
    kind: { type: 'int', min: 1, max: 32767 },
    configType: 'short'
  },
  groupConfig(
    'share.coordinator.state.topic.num.partitions',
    50,
    'The partitions of __share_group_state, made when the first share coordinator is looked up (FindCoordinator key type 2); a share partition\'s state is coordinated by the leader of partition abs(hashCode("groupId:topicId:partition")) % this'
  ),
  {
    ...groupConfig(
      'share.coordinator.state.topic.replication.factor',
      3,
      'The replicas of each partition of __share_group_state; Logdeck caps it at the brokers of the cluster, so that a cluster of fewer brokers has the topic too'
    ),
    kind: { type: 'int', min: 1, max: 32767 },
    configType: 'short'
  },
  groupConfig(
    'transactional.id.expiration.ms',
    604_800_000,
    'How long a transactional id without a transaction (Empty, CompleteCommit, CompleteAbort) is kept after its last change; then it is forgotten and a tombstone of it written to __transaction_state'
  ),
  groupConfig(
    'transaction.state.log.min.isr',
    2,
    "The min.insync.replicas __transaction_state is made with; Logdeck caps it at the topic's replication factor"
  ),
  {
    ...groupConfig(
      'share.coordinator.state.topic.min.isr',
      2,
      "The min.insync.replicas __share_group_state is made with; Logdeck caps it at the topic's replication factor"
    ),
    kind: { type: 'int', min: 1, max: 32767 },
    configType: 'short'
  },
  {
    ...groupConfig(
      'offsets.retention.check.interval.ms',
      600_000,
      'How often expired committed offsets are removed (and Empty groups left without offsets)'
    ),
    configType: 'long'
  },
  // Share partitions (KIP-932): how many share sessions a broker holds.
  groupConfig(
    'group.share.max.share.sessions',
    2_000,
    'The most share sessions one broker holds; more get SHARE_SESSION_LIMIT_REACHED'
  ),
  groupConfig(
    'group.consumer.session.timeout.ms',
    45_000,
    'The timeout to detect the failure of a member of a consumer-protocol group (KIP-848); a group may set its own (consumer.session.timeout.ms)'
  ),
  groupConfig(
    'group.consumer.min.session.timeout.ms',
    45_000,
    'The smallest consumer.session.timeout.ms a group may set'
  ),
  groupConfig(
    'group.consumer.max.session.timeout.ms',
    60_000,
    'The largest consumer.session.timeout.ms a group may set'
  ),
  groupConfig(
    'group.consumer.heartbeat.interval.ms',
    1_000,
    "The heartbeat interval given to the members of a consumer-protocol group, and so how soon they hear of a new assignment; a group may set its own (consumer.heartbeat.interval.ms). Kafka's default is 5000; Logdeck's 1000 suits local development"
  ),
  groupConfig(
    'group.consumer.min.heartbeat.interval.ms',
    1_000,
    "The smallest consumer.heartbeat.interval.ms a group may set. Kafka's default is 5000; Logdeck's is 1000, no more than its heartbeat interval"
  ),
  groupConfig(
    'group.consumer.max.heartbeat.interval.ms',
    15_000,
    'The largest consumer.heartbeat.interval.ms a group may set'
  ),
  groupConfig(
    'group.consumer.max.size',
    INT_MAX,
    'The most members a consumer-protocol group holds; more get GROUP_MAX_SIZE_REACHED'
  ),
  {
    name: 'group.consumer.assignors',
    defaultValue: 'uniform,range',
    doc: 'The server-side assignors a consumer-protocol member may name (uniform, range, or their class names); the first is used when a member names none',
    kind: { type: 'list', values: ['uniform', 'range', ...Object.keys(assignorClassNames)] },
    updateMode: 'read-only',
    embedded: true
  },
  {
    name: 'group.consumer.migration.policy',
    defaultValue: 'bidirectional',
    doc: 'Which online conversions of a group with members between the classic and the consumer protocol (KIP-848) are made: bidirectional, upgrade (a consumer-protocol member joining a classic group), downgrade (the last consumer-protocol member leaving a group of classic members) or disabled; empty groups are converted either way whatever this says',
    kind: {
      type: 'text',
      pattern: /^(disabled|upgrade|downgrade|bidirectional)$/i,
      hint: 'one of disabled, upgrade, downgrade, bidirectional'
    },
    updateMode: 'read-only',
    embedded: true
  },
  {
    name: 'group.coordinator.rebalance.protocols',
    defaultValue: 'classic,consumer',
    doc: 'The rebalance protocols the group coordinator accepts: classic always; without consumer, ConsumerGroupHeartbeat and ConsumerGroupDescribe are answered UNSUPPORTED_VERSION; share serves share groups even with the share.version feature at 0',
    kind: { type: 'list', values: ['classic', 'consumer', 'share'] },
    updateMode: 'read-only',
    embedded: true
  },
  groupConfig(
    'group.share.session.timeout.ms',
    45_000,
    'The timeout to detect the failure of a share group member (KIP-932); a group may set its own (share.session.timeout.ms)'
  ),
  groupConfig(
    'group.share.min.session.timeout.ms',
    45_000,
    'The smallest share.session.timeout.ms a group may set'
  ),
  groupConfig(
    'group.share.max.session.timeout.ms',
    60_000,
    'The largest share.session.timeout.ms a group may set'
  ),
  groupConfig(
    'group.share.heartbeat.interval.ms',
    5_000,
    'The heartbeat interval given to the members of a share group, and so how soon they hear of a new assignment; a group may set its own (share.heartbeat.interval.ms)'
  ),
  groupConfig(
    'group.share.min.heartbeat.interval.ms',
    5_000,
    'The smallest share.heartbeat.interval.ms a group may set'
  ),
  groupConfig(
    'group.share.max.heartbeat.interval.ms',
    15_000,
    'The largest share.heartbeat.interval.ms a group may set'
  ),
  {
    ...groupConfig(
      'group.share.max.size',
      200,
      'The most members a share group holds; more get GROUP_MAX_SIZE_REACHED'
    ),
    kind: { type: 'int', min: 1, max: 1000 }
  },
  ...shareGroupBounded(
    'record.lock.duration.ms',
    [30_000, 15_000, 60_000],
    1000,
    'How long a record a share consumer acquired stays locked to it before it may be delivered again; a group may set its own (share.record.lock.duration.ms)',
    'share.record.lock.duration.ms'
  ),
  ...shareGroupBounded(
    'delivery.count.limit',
    [5, 2, 10],
    2,
    'How many times a record is delivered to a share group before it is archived; a group may set its own (share.delivery.count.limit)',
    'share.delivery.count.limit'
  ),
  ...shareGroupBounded(
    'partition.max.record.locks',
    [2000, 100, 4000],
    100,
    'The most records of a share partition in flight (acquired and not yet acknowledged) at once; a group may set its own (share.partition.max.record.locks)',
    'share.partition.max.record.locks'
  ),
  {
    name: 'group.share.assignors',
    defaultValue: 'simple',
    doc: "The share groups' assignor: Kafka's SimpleAssignor (the only one)",
    kind: {
      type: 'list',
      values: ['simple', 'org.apache.kafka.coordinator.group.assignor.SimpleAssignor']
    },
    updateMode: 'read-only',
    embedded: true
  },
  groupConfig(
    'group.consumer.regex.refresh.interval.ms',
    600_000,
    "How old the resolution of a group's subscribed regular expressions may grow before a heartbeat resolves them again",
    10_000
  )
]
