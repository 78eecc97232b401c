// GetTelemetrySubscriptions (71) and PushTelemetry (72): client telemetry (KIP-714). The rules
// are in telemetry/client-metrics-manager.ts; here the request's client is described (client id,
// software from ApiVersions, address and port) and the answers are shaped.
//
// GetTelemetrySubscriptions Request (Version: 0) => client_instance_id
// PushTelemetry Request (Version: 0) => client_instance_id subscription_id terminating
//   compression_type metrics
import type {
  Encodable,
  GetTelemetrySubscriptionsRequest,
  GetTelemetrySubscriptionsResponse,
  PushTelemetryRequest,
  PushTelemetryResponse
} from '../protocol'
import type { TelemetryClient } from '../../telemetry/client-metrics-manager'
import type { RequestContext } from '../request-context'

function clientOf(ctx: RequestContext): TelemetryClient {
  return {
    clientId: ctx.header.clientId,
    softwareName: ctx.connection?.softwareName ?? null,
    softwareVersion: ctx.connection?.softwareVersion ?? null,
    sourceAddress: ctx.clientHost,
    sourcePort: ctx.connection?.clientPort ?? null,
    principal: `User:${ctx.user ?? 'ANONYMOUS'}`,
    connectionId: ctx.connection?.id ?? `${ctx.broker.id}-${ctx.clientHost}`,
    brokerId: ctx.broker.id
  }
}

export function handleGetTelemetrySubscriptions(
  body: GetTelemetrySubscriptionsRequest,
  ctx: RequestContext
): Encodable<GetTelemetrySubscriptionsResponse> {
  const answer = ctx.engine.getTelemetrySubscriptions(body.clientInstanceId, clientOf(ctx))
  if (answer.errorMessage) ctx.log(`broker ${ctx.broker.id}: ${answer.errorMessage}`)
  // An error answer carries nothing but its code, as Kafka's does.
  if (answer.errorCode !== 0) return { throttleTimeMs: 0, errorCode: answer.errorCode }
  return {
    throttleTimeMs: 0,
    errorCode: answer.errorCode,
    clientInstanceId: answer.clientInstanceId,
    subscriptionId: answer.subscriptionId,
    acceptedCompressionTypes: answer.acceptedCompressionTypes,
    pushIntervalMs: answer.pushIntervalMs,
    telemetryMaxBytes: answer.telemetryMaxBytes,
    deltaTemporality: answer.deltaTemporality,
    requestedMetrics: answer.requestedMetrics
  }
}

export function handlePushTelemetry(
  body: PushTelemetryRequest,
  ctx: RequestContext
): Encodable<PushTelemetryResponse> {
  const { code, message } = ctx.engine.pushTelemetry(body, clientOf(ctx))
  if (message) ctx.log(`broker ${ctx.broker.id}: ${message}`)
  return { throttleTimeMs: 0, errorCode: code }
}
