// What the engine is built of, and how the parts are wired to each other: each part sees only
// what its own Parts interface asks for. The facade (engine.ts) holds them, privately.
import type { ClusterEvents, EventName } from '../shared/contract'
import { FaultRegistry } from './faults/registry'
import { actOnClusterFaults } from './faults/cluster-faults'
import { openDatabase, type Db } from './storage/database'
import { ScramCredentials } from './security/scram-credentials'
import { AclStore } from './security/acls'
import { DelegationTokens } from './security/delegation-tokens'
import { StorageMonitor, defaultStorageSettings, releaseReserve } from './storage/storage-monitor'
import { Brokers } from './cluster/brokers'
import { BrokerLifecycle } from './cluster/broker-lifecycle'
import { loadClusterId } from './cluster/cluster-id'
import { TopicRegistry, type PartitionState, type Topic } from './log/topic-registry'
import { LogManager } from './log/log-manager'
import { LogCleaner } from './log/cleaner'
import { ProducerStateManager } from './producers/producer-state'
import { PartitionTransactions } from './transactions/partition-transactions'
import { TransactionCoordinator } from './transactions/coordinator'
import { writeMarker } from './transactions/markers'
import { createGroupServices, type GroupServices, type PartitionSource } from './groups'
import { groupSettingsFrom } from './groups/settings'
import { OFFSETS_TOPIC_SPEC } from './groups/offsets-topic'
import { SHARE_GROUP_STATE_TOPIC_SPEC } from './share-partitions/share-group-state-topic'
import { TRANSACTION_STATE_TOPIC_SPEC } from './transactions/transaction-state-topic'
import {
  InternalTopic,
  coordinatorPartitionFor,
  type InternalTopicParts,
  type InternalTopicSpec
} from './cluster/internal-topic'
import { ProduceRates } from './metrics/produce-rates'
import { BrokerStatsBook } from './metrics/broker-stats'
import { AppendSignals, partitionKey } from './cluster/append-signals'
import { Replication } from './cluster/replication'
import { loadReplicationSettings, saveBrokerReplication } from './cluster/replication-settings'
import {
  adoptThrottledRates,
  applyThrottledRates,
  throttleChange,
  THROTTLED_RATE,
  type ThrottleSide
} from './cluster/replication-throttles'
import { Leadership } from './cluster/leadership'
import { MetadataQuorum } from './cluster/metadata-quorum'
import { FinalizedFeatures, TRANSACTION_VERSION } from './cluster/features'
import { TopicAdmin } from './cluster/topic-admin'
import { Reassignments } from './cluster/reassignments'
import { ClientQuotas } from './quotas/client-quotas'
import { BrokerConfigs } from './cluster/broker-configs'
import { ClientMetricsResources } from './telemetry/client-metrics-resources'
import { allReceivers, ClientMetricsManager } from './telemetry/client-metrics-manager'
import { ClientMetricsExportSlot } from './telemetry/client-metrics-export-slot'
import { ClientTelemetryStore } from './telemetry/client-telemetry-store'
import { QuotaUsage, defaultQuotaWindow } from './quotas/quota-usage'
import { MutationBuckets } from './quotas/mutation-quota'
import type { Appended, LeaderAppendParts } from './cluster/leader-append'
import { recordTimestampNear } from './messages/partition-reader'
import { perBrokerConfigs, type ResolvedEngineOptions } from './engine-options'
import { SharePartitions } from './share-partitions/share-partitions'
import { TopicHashes } from './groups/metadata-hash'

