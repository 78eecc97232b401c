// External backend, client metrics area: a real cluster's CLIENT_METRICS subscriptions (KIP-714)
// through ListClientMetricsResources, DescribeConfigs and IncrementalAlterConfigs on resource
// type 16, as kafka-client-metrics.sh manages them. The client instances and the metrics they
// push are not for a console to know: a broker hands them to its ClientTelemetryReceiver plugin,
// and no Kafka API reads them back, so the list names no client instance.
import {
  describeConfigsV4,
  incrementalAlterConfigsV1,
  listClientMetricsResourcesV0,
  type Connection
} from '@platformatic/kafka'
import type {
  ClientMetricsSubscriptionInfo,
  ClientMetricsView,
  clientMetricsParams
} from '../../../shared/api/client-metrics'
import { ApiError } from '../../../shared/errors'
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { parseConfigList } from '../../telemetry/client-metrics-configs'
import type { Area } from '../backend'
import { offeredApis } from './api-versions'
import { embeddedOnly, type ExternalContext } from './context'
import { kafkaApiError, protocolErrors } from './kafka-errors'
import { controllerConnection } from './users'

const CLIENT_METRICS = 16
const LIST_CLIENT_METRICS_RESOURCES = 74
const SET = 0
const DELETE = 1
/** A config's source when the subscription does not set it (Kafka's default). */
const DEFAULT_CONFIG = 5
const CONFIG_NAMES = ['metrics', 'interval.ms', 'match'] as const

/** The contract's field for a config Kafka names in a refusal. */
const FIELDS: Record<string, string> = {
  'interval.ms': 'intervalMs',
  metrics: 'metrics',
  match: 'match'
}

function unsupported(ctx: ExternalContext, why: string): ApiError {
  return new ApiError(
    'BAD_REQUEST',
    `'${ctx.name}' does not offer client metrics subscriptions (KIP-714, Kafka 3.7 and later): ${why}`
  )
}

/** `fn`, with Kafka's UNSUPPORTED_VERSION said as the cluster lacking the APIs. */
async function supported<T>(ctx: ExternalContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (protocolErrors(err).some((e) => e.code === ErrorCode.UNSUPPORTED_VERSION))
      throw unsupported(ctx, 'it answers UNSUPPORTED_VERSION')
    throw err
  }
}

/** A broker connection, once its ApiVersions has been seen to list ListClientMetricsResources. */
async function telemetryConnection(
  ctx: ExternalContext,
  checked: { done: boolean }
): Promise<Connection> {
  const connection = await controllerConnection(ctx.clients.admin())
  if (checked.done) return connection
  const apis = await supported(ctx, () => offeredApis(connection))
  if (!apis.some((a) => a.apiKey === LIST_CLIENT_METRICS_RESOURCES))
    throw unsupported(ctx, 'its ApiVersions does not list ListClientMetricsResources (API key 74)')
  checked.done = true
  return connection
}

async function subscriptionsOf(connection: Connection): Promise<ClientMetricsSubscriptionInfo[]> {
  const listed = await listClientMetricsResourcesV0.api.async(connection)
  const names = listed.configResources.map((r) => r.resourceName).sort()
  if (names.length === 0) return []
  const described = await describeConfigsV4.api.async(
    connection,
    names.map((resourceName) => ({ resourceType: CLIENT_METRICS, resourceName })),
    false,
    false
  )
  return described.results.flatMap((r) => {
    // A subscription deleted between the two requests.
    if (r.errorCode !== ErrorCode.NONE) return []
    const value = (name: string) => {
      const c = r.configs.find((c) => c.name === name && c.configSource !== DEFAULT_CONFIG)
      return c?.value ?? undefined
    }
    const interval = value('interval.ms')
    return [
      {
        name: r.resourceName,
        metrics: parseConfigList(value('metrics') ?? ''),
        intervalMs: interval === undefined ? null : Number(interval),
        match: parseConfigList(value('match') ?? '')
      }
    ]
  })
}

/** IncrementalAlterConfigs on one subscription; Kafka's refusal names the field it is about. */
async function alter(
  ctx: ExternalContext,
  connection: Connection,
  what: string,
  name: string,
  configs: (
    { name: string; configOperation: 0; value: string } | { name: string; configOperation: 1 }
  )[]
): Promise<void> {
  try {
    await incrementalAlterConfigsV1.api.async(
      connection,
      [{ resourceType: CLIENT_METRICS, resourceName: name, configs }],
      false
    )
  } catch (err) {
    const prefix = `${what} '${name}'`
    const said = kafkaApiError(err, prefix, ctx.clients.addresses)
    if (protocolErrors(err).some((e) => e.code === ErrorCode.CLUSTER_AUTHORIZATION_FAILED)) {
      const sasl = ctx.clients.target.security.sasl
      const who = sasl ? `User:${sasl.username}` : "the connection's principal"
      throw new ApiError(
        'FORBIDDEN',
        `${who} may not change the client metrics subscriptions of '${ctx.name}': Kafka asks for ALTER_CONFIGS on the cluster (CLUSTER_AUTHORIZATION_FAILED)`
      )
    }
    // Kafka's words after the request's own (whose subscription name may read like a config).
    const kafkaSaid = said.message.startsWith(prefix) ? said.message.slice(prefix.length) : ''
    const config = CONFIG_NAMES.find((c) => kafkaSaid.includes(c))
    throw config ? new ApiError(said.code, said.message, FIELDS[config]) : said
  }
}

export function externalClientMetrics(ctx: ExternalContext): Area<typeof clientMetricsParams> {
  const { clients } = ctx
  const checked = { done: false }
  const view = async (connection: Connection): Promise<ClientMetricsView> => ({
    clients: [],
    subscriptions: await subscriptionsOf(connection),
    export: null
  })
  return {
    'clientMetrics.list': () =>
      clients.run('clientMetrics.list', async () =>
        supported(ctx, async () => view(await telemetryConnection(ctx, checked)))
      ),
    'clientMetrics.setSubscription': ({ name, metrics, intervalMs, match }) =>
      clients.run('clientMetrics.setSubscription', async () =>
        supported(ctx, async () => {
          const connection = await telemetryConnection(ctx, checked)
          // Every config is set or, for an interval left out, deleted: the subscription is
          // what was asked, whatever it was before.
          await alter(ctx, connection, 'clientMetrics.setSubscription', name, [
            { name: 'metrics', configOperation: SET, value: metrics.join(',') },
            intervalMs === undefined
              ? { name: 'interval.ms', configOperation: DELETE }
              : { name: 'interval.ms', configOperation: SET, value: String(intervalMs) },
            { name: 'match', configOperation: SET, value: match.join(',') }
          ])
          return view(connection)
        })
      ),
    'clientMetrics.deleteSubscription': ({ name }) =>
      clients.run('clientMetrics.deleteSubscription', async () =>
        supported(ctx, async () => {
          const connection = await telemetryConnection(ctx, checked)
          await alter(
            ctx,
            connection,
            'clientMetrics.deleteSubscription',
            name,
            CONFIG_NAMES.map((c) => ({ name: c, configOperation: DELETE }))
          )
          return view(connection)
        })
      ),
    'clientMetrics.setExport': async () => {
      throw embeddedOnly(
        ctx,
        "sending pushed metrics to a collector (a Kafka cluster's brokers hand them to their ClientTelemetryReceiver plugin)"
      )
    }
  }
}
