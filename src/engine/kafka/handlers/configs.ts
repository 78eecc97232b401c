// DescribeConfigs (32), AlterConfigs (33) and IncrementalAlterConfigs (44) for topics (every
// config with its source and default) and brokers (the settings that shape topics).
//
// DescribeConfigs Request (Version: 4) => [resources] include_synonyms include_documentation
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  AlterConfigsRequest,
  AlterConfigsResponse,
  DescribeConfigsRequest,
  DescribeConfigsResponse,
  Encodable,
  IncrementalAlterConfigsRequest,
  IncrementalAlterConfigsResponse
} from '../protocol'
import { kafkaTopicConfigs, topicConfigDefs, validateTopicConfig } from '../../log/topic-configs'
import { BROKER_SYNONYMS } from './config-synonyms'
import { toKafkaError } from '../error-codes'
import type { RequestContext } from '../request-context'

const TOPIC = 2
const BROKER = 4
/** ConfigSource values of DescribeConfigs. */
const DYNAMIC_TOPIC_CONFIG = 1
const STATIC_BROKER_CONFIG = 4
const DEFAULT_CONFIG = 5
/** ConfigType values (KIP-569). */
const TYPE: Record<string, number> = {
  boolean: 1,
  enum: 2,
  text: 2,
  int: 3,
  long: 5,
  double: 6,
  list: 7
}

/** Kafka warns when a deprecated topic config is set (it is accepted all the same); so does this broker. */
export function logDeprecatedConfigs(ctx: RequestContext, topic: string, names: string[]): void {
  const deprecated = names.filter((n) => kafkaTopicConfigs.get(n)?.deprecated)
  if (deprecated.length > 0)
    ctx.log(
      `broker ${ctx.broker.id}: topic '${topic}' sets deprecated config ${deprecated.join(', ')} (accepted, without effect)`
    )
}

function brokerConfigs(ctx: RequestContext): Record<string, string> {
  const s = ctx.settings
  return {
    'num.partitions': String(s.defaultPartitions),
    'default.replication.factor': String(s.defaultReplicationFactor),
    'auto.create.topics.enable': String(s.autoCreateTopics),
    'log.retention.ms': topicConfigDefs.get('retention.ms')!.defaultValue,
    'min.insync.replicas': topicConfigDefs.get('min.insync.replicas')!.defaultValue,
    'message.max.bytes': topicConfigDefs.get('max.message.bytes')!.defaultValue,
    'socket.request.max.bytes': String(100 * 1024 * 1024)
  }
}

