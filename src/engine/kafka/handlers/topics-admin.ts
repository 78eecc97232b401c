// CreateTopics (19), DeleteTopics (20) and CreatePartitions (37): topic administration as
// kafka-topics.sh and admin clients do it. Under a controller_mutation_rate quota (KIP-599) each
// topic's partitions are counted once the topic is found valid: from CreateTopics v6,
// CreatePartitions v3 and DeleteTopics v5 a topic that meets an exhausted quota is refused with
// THROTTLING_QUOTA_EXCEEDED, and the answer carries the throttle (older versions are throttled
// only).
//
// CreateTopics Request (Version: 7) => [topics] timeout_ms validate_only
//   topics => name num_partitions replication_factor [assignments] [configs]
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  CreatePartitionsRequest,
  CreatePartitionsResponse,
  CreateTopicsRequest,
  CreateTopicsResponse,
  DeleteTopicsRequest,
  DeleteTopicsResponse,
  Encodable
} from '../protocol'
import { ZERO_UUID } from '../../../shared/kafka/protocol-constants'
import { toKafkaError } from '../error-codes'
import type { RequestContext } from '../request-context'
import { mapRequestInSlices } from '../time-slices'
import { logDeprecatedConfigs } from './configs'
import { mutationQuota, throttleMutations } from '../quota-throttle'

/** Kafka's message for THROTTLING_QUOTA_EXCEEDED. */
const THROTTLED = 'The throttling quota has been exceeded.'

export async function handleCreateTopics(
  body: CreateTopicsRequest,
  ctx: RequestContext,
  apiVersion: number
): Promise<Encodable<CreateTopicsResponse>> {
  const { engine, settings } = ctx
  const seen = new Set<string>()
  let creatable = settings.limits.maxTopicsPerRequest
  const quota = body.validateOnly ? null : mutationQuota(ctx, apiVersion, 6)
  const topics = await mapRequestInSlices(ctx, body.topics, (t) => {
    const fail = (code: number, message: string) => ({
      name: t.name,
      topicId: ZERO_UUID,
      errorCode: code,
      errorMessage: message,
      numPartitions: -1,
      replicationFactor: -1,
      configs: null
    })
    if (seen.has(t.name))
      return fail(ErrorCode.INVALID_REQUEST, `Topic '${t.name}' is listed twice`)
    seen.add(t.name)
    if (creatable <= 0)
      return fail(
        // Kafka's answer to too many topic mutations at once (KIP-599) exists from v6.
        apiVersion >= 6 ? ErrorCode.THROTTLING_QUOTA_EXCEEDED : ErrorCode.POLICY_VIOLATION,
        `One request creates at most ${settings.limits.maxTopicsPerRequest} topics (max.topics.per.request); send the rest in another request`
      )
    creatable--
    const configs: Record<string, string> = {}
    for (const c of t.configs) if (c.value !== null) configs[c.name] = c.value
    // -1 asks for the broker defaults (KIP-464): num.partitions, default.replication.factor.
    const partitions = t.numPartitions === -1 ? settings.defaultPartitions : t.numPartitions
    const replicationFactor =
      t.replicationFactor === -1 ? settings.defaultReplicationFactor : t.replicationFactor
    if (t.assignments.length === 0 && partitions < 1)
      return fail(ErrorCode.INVALID_PARTITIONS, `Number of partitions must be larger than 0`)
    if (t.assignments.length === 0 && replicationFactor < 1)
      return fail(ErrorCode.INVALID_REPLICATION_FACTOR, `Replication factor must be larger than 0`)
    const assignment =
      t.assignments.length > 0
        ? [...t.assignments]
            .sort((a, b) => a.partitionIndex - b.partitionIndex)
            .map((a) => a.brokerIds)
        : undefined
    const spec = { name: t.name, partitions, replicationFactor, configs, assignment }
    try {
      if (body.validateOnly) engine.checkNewTopic(spec)
      else if (quota && !quota.record(engine.checkNewTopic(spec).length))
        return fail(ErrorCode.THROTTLING_QUOTA_EXCEEDED, THROTTLED)
      const topic = body.validateOnly ? null : engine.createTopic(spec)
      if (topic) logDeprecatedConfigs(ctx, t.name, Object.keys(configs))
      const effective = topic ? engine.topicConfigs(topic) : configs
      return {
        name: t.name,
        topicId: topic?.uuid ?? ZERO_UUID,
        errorCode: ErrorCode.NONE,
        errorMessage: null,
        numPartitions: assignment?.length ?? partitions,
        replicationFactor: assignment?.[0]?.length ?? replicationFactor,
        configs: Object.entries(effective).map(([name, value]) => ({
          name,
          value,
          readOnly: false,
          configSource: name in configs ? 1 : 5,
          isSensitive: false
        }))
      }
    } catch (err) {
      const e = toKafkaError(err)
      return fail(e.code, e.message)
    }
  })
  return { throttleTimeMs: throttleMutations(ctx, quota), topics }
}