export interface EngineParts {
  readonly db: Db
  readonly clusterId: string
  readonly brokers: Brokers
  readonly brokerLifecycle: BrokerLifecycle
  readonly topics: TopicRegistry
  readonly logs: LogManager
  readonly producers: ProducerStateManager
  readonly groups: GroupServices
  readonly offsetsTopic: InternalTopic
  readonly transactionStateTopic: InternalTopic
  /** Places the share coordinators (FindCoordinator key type 2); holds no records here. */
  readonly shareGroupStateTopic: InternalTopic
  readonly replication: Replication
  readonly leadership: Leadership
  readonly admin: TopicAdmin
  readonly reassignments: Reassignments
  /** Client quotas (kept in the database) and what clients used of them. */
  readonly quotas: ClientQuotas
  readonly quotaUsage: QuotaUsage
  /** New connections per broker and listener, for max.connection.creation.rate. */
  readonly connectionRates: QuotaUsage
  /** The token buckets of controller_mutation_rate quotas. */
  readonly mutationBuckets: MutationBuckets
  readonly appendParts: LeaderAppendParts
  readonly partitionTxns: PartitionTransactions
  readonly txns: TransactionCoordinator
  readonly rates: ProduceRates
  /** Each running broker's counts since it started (its JMX meters in Kafka). */
  readonly brokerStats: BrokerStatsBook
  readonly signals: AppendSignals
  readonly cleaner: LogCleaner
  /** Free space on the data directory's disk: ok, low or full. */
  readonly storage: StorageMonitor
  readonly faults: FaultRegistry
  readonly scramCredentials: ScramCredentials
  /** ACLs, kept whether or not the authorizer enforces them. */
  readonly acls: AclStore
  /** Broker configs: given at start, changed at run time (kept in the database). */
  readonly brokerConfigs: BrokerConfigs
  /** CLIENT_METRICS resources: the clients' metrics subscriptions (kept in the database). */
  readonly clientMetrics: ClientMetricsResources
  /** Client instances and their subscriptions (GetTelemetrySubscriptions, PushTelemetry). */
  readonly clientMetricsManager: ClientMetricsManager
  /** The last metrics each client instance pushed. */
  readonly clientTelemetry: ClientTelemetryStore
  /** Where pushed metrics are sent on: `clientMetricsExport`, else what the console set. */
  readonly clientMetricsExport: ClientMetricsExportSlot
  /** The KRaft quorum the cluster describes: its leader, epoch and metadata log end offset. */
  readonly quorum: MetadataQuorum
  /** Delegation tokens (kept in the database), enabled by delegation.token.secret.key. */
  readonly delegationTokens: DelegationTokens
  /** Finalized feature levels (metadata.version, group.version ...), kept in the database. */
  readonly features: FinalizedFeatures
  /** KIP-932 share partitions and share sessions (kept in the database). */
  readonly shares: SharePartitions
}

type Emit = <E extends EventName>(event: E, payload: ClusterEvents[E]) => void

