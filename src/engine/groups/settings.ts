// Timing and size settings of the group coordinator and the lag sampler, with their defaults.

export interface GroupSettings {
  /**
   * group.initial.rebalance.delay.ms: how long the first rebalance of an empty group waits for
   * more members, extended by the same amount (up to the rebalance timeout) while members keep
   * arriving. Kafka's default is 3000; a short delay suits local development.
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
  /** How often Empty groups without committed offsets are removed. */
  emptyGroupCleanupIntervalMs: number
  /**
   * group.consumer.session.timeout.ms: a member of a consumer-protocol group that has not
   * heartbeated for this long is fenced and its partitions go to the others.
   */
  consumerSessionTimeoutMs: number
  /**
   * group.consumer.heartbeat.interval.ms: how often such members heartbeat, and so how soon they
   * hear of a new assignment. Kafka's default is 5000; a shorter one suits local development.
   */
  consumerHeartbeatIntervalMs: number
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
}

export const defaultGroupSettings: Readonly<GroupSettings> = {
  initialRebalanceDelayMs: 300,
  minSessionTimeoutMs: 1_000,
  maxSessionTimeoutMs: 1_800_000,
  maxSize: 2_147_483_647,
  newMemberJoinTimeoutMs: 300_000,
  offsetMetadataMaxBytes: 4_096,
  emptyGroupCleanupIntervalMs: 60_000,
  consumerSessionTimeoutMs: 45_000,
  consumerHeartbeatIntervalMs: 1_000,
  consumerRegexRefreshIntervalMs: 600_000,
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
