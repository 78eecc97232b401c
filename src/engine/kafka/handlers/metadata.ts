// Metadata (key 3): brokers, controller, and topics with their partitions' leaders, replicas
// and ISR; auto-creates requested topics when the request and the settings allow it, answering
// UNKNOWN_TOPIC_OR_PARTITION for them until the next request, as Kafka 4 (KRaft) does.
//
// Metadata Request (Version: 13) => [topics] allow_auto_topic_creation include_topic_authorized_operations
//   (13's response adds a top-level error_code, KIP-1102's way to ask a client to rebootstrap;
//   Kafka's brokers answer it 0, as here)
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  Encodable,
  MetadataRequest,
  MetadataResponse,
  MetadataResponseTopic
} from '../protocol'
import type { Topic } from '../../log/topic-registry'
import { EngineError } from '../../engine-error'
import { reservedTopicName } from '../../log/topic-names'
import { isInternalTopic, topicNameProblem } from '../../../shared/kafka/topic-names'
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

/** A named topic answered with an error alone, as Kafka answers one it does not list. */
function missing(
  name: string | null,
  topicId: string,
  code: number
): Encodable<MetadataResponseTopic> {
  return {
    errorCode: code,
    name,
    topicId,
    isInternal: name !== null && isInternalTopic(name),
    partitions: []
  }
}

/** Kafka's answer for a name that is not a topic: INVALID_TOPIC_EXCEPTION for an illegal name. */
function unknownName(name: string): number {
  return topicNameProblem(name) === null
    ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    : ErrorCode.INVALID_TOPIC_EXCEPTION
}

/**
 * Creates a topic a Metadata request asked for, with num.partitions and default.replication.factor
 * as the broker configs have them now. As Kafka 4 (KRaft) the request is answered before the topic
 * is listed: UNKNOWN_TOPIC_OR_PARTITION whether the creation succeeds or is refused (Kafka's broker
 * hands it to the controller and does not wait); a refusal is logged with its reason. The topic is
 * listed, with its leaders, from the next request on. A full disk is KAFKA_STORAGE_ERROR.
 */
function autoCreate(ctx: RequestContext, name: string): number {
  const { engine, settings } = ctx
  // __consumer_offsets and __transaction_state are created as their coordinators create them, as
  // Kafka's broker does when a request names them; the other internal topics do not exist here.
  if (engine.createInternalTopic(name)) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
  if (reservedTopicName(name) !== undefined) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
  try {
    engine.createTopic({
      name,
      partitions: settings.defaultPartitions,
      replicationFactor: settings.defaultReplicationFactor
    })
    return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
  } catch (err) {
    if (!(err instanceof EngineError)) return ErrorCode.UNKNOWN_SERVER_ERROR
    if (err.reason === 'storage-full') return ErrorCode.KAFKA_STORAGE_ERROR
    // More replicas than brokers, or a name colliding with a topic's ('.' for '_'): refused
    // as Kafka's controller refuses them, with a line saying why.
    ctx.log(
      err.reason === 'invalid-replication-factor'
        ? `topic '${name}' not auto-created: default.replication.factor ${settings.defaultReplicationFactor} is larger than the ${engine.brokerCount} brokers`
        : `topic '${name}' not auto-created: ${err.message}`
    )
    return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
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
  // UNKNOWN_TOPIC_OR_PARTITION (retriable, as every topic being created) and created on a later request.
  let creatable = ctx.settings.limits.maxTopicsPerRequest
  // Topics this request created: a name asked twice gets one answer, as Kafka answers a set.
  const created = new Set<string>()
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
      const existing = created.has(req.name) ? undefined : engine.topic(req.name)
      if (existing) return topicMetadata(ctx, existing, withOperations)
      if (!allowCreate || topicNameProblem(req.name) !== null || created.has(req.name))
        return missing(req.name, ZERO_UUID, unknownName(req.name))
      if (creatable <= 0) return missing(req.name, ZERO_UUID, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
      creatable--
      created.add(req.name)
      return missing(req.name, ZERO_UUID, autoCreate(ctx, req.name))
    })
  }
  return {
    throttleTimeMs: 0,
    brokers: engine.onlineBrokers().map((b) => ({
      nodeId: b.id,
      ...endpointOn(b, ctx.listenerName),
      rack: engine.brokerRack(b.id)
    })),
    clusterId: engine.clusterId,
    controllerId: engine.controllerId,
    clusterAuthorizedOperations:
      apiVersion >= 8 && body.includeClusterAuthorizedOperations
        ? authorizedOperations(ctx, 'CLUSTER', CLUSTER_RESOURCE_NAME)
        : OPERATIONS_OMITTED,
    topics,
    errorCode: ErrorCode.NONE
  }
}