/** Opens the database and builds every part; nothing runs in the background yet (see startParts). */
export function assembleParts(options: ResolvedEngineOptions, emit: Emit): EngineParts {
  const storageSettings = { ...defaultStorageSettings, ...options.storage }
  if (options.dataDir !== ':memory:') releaseReserve(options.dataDir, storageSettings.reserveBytes)
  const db = openDatabase({ dataDir: options.dataDir, fsync: options.fsync })
  const storage = new StorageMonitor(
    db,
    options.dataDir === ':memory:' ? null : options.dataDir,
    storageSettings,
    (status) => emit('cluster.changed', { reason: `storage ${status.state}` })
  )
  const clusterId = loadClusterId(db)
  const brokers = new Brokers(db, options)
  const quorum = new MetadataQuorum(db, brokers)
  const features = new FinalizedFeatures(
    db,
    () => brokers.controllerId,
    () => quorum.append()
  )
  const brokerConfigs = new BrokerConfigs(
    db,
    options.brokerConfigs,
    () => brokers.ids(),
    perBrokerConfigs(options.brokerRacks, brokers.ids())
  )
  const messageMaxBytes = () => Number(brokerConfigs.value('message.max.bytes'))
  const topics = new TopicRegistry(db, () => brokerConfigs.topicDefaults())
  const logs = new LogManager(db, messageMaxBytes())
  const configureTopics = () => {
    // Topics that override nothing have the same effective configs: one config serves them all,
    // instead of one built (with two maps of every config) per topic at start.
    let shared: ReturnType<typeof logs.configureTopic> | undefined
    for (const t of topics.list()) {
      const plain = Object.keys(t.configOverrides).length === 0
      if (plain && shared) logs.useConfig(t.id, shared)
      else {
        const config = logs.configureTopic(t.id, topics.effectiveConfigs(t))
        if (plain) shared = config
      }
    }
  }
  configureTopics()
  // Topics that do not override a config follow the broker's value for it as it changes.
  brokerConfigs.onChange(() => {
    quorum.append()
    logs.setMessageMaxBytes(messageMaxBytes())
    configureTopics()
    emit('cluster.changed', { reason: 'broker configs altered' })
  })
  const producers = new ProducerStateManager(db)
  const rates = new ProduceRates()
  const brokerStats = new BrokerStatsBook()
  const signals = new AppendSignals()
  const log = (topic: Topic, partition: number) => logs.log(topic.id, partition)
  const clusterParts = {
    db,
    topics,
    signals,
    log,
    isOnline: (brokerId: number) => brokers.isOnline(brokerId),
    // Replication reports ISR changes to leadership, made next (it needs replication to elect).
    // The leader counts the ISR changes it makes (its IsrShrinksPerSec / IsrExpandsPerSec).
    isrChanged: (topic: Topic, p: PartitionState, isr: number[]) => {
      const leaderStats = brokerStats.of(p.leader)
      if (isr.length > p.isr.length) leaderStats.isrExpands++
      else leaderStats.isrShrinks++
      leadership.changeIsr(topic, p, isr)
    },
    // A leaveIsr fault holds a follower out (faults are made below, before any replication runs).
    heldOutOfIsr: (topic: Topic, p: PartitionState, brokerId: number, dropping: boolean) =>
      faults.isrHold(brokerId, topic.name, p.partition, dropping)
  }
  const replication = new Replication(
    clusterParts,
    loadReplicationSettings(db, options.replication)
  )
  // The replication's throttles follow leader/follower.replication.throttled.rate.
  const setThrottledRate = (brokerId: number, side: ThrottleSide, rate: number) =>
    brokerConfigs.alter({ brokerId, ...throttleChange(side, rate) })
  adoptThrottledRates(
    replication.settings,
    brokers.ids(),
    (b) => brokerConfigs.dynamicValues(b),
    (b, change) => brokerConfigs.alter({ brokerId: b, ...change })
  )
  saveBrokerReplication(db, replication.settings)
  const applyThrottles = () =>
    applyThrottledRates(replication.settings, brokers.ids(), (name, b) =>
      brokerConfigs.valueOn(name, b)
    )
  applyThrottles()
  brokerConfigs.onChange(applyThrottles)
  const leadership = new Leadership(clusterParts, replication, (change) => {
    if (change.kind !== 'fault') quorum.append()
    if (change.kind === 'broker-started' && change.brokerId !== undefined)
      brokerStats.restarted(change.brokerId)
    if (change.kind === 'unclean-election')
      brokerStats.of(brokers.controllerId).uncleanLeaderElections++
    emit('cluster.changed', { reason: change.kind, change })
    // A move done or cancelled: the throttle the console set for it comes off.
    if (change.kind === 'reassignment-completed' || change.kind === 'reassignment-cancelled')
      reassignments.settleThrottles()
  })
  const faults = new FaultRegistry((message, fault) =>
    leadership.record({
      kind: 'fault',
      brokerId: fault?.target.brokerId,
      topic: fault?.target.topic,
      partition: fault?.target.partition,
      message
    })
  )
  const admin = new TopicAdmin({
    ...clusterParts,
    logs,
    replication,
    leadership,
    storage,
    brokerIds: () => brokers.ids(),
    brokerRack: (id) => brokerConfigs.valueOn('broker.rack', id),
    topicChanged: (reason, name) => {
      quorum.append()
      emit('topics.changed', { reason, name })
    },
    topicDeleting: (topic) => {
      txns.topicDeleted(topic.name)
      groups.coordinator.topicDeleted(topic.name)
    },
    topicDeleted: (topic) => {
      rates.forget(topic.name)
      brokerStats.forgetTopic(topic.name)
      shares.forgetTopic(topic.id)
    }
  })
  const brokerLifecycle = new BrokerLifecycle({
    db,
    brokers,
    replication,
    leadership,
    storage,
    changed: (reason, brokerId) => emit('cluster.changed', { reason, brokerId }),
    setThrottledRate
  })
  const reassignments = new Reassignments({
    db,
    topics,
    leadership,
    replication,
    brokerIds: () => brokers.ids(),
    changed: (reason) => emit('cluster.changed', { reason }),
    brokerRates: (b) => {
      const own = brokerConfigs.dynamicValues(b)
      return {
        leader: own[THROTTLED_RATE.leader] ?? null,
        follower: own[THROTTLED_RATE.follower] ?? null
      }
    },
    setBrokerRates: (b, rates) => {
      const set: Record<string, string> = {}
      const remove: string[] = []
      for (const side of ['leader', 'follower'] as const) {
        const value = rates[side]
        if (value === null) remove.push(THROTTLED_RATE[side])
        else set[THROTTLED_RATE[side]] = value
      }
      brokerConfigs.alter({ brokerId: b, set, remove })
    }
  })
  // Moves that ended while the cluster was down keep no throttle.
  reassignments.settleThrottles()
  const quotas = new ClientQuotas(db)
  const quotaWindow = { ...defaultQuotaWindow, ...options.quotaWindow }
  const quotaUsage = new QuotaUsage(quotaWindow)
  const connectionRates = new QuotaUsage(quotaWindow)
  const mutationBuckets = new MutationBuckets(quotaWindow, quotaUsage)
  const partitionTxns = new PartitionTransactions(db)
  // An internal topic of coordinator records, its partitions and replicas read from the broker
  // configs under `prefix` (offsets.topic.num.partitions ...).
  const internalTopic = (
    spec: InternalTopicSpec,
    prefix: string,
    more: Pick<InternalTopicParts, 'created' | 'topicConfigs'>
  ) =>
    new InternalTopic(spec, {
      topic: (name) => topics.get(name),
      create: (s) => admin.create(s),
      brokerCount: () => brokers.ids().length,
      numPartitions: () => Number(brokerConfigs.value(`${prefix}.num.partitions`)),
      replicationFactor: () => Number(brokerConfigs.value(`${prefix}.replication.factor`)),
      log,
      logConfig: (topic) => logs.configOf(topic.id),
      appended: (topic, partition, now, baseOffset, records, bytes) =>
        appended(topic, partition, now, baseOffset, records, bytes),
      logLine: options.log,
      ...more
    })
  // The group coordinator's records go out to __consumer_offsets; it also places coordinators.
  const offsetsTopic = internalTopic(OFFSETS_TOPIC_SPEC, 'offsets.topic', {
    created: () => groups.coordinator.writeOutStoredState()
  })
  // The transaction coordinator's go out to __transaction_state, which places its coordinators.
  const transactionStateTopic = internalTopic(
    TRANSACTION_STATE_TOPIC_SPEC,
    'transaction.state.log',
    {
      // Kafka sets transaction.state.log.min.isr; here capped by the replicas the topic gets.
      topicConfigs: (replicationFactor) => ({
        'min.insync.replicas': String(
          Math.min(Number(brokerConfigs.value('transaction.state.log.min.isr')), replicationFactor)
        )
      }),
      created: () => txns.writeOutStoredState()
    }
  )
  // The share coordinators' topic: it places them (FindCoordinator key type 2).
  const shareGroupStateTopic = internalTopic(
    SHARE_GROUP_STATE_TOPIC_SPEC,
    'share.coordinator.state.topic',
    {
      // Kafka sets share.coordinator.state.topic.min.isr; capped as __transaction_state's is.
      topicConfigs: (replicationFactor) => ({
        'min.insync.replicas': String(
          Math.min(
            Number(brokerConfigs.value('share.coordinator.state.topic.min.isr')),
            replicationFactor
          )
        )
      })
    }
  )
  const groups = createGroupServices({
    db,
    records: offsetsTopic,
    partitions: groupPartitions(topics, logs, rates, partitionTxns, (id) =>
      brokerConfigs.valueOn('broker.rack', id)
    ),
    // Read only in Kafka, so read once: the values given at start, else the defaults.
    groupSettings: {
      ...options.groups,
      ...groupSettingsFrom((name) => brokerConfigs.value(name))
    },
    lagSettings: options.lag,
    onChange: (groupId) => {
      clusterFaults.groupChanged(groupId)
      emit('groups.changed', { groupId })
    },
    // Offsets a transaction holds do not expire (the coordinator's timer runs after start).
    pendingTransactionalOffsets: (groupId) => txns.pendingOffsets(groupId),
    // A share group member's acquired records go to the others; a deleted group's state goes.
    shareMemberLeft: (groupId, memberId) => shares.memberLeft(groupId, memberId),
    shareGroupDeleted: (groupId) => shares.deleteGroupState(groupId),
    shareStartOffsets: {
      of: (groupId) => {
        const names = new Map(topics.list().map((t) => [t.id, t.name]))
        return shares.partitionsOf(groupId).flatMap((tp) => {
          const topic = names.get(tp.topicId)
          const sp = shares.get(groupId, tp)
          return topic && sp
            ? [
                {
                  topic,
                  partition: tp.partition,
                  startOffset: sp.startOffset,
                  deliveryComplete: sp.deliveryCompleteCount()
                }
              ]
            : []
        })
      },
      set: (groupId, name, offsets) => {
        const topic = topics.get(name)
        if (!topic) return
        for (const o of offsets)
          shares.resetTo(groupId, { topicId: topic.id, partition: o.partition }, o.startOffset)
      },
      forget: (groupId, name) => {
        const topic = topics.get(name)
        if (!topic) return
        shares.deletePartitions(
          groupId,
          shares.partitionsOf(groupId).filter((tp) => tp.topicId === topic.id)
        )
      }
    }
  })
  const clusterFaults = actOnClusterFaults(faults, {
    brokerIds: () => brokers.ids(),
    recheckBroker: (id) => replication.recheckBroker(id),
    isStable: (groupId) => groups.coordinator.group(groupId)?.is('Stable') ?? false,
    forceRebalance: (groupId) => groups.coordinator.forceRebalance(groupId)
  })
  const shares = new SharePartitions({
    db,
    configs: {
      groupConfigs: (groupId) => groups.coordinator.groupConfigs.configsOf(groupId),
      brokerConfig: (name) => brokerConfigs.value(name)
    },
    available: (tp) => signals.notify(partitionKey(tp.topicId, tp.partition))
  })
  const scramCredentials = new ScramCredentials(db)
  const acls = new AclStore(db)
  const delegationTokens = new DelegationTokens(
    db,
    () => ({
      secretKey: brokerConfigs.value('delegation.token.secret.key'),
      maxLifetimeMs: Number(brokerConfigs.value('delegation.token.max.lifetime.ms')),
      expiryTimeMs: Number(brokerConfigs.value('delegation.token.expiry.time.ms')),
      expiryCheckIntervalMs: Number(
        brokerConfigs.value('delegation.token.expiry.check.interval.ms')
      )
    }),
    () => emit('cluster.changed', { reason: 'delegation tokens expired' })
  )
  const appended: Appended = (topic, partition, now, baseOffset, records, bytes) => {
    rates.record(topic.name, partition, records, bytes)
    replication.afterAppend(topic, partition, now, baseOffset)
    signals.notify(partitionKey(topic.id, partition))
  }
  // Markers go in inside the coordinator's SQLite transaction: replication and waiting fetches
  // hear of them once it commits, and a rollback (a full disk) leaves the logs as they were.
  const markersAppended: (() => void)[] = []
  const markerParts = {
    topic: (name: string) => topics.get(name),
    log,
    logConfig: (topic: Topic) => logs.configOf(topic.id),
    partitionTransactions: partitionTxns,
    appended: (topic: Topic, partition: number, now: number, baseOffset: number, bytes: number) =>
      void markersAppended.push(() => appended(topic, partition, now, baseOffset, 0, bytes))
  }
  const txns = new TransactionCoordinator({
    db,
    allocateProducerId: () => producers.initProducerId({ transactionalId: null }).producerId,
    partitionExists: (t, p) => topics.get(t)?.partitions[p] !== undefined,
    writeMarker: (ref, producerId, producerEpoch, committed) =>
      writeMarker(markerParts, ref, producerId, producerEpoch, committed),
    storageWritable: () => storage.writable,
    markersCommitted: () => {
      for (const notify of markersAppended.splice(0)) notify()
    },
    markersRolledBack: (refs) => {
      markersAppended.length = 0
      // Offsets the transaction committed went out to __consumer_offsets in it too.
      offsetsTopic.rolledBack()
      transactionStateTopic.rolledBack()
      storage.writeFailed()
      for (const ref of refs) {
        const topic = topics.get(ref.topic)
        if (topic?.partitions[ref.partition]) logs.log(topic.id, ref.partition).reload()
      }
    },
    commitGroupOffsets: (groupId, offsets) =>
      groups.coordinator.commitTransactionalOffsets(groupId, offsets),
    records: transactionStateTopic,
    expirationMs: () => Number(brokerConfigs.value('transactional.id.expiration.ms')),
    transactionVersion: () => features.level(TRANSACTION_VERSION),
    groupPartition: (groupId) => ({
      topic: OFFSETS_TOPIC_SPEC.name,
      partition: coordinatorPartitionFor(
        groupId,
        offsetsTopic.topic()?.partitions.length ??
          Number(brokerConfigs.value('offsets.topic.num.partitions'))
      )
    })
  })
  const appendParts: LeaderAppendParts = {
    db,
    log,
    logConfig: (topic) => logs.configOf(topic.id),
    producers,
    storage,
    transactions: {
      check: (producerId, producerEpoch, topic, partition) =>
        txns.checkTransactionalAppend(producerId, producerEpoch, topic, partition),
      recordAppend: (topic, partition, producerId, baseOffset, lastOffset) =>
        partitionTxns.recordAppend(topic.id, partition, producerId, baseOffset, lastOffset)
    },
    appended
  }
  const cleaner = new LogCleaner(logs, {
    intervalMs: options.cleanerIntervalMs,
    retentionCheckIntervalMs: Number(brokerConfigs.value('log.retention.check.interval.ms'))
  })
  const clientMetrics = new ClientMetricsResources(db)
  const clientTelemetry = new ClientTelemetryStore()
  const clientMetricsExport = new ClientMetricsExportSlot(
    db,
    options.clientMetricsExport,
    options.log
  )
  return {
    db,
    clusterId,
    brokers,
    brokerLifecycle,
    topics,
    logs,
    producers,
    groups,
    offsetsTopic,
    transactionStateTopic,
    shareGroupStateTopic,
    replication,
    leadership,
    admin,
    reassignments,
    quotas,
    quotaUsage,
    connectionRates,
    mutationBuckets,
    appendParts,
    partitionTxns,
    txns,
    rates,
    brokerStats,
    signals,
    cleaner,
    storage,
    faults,
    scramCredentials,
    acls,
    brokerConfigs,
    clientMetrics,
    clientMetricsManager: new ClientMetricsManager(
      clientMetrics,
      () => Number(brokerConfigs.value('telemetry.max.bytes')),
      allReceivers(clientTelemetry, clientMetricsExport)
    ),
    clientTelemetry,
    clientMetricsExport,
    quorum,
    delegationTokens,
    features,
    shares
  }
}

