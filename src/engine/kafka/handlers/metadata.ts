// Metadata (key 3): brokers, controller, and topics with their partitions' leaders, replicas
// and ISR; auto-creates requested topics when the request and the settings allow it.
//
// Metadata Request (Version: 12) => [topics] allow_auto_topic_creation include_topic_authorized_operations
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  Encodable,
  MetadataRequest,
  MetadataResponse,
  MetadataResponseTopic
} from '../protocol'
import type { Topic } from '../../log/topic-registry'
import { EngineError } from '../../engine-error'
import { reservedTopicName, validateTopicName } from '../../log/topic-names'
import { ZERO_UUID } from '../../../shared/kafka/protocol-constants'

import type { RequestContext } from '../request-context'
import { endpointOn } from '../../cluster/brokers'
import { mapRequestInSlices } from '../time-slices'
import { OPERATIONS_OMITTED, authorizedOperations } from '../authorized-operations'
import { CLUSTER_RESOURCE_NAME } from '../../../shared/api/acls'

export function topicMetadata(
  ctx: RequestContext,
  t: Topic,
  withOperations = false
): Encodable<MetadataResponseTopic> {
  const online = new Set(ctx.engine.onlineBrokerIds())
  return {
    topicAuthorizedOperations: withOperations
      ? authorizedOperations(ctx, 'TOPIC', t.name)
      : OPERATIONS_OMITTED,
    errorCode: ErrorCode.NONE,
    name: t.name,
    topicId: t.uuid,
    isInternal: t.internal,
    partitions: t.partitions.map((p) => ({
      errorCode: p.leader < 0 ? ErrorCode.LEADER_NOT_AVAILABLE : ErrorCode.NONE,
      partitionIndex: p.partition,
      leaderId: p.leader,
      leaderEpoch: p.leaderEpoch,
      replicaNodes: p.replicas,
      isrNodes: p.isr,
      offlineReplicas: p.replicas.filter((r) => !online.has(r))
    }))
  }
}

function missing(
  name: string | null,
  topicId: string,
  code: number
): Encodable<MetadataResponseTopic> {
  return { errorCode: code, name, topicId, isInternal: false, partitions: [] }
}

function autoCreate(ctx: RequestContext, name: string): Topic | number {
  try {
    validateTopicName(name)
  } catch {
    return ErrorCode.INVALID_TOPIC_EXCEPTION
  }
  // Kafka's internal topics are not auto-created as ordinary ones: they do not exist here.
  if (reservedTopicName(name) !== undefined) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
  const { engine, settings } = ctx
  try {
    // num.partitions and default.replication.factor, as the broker configs have them now.
    return engine.createTopic({
      name,
      partitions: settings.defaultPartitions,
      replicationFactor: settings.defaultReplicationFactor
    })
  } catch (err) {
    // A concurrent creation of the same topic is not an error for the client.
    const existing = engine.topic(name)
    if (existing) return existing
    if (err instanceof EngineError && err.reason === 'storage-full')
      return ErrorCode.KAFKA_STORAGE_ERROR
    // More replicas than brokers: refused as Kafka refuses it, with a line saying why.
    if (err instanceof EngineError && err.reason === 'invalid-replication-factor') {
      ctx.log(
        `topic '${name}' not auto-created: default.replication.factor ${settings.defaultReplicationFactor} is larger than the ${engine.brokerCount} brokers`
      )
      return ErrorCode.INVALID_REPLICATION_FACTOR
    }
    return err instanceof EngineError &&
      (err.reason === 'topic-exists' || err.reason === 'topic-name-collision')
      ? ErrorCode.INVALID_TOPIC_EXCEPTION
      : ErrorCode.UNKNOWN_SERVER_ERROR
  }
}

export async function handleMetadata(
  body: MetadataRequest,
  ctx: RequestContext,
  apiVersion: number
): Promise<Encodable<MetadataResponse>> {
  const { engine } = ctx
  // v0 has no null: an empty list asks for every topic.
  const all = body.topics === null || (apiVersion === 0 && body.topics.length === 0)
  const allowCreate =
    ctx.settings.autoCreateTopics && (apiVersion < 4 || body.allowAutoTopicCreation)
  // One request creates at most max.topics.per.request topics; the rest are answered
  // LEADER_NOT_AVAILABLE (retriable, as while Kafka creates a topic) and created on a later request.
  let creatable = ctx.settings.limits.maxTopicsPerRequest
  // Asked from v8: each topic's (v8+) and the cluster's (v8-10) authorized operations.
  const withOperations = apiVersion >= 8 && body.includeTopicAuthorizedOperations
  let topics: Encodable<MetadataResponseTopic>[]
  if (all) {
    topics = await mapRequestInSlices(ctx, engine.listTopics(), (t) =>
      topicMetadata(ctx, t, withOperations)
    )
  } else {
    topics = await mapRequestInSlices(ctx, body.topics ?? [], (req) => {
      if (req.name === null || req.name === undefined) {
        const byId = engine.topicById(req.topicId)
        return byId
          ? topicMetadata(ctx, byId, withOperations)
          : // Names are nullable in the response only from v12.
            missing(apiVersion >= 12 ? null : '', req.topicId, ErrorCode.UNKNOWN_TOPIC_ID)
      }
      const existing = engine.topic(req.name)
      if (existing) return topicMetadata(ctx, existing, withOperations)
      if (!allowCreate) return missing(req.name, ZERO_UUID, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
      if (creatable <= 0) return missing(req.name, ZERO_UUID, ErrorCode.LEADER_NOT_AVAILABLE)
      creatable--
      const created = autoCreate(ctx, req.name)
      return typeof created === 'number'
        ? missing(req.name, ZERO_UUID, created)
        : topicMetadata(ctx, created, withOperations)
    })
  }
  return {
    throttleTimeMs: 0,
    brokers: engine
      .onlineBrokers()
      .map((b) => ({ nodeId: b.id, ...endpointOn(b, ctx.listenerName), rack: null })),
    clusterId: engine.clusterId,
    controllerId: engine.controllerId,
    clusterAuthorizedOperations:
      apiVersion >= 8 && body.includeClusterAuthorizedOperations
        ? authorizedOperations(ctx, 'CLUSTER', CLUSTER_RESOURCE_NAME)
        : OPERATIONS_OMITTED,
    topics
  }
}
