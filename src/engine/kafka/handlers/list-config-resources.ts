// ListConfigResources (74): the config resources of the types asked for. Version 0, which Kafka
// 3.7 named ListClientMetricsResources (KIP-714), lists the CLIENT_METRICS resources (metrics
// subscriptions); version 1 (KIP-1142, Kafka 4.1) the TOPIC, BROKER, BROKER_LOGGER,
// CLIENT_METRICS and GROUP ones, every type when none is named: topic names, the running brokers'
// ids, the subscriptions and the groups with configs of their own (a group needs no members to
// have them). A type it does not list is UNSUPPORTED_VERSION, as Kafka answers.
//
// ListConfigResources Request (Version: 1) => [resource_types]
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  Encodable,
  ListConfigResourcesRequest,
  ListConfigResourcesResponse,
  ListConfigResourcesResponseConfigResource
} from '../protocol'
import type { RequestContext } from '../request-context'

/** ConfigResource.Type ids. */
const TOPIC = 2
const BROKER = 4
const BROKER_LOGGER = 8
const CLIENT_METRICS = 16
const GROUP = 32

export function handleListConfigResources(
  body: ListConfigResourcesRequest,
  ctx: RequestContext
): Encodable<ListConfigResourcesResponse> {
  const v0 = ctx.header.requestApiVersion === 0
  const supported = v0 ? [CLIENT_METRICS] : [TOPIC, BROKER, BROKER_LOGGER, CLIENT_METRICS, GROUP]
  const asked = v0 || body.resourceTypes.length === 0 ? supported : body.resourceTypes
  const unsupported = asked.find((t) => !supported.includes(t))
  if (unsupported !== undefined) {
    ctx.log(
      `broker ${ctx.broker.id}: ListConfigResources: resource type ${unsupported} is not listed`
    )
    return { throttleTimeMs: 0, errorCode: ErrorCode.UNSUPPORTED_VERSION, configResources: [] }
  }
  const wanted = new Set(asked)
  const out: ListConfigResourcesResponseConfigResource[] = []
  const add = (type: number, names: readonly string[]) => {
    if (wanted.has(type))
      for (const resourceName of names) out.push({ resourceName, resourceType: type })
  }
  // Kafka's order: groups, subscriptions, broker loggers, brokers, topics.
  add(GROUP, ctx.engine.groupConfigs.configuredGroupIds())
  add(CLIENT_METRICS, ctx.engine.clientMetricsResources())
  const brokers = ctx.engine.onlineBrokerIds().map(String)
  add(BROKER_LOGGER, brokers)
  add(BROKER, brokers)
  add(
    TOPIC,
    ctx.engine.listTopics().map((t) => t.name)
  )
  return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, configResources: out }
}