/** The partitions as the group coordinator and the lag history see them. */
function groupPartitions(
  topics: TopicRegistry,
  logs: LogManager,
  rates: ProduceRates,
  partitionTxns: PartitionTransactions,
  brokerRack: (brokerId: number) => string | null
): PartitionSource {
  const partitionLog = (t: string, p: number) => {
    const topic = topics.get(t)
    return topic && topic.partitions[p] ? { topic, log: logs.log(topic.id, p) } : undefined
  }
  const hashes = new TopicHashes(brokerRack)
  return {
    partitionCount: (t) => topics.get(t)?.partitions.length,
    topicId: (t) => topics.get(t)?.uuid,
    partitionRacks: (t, p) =>
      (topics.get(t)?.partitions[p]?.replicas ?? []).flatMap((id) => brokerRack(id) ?? []),
    topicHash: (t) => {
      const topic = topics.get(t)
      return topic && hashes.of(topic)
    },
    topicNames: () =>
      topics
        .list()
        .filter((t) => !t.internal)
        .map((t) => t.name),
    partitionOffsets: (t, p) => {
      const found = partitionLog(t, p)
      if (!found) return undefined
      const { topic, log } = found
      return {
        logStartOffset: log.logStartOffset,
        highWatermark: log.highWatermark,
        // Where read_committed groups' lag ends.
        lastStableOffset: partitionTxns.lastStableOffset(topic.id, p, log.highWatermark)
      }
    },
    offsetForTimestamp: (t, p, ts) => {
      const found = partitionLog(t, p)
      if (!found) return null
      const { log } = found
      return log.offsetForTimestamp(ts, { upTo: log.highWatermark })?.offset ?? null
    },
    partitionHealth: (t, p, offset) => {
      const found = partitionLog(t, p)
      if (!found) return undefined
      const { topic, log } = found
      const config = logs.configOf(topic.id)
      return {
        recordTimestamp: recordTimestampNear(log, offset),
        deleteEnabled: config.deleteEnabled,
        retentionMs: config.retentionMs,
        retentionBytes: config.retentionBytes,
        sizeBytes: log.sizeBytes,
        ...rates.rate(t, p, 60)
      }
    }
  }
}

/** Starts the background work: replication, the cleaner, the storage monitor, transaction timeouts. */
export function startParts(parts: EngineParts): void {
  parts.replication.init(Date.now())
  parts.replication.start()
  parts.groups.coordinator.writeRestoredStateRecords()
  parts.cleaner.start()
  parts.storage.start()
  parts.txns.start()
  parts.delegationTokens.start()
}

/** Stops the background work; the database stays open for the caller to close last. */
export async function stopParts(parts: EngineParts): Promise<void> {
  parts.faults.clear()
  parts.storage.close()
  await parts.cleaner.close()
  parts.txns.close()
  parts.delegationTokens.close()
  parts.groups.close()
  parts.shares.close()
  parts.replication.close()
  parts.signals.wakeAll()
  await parts.clientMetricsExport.close()
}