export function handleDescribeConfigs(
  body: DescribeConfigsRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<DescribeConfigsResponse> {
  return {
    throttleTimeMs: 0,
    results: body.resources.map((res) => {
      const wanted = (name: string) =>
        res.configurationKeys === null || res.configurationKeys.includes(name)
      const base = { resourceType: res.resourceType, resourceName: res.resourceName }
      if (res.resourceType === BROKER) {
        const configs = Object.entries(brokerConfigs(ctx))
          .filter(([k]) => wanted(k))
          .map(([name, value]) => ({
            name,
            value,
            readOnly: true,
            isDefault: false,
            configSource: STATIC_BROKER_CONFIG,
            isSensitive: false,
            synonyms: [],
            configType: /^\d+$/.test(value) ? 5 : value === 'true' || value === 'false' ? 1 : 2,
            documentation: null
          }))
        return { errorCode: ErrorCode.NONE, errorMessage: null, ...base, configs }
      }
      if (res.resourceType !== TOPIC)
        return {
          errorCode: ErrorCode.INVALID_REQUEST,
          errorMessage: `Resource type ${res.resourceType} is not supported`,
          ...base,
          configs: []
        }
      const topic = ctx.engine.topic(res.resourceName)
      if (!topic)
        return {
          errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          errorMessage: `Topic '${res.resourceName}' does not exist`,
          ...base,
          configs: []
        }
      // Every topic config Kafka defines, as Kafka lists them: the topic's override first among
      // the synonyms, then the broker-wide config it defaults to (log.retention.hours ...).
      const effective = ctx.engine.topicConfigs(topic)
      const configs = [...kafkaTopicConfigs.values()]
        .filter((def) => wanted(def.name))
        .map((def) => {
          const name = def.name
          const value = effective[name] ?? def.defaultValue
          const overridden = name in topic.configOverrides
          const broker = BROKER_SYNONYMS[name]
          const synonyms = body.includeSynonyms
            ? [
                ...(overridden ? [{ name, value, source: DYNAMIC_TOPIC_CONFIG }] : []),
                ...(broker
                  ? [{ name: broker.name, value: broker.value, source: DEFAULT_CONFIG }]
                  : [])
              ]
            : []
          return {
            name,
            value,
            readOnly: false,
            // isDefault exists only in v0.
            isDefault: apiVersion === 0 ? !overridden : false,
            configSource: overridden ? DYNAMIC_TOPIC_CONFIG : DEFAULT_CONFIG,
            isSensitive: false,
            synonyms,
            configType: TYPE[def.kind.type] ?? 2,
            documentation: body.includeDocumentation ? def.doc : null
          }
        })
      return { errorCode: ErrorCode.NONE, errorMessage: null, ...base, configs }
    })
  }
}

type Change = { set: Record<string, string>; remove: string[] }

function applyTopicChange(
  ctx: RequestContext,
  resourceType: number,
  name: string,
  validateOnly: boolean,
  build: (current: Record<string, string>) => Change
) {
  const base = { resourceType, resourceName: name }
  if (resourceType !== TOPIC)
    return {
      ...base,
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'Only topic configs can be altered on this cluster'
    }
  const topic = ctx.engine.topic(name)
  if (!topic)
    return {
      ...base,
      errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      errorMessage: `Topic '${name}' does not exist`
    }
  try {
    const change = build({ ...topic.configOverrides })
    for (const [k, v] of Object.entries(change.set)) validateTopicConfig(k, v)
    if (!validateOnly) {
      ctx.engine.alterTopicConfigs(name, change.set, change.remove)
      logDeprecatedConfigs(ctx, name, Object.keys(change.set))
    }
    return { ...base, errorCode: ErrorCode.NONE, errorMessage: null }
  } catch (err) {
    const e = toKafkaError(err, ErrorCode.INVALID_CONFIG)
    return { ...base, errorCode: ErrorCode.INVALID_CONFIG, errorMessage: e.message }
  }
}

/** AlterConfigs replaces the whole set of overrides. */
export function handleAlterConfigs(
  body: AlterConfigsRequest,
  ctx: RequestContext
): Encodable<AlterConfigsResponse> {
  return {
    throttleTimeMs: 0,
    responses: body.resources.map((res) =>
      applyTopicChange(ctx, res.resourceType, res.resourceName, body.validateOnly, (current) => {
        const set: Record<string, string> = {}
        for (const c of res.configs) if (c.value !== null) set[c.name] = c.value
        return { set, remove: Object.keys(current).filter((k) => !(k in set)) }
      })
    )
  }
}

/** IncrementalAlterConfigs: SET (0), DELETE (1), APPEND (2), SUBTRACT (3) per config. */
export function handleIncrementalAlterConfigs(
  body: IncrementalAlterConfigsRequest,
  ctx: RequestContext
): Encodable<IncrementalAlterConfigsResponse> {
  return {
    throttleTimeMs: 0,
    responses: body.resources.map((res) =>
      applyTopicChange(ctx, res.resourceType, res.resourceName, body.validateOnly, (current) => {
        const set: Record<string, string> = {}
        const remove: string[] = []
        for (const c of res.configs) {
          const effective = current[c.name] ?? kafkaTopicConfigs.get(c.name)?.defaultValue ?? ''
          const list = effective === '' ? [] : effective.split(',')
          const items = (c.value ?? '').split(',').filter((x) => x !== '')
          if (c.configOperation === 0) set[c.name] = c.value ?? ''
          else if (c.configOperation === 1) remove.push(c.name)
          else if (c.configOperation === 2)
            set[c.name] = [...new Set([...list, ...items])].join(',')
          else if (c.configOperation === 3)
            set[c.name] = list.filter((x) => !items.includes(x)).join(',')
          else throw new Error(`Unknown config operation ${c.configOperation}`)
        }
        return { set, remove }
      })
    )
  }
}
