// DescribeConfigs (32), AlterConfigs (33) and IncrementalAlterConfigs (44) for topics (every
// config with its source and default), brokers (src/shared/kafka/broker-configs.ts: the
// resource '' for every broker, or a broker's id),
// CLIENT_METRICS resources (the configs set, see telemetry/client-metrics-configs.ts) and GROUP
// resources (src/shared/kafka/group-configs.ts).
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
import { kafkaTopicConfigs, validateTopicConfig } from '../../log/topic-configs'
import { brokerConfigDefs } from '../../../shared/kafka/broker-configs'
import type { BrokerConfigSource } from '../../../shared/kafka/broker-config-def'
import { groupConfigDefault, groupConfigDefs } from '../../../shared/kafka/group-configs'
import type { BrokerConfigChange } from '../../cluster/broker-configs'
import { EngineError } from '../../engine-error'
import { toKafkaError } from '../error-codes'
import type { RequestContext } from '../request-context'

const TOPIC = 2
const BROKER = 4
const CLIENT_METRICS = 16
const GROUP = 32
/** ConfigSource values of DescribeConfigs. */
const DYNAMIC_TOPIC_CONFIG = 1
const DEFAULT_CONFIG = 5
const CLIENT_METRICS_CONFIG = 7
const GROUP_CONFIG = 8
const SOURCE: Record<BrokerConfigSource, number> = {
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG
}
/** ConfigType values (KIP-569). */
/** The config type of a name the broker has no definition for. */
const UNKNOWN_TYPE = 0
const TYPE: Record<string, number> = {
  boolean: 1,
  enum: 2,
  text: 2,
  string: 2,
  int: 3,
  short: 4,
  long: 5,
  double: 6,
  list: 7,
  class: 8,
  password: 9
}

/** Kafka warns when a deprecated topic config is set (it is accepted all the same); so does this broker. */
export function logDeprecatedConfigs(ctx: RequestContext, topic: string, names: string[]): void {
  const deprecated = names.filter((n) => kafkaTopicConfigs.get(n)?.deprecated)
  if (deprecated.length > 0)
    ctx.log(
      `broker ${ctx.broker.id}: topic '${topic}' sets deprecated config ${deprecated.join(', ')} (accepted, without effect)`
    )
}

/** The broker a BROKER resource names: null for '' (every broker), or why it is refused. */
function brokerResource(ctx: RequestContext, name: string): number | null | string {
  if (name === '') return null
  if (!/^\d+$/.test(name)) return `Unable to parse broker name '${name}' as a base 10 number`
  const id = Number(name)
  return ctx.engine.broker(id) ? id : `Broker ${id} does not exist`
}

function describeBroker(
  ctx: RequestContext,
  brokerId: number | null,
  wanted: (name: string) => boolean,
  body: DescribeConfigsRequest,
  apiVersion: number
) {
  return ctx.engine
    .describeBrokerConfigs(brokerId)
    .filter((c) => wanted(c.name))
    .map((c) => {
      const def = brokerConfigDefs.get(c.name)
      return {
        name: c.name,
        value: c.value,
        readOnly: c.readOnly,
        isDefault: apiVersion === 0 ? c.source === 'DEFAULT_CONFIG' : false,
        configSource: SOURCE[c.source],
        // Kafka treats a custom config (no definition, type unknown) as a secret.
        isSensitive: def ? (def.sensitive ?? false) : true,
        synonyms: body.includeSynonyms
          ? c.synonyms.map((v) => ({ name: v.name, value: v.value, source: SOURCE[v.source] }))
          : [],
        configType: def ? (TYPE[def.configType ?? def.kind.type] ?? 2) : UNKNOWN_TYPE,
        documentation: body.includeDocumentation ? (def?.doc ?? null) : null
      }
    })
}