export async function handleDeleteTopics(
  body: DeleteTopicsRequest,
  ctx: RequestContext,
  apiVersion: number
): Promise<Encodable<DeleteTopicsResponse>> {
  const { engine } = ctx
  const requests =
    apiVersion >= 6 ? body.topics : body.topicNames.map((name) => ({ name, topicId: ZERO_UUID }))
  const quota = mutationQuota(ctx, apiVersion, 5)
  const responses = await mapRequestInSlices(ctx, requests, (r) => {
    const topic = r.name !== null ? engine.topic(r.name) : engine.topicById(r.topicId)
    if (!topic)
      return {
        name: r.name,
        topicId: r.topicId,
        errorCode:
          r.name !== null ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID,
        errorMessage: 'This server does not host this topic'
      }
    if (topic.internal)
      return {
        name: topic.name,
        topicId: topic.uuid,
        errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION,
        errorMessage: `Topic '${topic.name}' is a Kafka internal topic and is not allowed to be deleted`
      }
    if (quota && !quota.record(topic.partitions.length))
      return {
        name: topic.name,
        topicId: topic.uuid,
        errorCode: ErrorCode.THROTTLING_QUOTA_EXCEEDED,
        errorMessage: THROTTLED
      }
    engine.deleteTopic(topic.name)
    return {
      name: topic.name,
      topicId: topic.uuid,
      errorCode: ErrorCode.NONE,
      errorMessage: null
    }
  })
  return { throttleTimeMs: throttleMutations(ctx, quota), responses }
}

export async function handleCreatePartitions(
  body: CreatePartitionsRequest,
  ctx: RequestContext,
  apiVersion: number
): Promise<Encodable<CreatePartitionsResponse>> {
  const { engine } = ctx
  const quota = body.validateOnly ? null : mutationQuota(ctx, apiVersion, 3)
  const results = await mapRequestInSlices(ctx, body.topics, (t) => {
    const topic = engine.topic(t.name)
    if (!topic)
      return {
        name: t.name,
        errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        errorMessage: `Topic '${t.name}' does not exist`
      }
    if (t.count <= topic.partitions.length && !topic.internal)
      return {
        name: t.name,
        errorCode: ErrorCode.INVALID_PARTITIONS,
        errorMessage: `Topic currently has ${topic.partitions.length} partitions, which is higher than or equal to the requested ${t.count}`
      }
    const assignment = t.assignments?.map((a) => a.brokerIds)
    try {
      if (body.validateOnly) engine.checkNewPartitions(t.name, t.count, assignment)
      else {
        if (quota) {
          engine.checkNewPartitions(t.name, t.count, assignment)
          if (!quota.record(t.count - topic.partitions.length))
            return {
              name: t.name,
              errorCode: ErrorCode.THROTTLING_QUOTA_EXCEEDED,
              errorMessage: THROTTLED
            }
        }
        engine.createPartitions(t.name, t.count, assignment)
      }
      return { name: t.name, errorCode: ErrorCode.NONE, errorMessage: null }
    } catch (err) {
      const e = toKafkaError(err, ErrorCode.INVALID_PARTITIONS)
      return { name: t.name, errorCode: e.code, errorMessage: e.message }
    }
  })
  return { throttleTimeMs: throttleMutations(ctx, quota), results }
}