export function handleDescribeConfigs(
  body: DescribeConfigsRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<DescribeConfigsResponse> {
  return {
    throttleTimeMs: 0,
    results: body.resources.map((res) => {
      // As Kafka's ConfigHelper: an empty list of names asks for every config, as a null one does.
      const keys = res.configurationKeys?.length ? res.configurationKeys : null
      const wanted = (name: string) => keys === null || keys.includes(name)
      const base = { resourceType: res.resourceType, resourceName: res.resourceName }
      if (res.resourceType === BROKER) {
        const brokerId = brokerResource(ctx, res.resourceName)
        if (typeof brokerId === 'string')
          return {
            errorCode: ErrorCode.INVALID_REQUEST,
            errorMessage: brokerId,
            ...base,
            configs: []
          }
        const configs = describeBroker(ctx, brokerId, wanted, body, apiVersion)
        return { errorCode: ErrorCode.NONE, errorMessage: null, ...base, configs }
      }
      if (res.resourceType === CLIENT_METRICS)
        return { ...base, ...describeClientMetrics(ctx, res.resourceName, wanted) }
      if (res.resourceType === GROUP)
        return { ...base, ...describeGroup(ctx, res.resourceName, wanted, body, apiVersion) }
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
      // the synonyms, then the broker configs it defaults to with their current values and
      // sources (log.retention.ms set at run time, then log.retention.hours ...).
      const effective = ctx.engine.topicConfigs(topic)
      const brokerDefaults = ctx.engine.topicConfigDefaults()
      const configs = [...kafkaTopicConfigs.values()]
        .filter((def) => wanted(def.name))
        .map((def) => {
          const name = def.name
          const value = effective[name] ?? brokerDefaults[name] ?? def.defaultValue
          const overridden = name in topic.configOverrides
          const broker = ctx.engine
            .topicConfigSynonyms(name)
            .map((v) => ({ name: v.name, value: v.value, source: SOURCE[v.source] }))
          const synonyms = body.includeSynonyms
            ? [...(overridden ? [{ name, value, source: DYNAMIC_TOPIC_CONFIG }] : []), ...broker]
            : []
          return {
            name,
            value,
            readOnly: false,
            // isDefault exists only in v0.
            isDefault: apiVersion === 0 ? !overridden : false,
            configSource: overridden ? DYNAMIC_TOPIC_CONFIG : (broker[0]?.source ?? DEFAULT_CONFIG),
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

/** A CLIENT_METRICS resource's configs as set (none for an unknown name, as in Kafka). */
function describeClientMetrics(ctx: RequestContext, name: string, wanted: (n: string) => boolean) {
  if (name === '')
    return {
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'Client metrics subscription name must not be empty',
      configs: []
    }
  const configs = Object.entries(ctx.engine.clientMetricsConfigs(name))
    .filter(([n]) => wanted(n))
    .map(([n, value]) => ({
      name: n,
      value,
      readOnly: false,
      isDefault: false,
      configSource: CLIENT_METRICS_CONFIG,
      isSensitive: false,
      synonyms: [],
      configType: TYPE[n === 'interval.ms' ? 'int' : 'list'],
      documentation: null
    }))
  return { errorCode: ErrorCode.NONE, errorMessage: null, configs }
}

/**
 * A GROUP resource's configs as Kafka describes them: every one, the group's own value (source
 * GROUP_CONFIG) or else the broker config it defaults to, whose values follow as synonyms.
 */
function describeGroup(
  ctx: RequestContext,
  groupId: string,
  wanted: (n: string) => boolean,
  body: DescribeConfigsRequest,
  apiVersion: number
) {
  if (groupId === '')
    return {
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'Group name must not be empty',
      configs: []
    }
  const own = ctx.engine.groupConfigs.configsOf(groupId)
  const brokerValue = (name: string) => ctx.engine.groupConfigs.brokerValue(name)
  const broker = new Map(ctx.engine.describeBrokerConfigs(ctx.broker.id).map((c) => [c.name, c]))
  const configs = [...groupConfigDefs.values()]
    .filter((def) => wanted(def.name))
    .map((def) => {
      const value = own[def.name] ?? groupConfigDefault(def, brokerValue)
      const set = def.name in own
      const fromBroker = def.brokerConfig === null ? undefined : broker.get(def.brokerConfig)
      const brokerSynonyms = (fromBroker?.synonyms ?? []).map((v) => ({
        name: v.name,
        value: v.value,
        source: SOURCE[v.source]
      }))
      return {
        name: def.name,
        value,
        readOnly: false,
        isDefault: apiVersion === 0 ? !set : false,
        configSource: set ? GROUP_CONFIG : (brokerSynonyms[0]?.source ?? DEFAULT_CONFIG),
        isSensitive: false,
        synonyms: body.includeSynonyms
          ? [...(set ? [{ name: def.name, value, source: GROUP_CONFIG }] : []), ...brokerSynonyms]
          : [],
        configType: TYPE[def.type],
        documentation: body.includeDocumentation ? def.doc : null
      }
    })
  return { errorCode: ErrorCode.NONE, errorMessage: null, configs }
}

type Change = { set: Record<string, string>; remove: string[] }

/** A change to a GROUP resource's configs, checked as a whole as Kafka checks them. */
function applyGroupChange(
  ctx: RequestContext,
  groupId: string,
  validateOnly: boolean,
  build: (current: Record<string, string>, effective: (config: string) => string) => Change
) {
  const base = { resourceType: GROUP, resourceName: groupId }
  try {
    const current = ctx.engine.groupConfigs.configsOf(groupId)
    const effective = (config: string) => {
      const def = groupConfigDefs.get(config)
      return (
        current[config] ??
        (def ? groupConfigDefault(def, (name) => ctx.engine.groupConfigs.brokerValue(name)) : '')
      )
    }
    const change = { groupId, ...build(current, effective) }
    ctx.engine.alterGroupConfigs(change, validateOnly)
    if (!validateOnly)
      ctx.log(
        `configs of group '${groupId}' altered: ${[...Object.entries(change.set).map(([k, v]) => `${k}=${v}`), ...change.remove.map((k) => `-${k}`)].join(', ')}`
      )
    return { ...base, errorCode: ErrorCode.NONE, errorMessage: null }
  } catch (err) {
    const e = toKafkaError(err, ErrorCode.INVALID_CONFIG)
    const code =
      err instanceof EngineError && err.reason === 'invalid-argument'
        ? ErrorCode.INVALID_REQUEST
        : ErrorCode.INVALID_CONFIG
    return { ...base, errorCode: code, errorMessage: e.message }
  }
}

/** A change to a CLIENT_METRICS resource: the whole resulting set is checked as Kafka does. */
function applyClientMetricsChange(
  ctx: RequestContext,
  name: string,
  validateOnly: boolean,
  build: (current: Record<string, string>, effective: (config: string) => string) => Change
) {
  const base = { resourceType: CLIENT_METRICS, resourceName: name }
  try {
    const current = ctx.engine.clientMetricsConfigs(name)
    const change = build(current, (config) => current[config] ?? '')
    ctx.engine.alterClientMetrics({ name, ...change }, validateOnly)
    if (!validateOnly) ctx.log(`client metrics subscription '${name}' altered`)
    return { ...base, errorCode: ErrorCode.NONE, errorMessage: null }
  } catch (err) {
    const e = toKafkaError(err, ErrorCode.INVALID_CONFIG)
    return { ...base, errorCode: e.code, errorMessage: e.message }
  }
}

/** A change to a broker's (or, for '', every broker's) run-time configs. */
function applyBrokerChange(
  ctx: RequestContext,
  name: string,
  validateOnly: boolean,
  build: (current: Record<string, string>, effective: (config: string) => string) => Change
) {
  const base = { resourceType: BROKER, resourceName: name }
  const brokerId = brokerResource(ctx, name)
  if (typeof brokerId === 'string')
    return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: brokerId }
  try {
    const current = ctx.engine.brokerConfigOverrides(brokerId)
    const effective = (config: string) => current[config] ?? ctx.engine.brokerConfig(config) ?? ''
    const change: BrokerConfigChange = { brokerId, ...build(current, effective) }
    // Kafka keeps a broker config it does not know (a custom config) rather than refusing it.
    ctx.engine.alterBrokerConfigs(change, validateOnly, true)
    if (!validateOnly)
      ctx.log(
        `broker configs of ${brokerId === null ? 'every broker' : `broker ${brokerId}`} altered: ${[...Object.entries(change.set).map(([k, v]) => `${k}=${v}`), ...change.remove.map((k) => `-${k}`)].join(', ')}`
      )
    return { ...base, errorCode: ErrorCode.NONE, errorMessage: null }
  } catch (err) {
    const e = toKafkaError(err, ErrorCode.INVALID_CONFIG)
    // Kafka answers a read-only config with INVALID_REQUEST, a bad value with INVALID_CONFIG.
    const code =
      err instanceof EngineError && err.reason === 'read-only-config'
        ? ErrorCode.INVALID_REQUEST
        : ErrorCode.INVALID_CONFIG
    return { ...base, errorCode: code, errorMessage: e.message }
  }
}

function applyChange(
  ctx: RequestContext,
  resourceType: number,
  name: string,
  validateOnly: boolean,
  build: (current: Record<string, string>, effective: (config: string) => string) => Change
) {
  const base = { resourceType, resourceName: name }
  if (resourceType === BROKER) return applyBrokerChange(ctx, name, validateOnly, build)
  if (resourceType === CLIENT_METRICS)
    return applyClientMetricsChange(ctx, name, validateOnly, build)
  if (resourceType === GROUP) return applyGroupChange(ctx, name, validateOnly, build)
  if (resourceType !== TOPIC)
    return {
      ...base,
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: `Resource type ${resourceType} has no configs to alter on this cluster`
    }
  const topic = ctx.engine.topic(name)
  if (!topic)
    return {
      ...base,
      errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      errorMessage: `Topic '${name}' does not exist`
    }
  try {
    const defaults = ctx.engine.topicConfigDefaults()
    const change = build(
      { ...topic.configOverrides },
      (config) =>
        topic.configOverrides[config] ??
        defaults[config] ??
        kafkaTopicConfigs.get(config)?.defaultValue ??
        ''
    )
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
      applyChange(ctx, res.resourceType, res.resourceName, body.validateOnly, (current) => {
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
      applyChange(ctx, res.resourceType, res.resourceName, body.validateOnly, (_, effective) => {
        const set: Record<string, string> = {}
        const remove: string[] = []
        for (const c of res.configs) {
          const value = effective(c.name)
          const list = value === '' ? [] : value.split(',')
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
