// Client quotas on the wire, as Kafka 2.0+ enforces them (KIP-124, KIP-219): the bytes a Produce
// request carries and a Fetch response returns count against the producer_byte_rate /
// consumer_byte_rate quota binding the client's user and client id, and the time the broker spent
// handling any request counts against its request_percentage quota. Over either, the answer goes
// out at once with throttle_time_ms (the larger of the two) and the connection reads nothing more
// for that long. A controller_mutation_rate quota's throttle comes from the topic-admin handlers
// (mutationQuota, throttleMutations) and mutes the connection the same way.
import type { Engine } from '../engine'
import type { ControllerMutationQuota } from '../quotas/mutation-quota'
import type { RequestContext } from './request-context'
import { ApiKey, type DecodedRequest, type Encodable, type FetchResponse } from './protocol'

/** Kafka's principal name for a client that did not log in. */
const ANONYMOUS = 'ANONYMOUS'

/** The login's requests are not counted against request_percentage (Kafka's network layer). */
const REQUEST_TIME_EXEMPT: ReadonlySet<number> = new Set([
  ApiKey.SaslHandshake,
  ApiKey.SaslAuthenticate
])

function producedBytes(request: DecodedRequest): number {
  if (request.apiKey !== ApiKey.Produce) return 0
  let n = 0
  for (const t of request.body.topicData)
    for (const p of t.partitionData) n += p.records?.length ?? 0
  return n
}

function fetchedBytes(response: Encodable<FetchResponse>): number {
  let n = 0
  for (const t of response.responses ?? [])
    for (const p of t.partitions ?? []) n += p.records?.length ?? 0
  return n
}

/** Percent-seconds of one handler's time: what request_percentage counts (Kafka's unit). */
const percentSeconds = (ms: number) => ms / 10

/**
 * The throttle time a request owes its client's quotas: the byte rate of a Produce or Fetch, and
 * for every request but the login's the `handlingMs` the broker spent on it.
 */
export function quotaThrottleMs(
  engine: Engine,
  request: DecodedRequest,
  response: object | null,
  user: string | null,
  now = Date.now(),
  handlingMs = 0
): number {
  // Without quotas there is nothing to count against (the bytes are not counted either).
  if (!engine.clientQuotasSet) return 0
  const clientId = request.header.clientId ?? ''
  const principal = user ?? ANONYMOUS
  let bytesMs = 0
  if (request.apiKey === ApiKey.Produce)
    bytesMs = engine.useQuota(
      'producer_byte_rate',
      principal,
      clientId,
      producedBytes(request),
      now
    )
  else if (request.apiKey === ApiKey.Fetch && response !== null)
    bytesMs = engine.useQuota(
      'consumer_byte_rate',
      principal,
      clientId,
      fetchedBytes(response as Encodable<FetchResponse>),
      now
    )
  let timeMs = 0
  if (engine.clientQuotaSet('request_percentage') && !REQUEST_TIME_EXEMPT.has(request.apiKey))
    timeMs = engine.useQuota(
      'request_percentage',
      principal,
      clientId,
      percentSeconds(handlingMs),
      now
    )
  return Math.max(bytesMs, timeMs)
}

/**
 * The controller_mutation_rate quota binding a topic-admin request's client, strict from
 * `strictSince` (the version that answers THROTTLING_QUOTA_EXCEEDED); null without one.
 */
export function mutationQuota(
  ctx: RequestContext,
  apiVersion: number,
  strictSince: number
): ControllerMutationQuota | null {
  if (!ctx.engine.clientQuotaSet('controller_mutation_rate')) return null
  return ctx.engine.controllerMutationQuota(
    ctx.user ?? ANONYMOUS,
    ctx.header.clientId ?? '',
    apiVersion >= strictSince
  )
}

/** The throttle a mutation quota puts on its answer; the connection is muted for as long. */
export function throttleMutations(
  ctx: RequestContext,
  quota: ControllerMutationQuota | null
): number {
  const ms = quota?.throttleTimeMs() ?? 0
  if (ms > 0) ctx.throttle?.(ms)
  return ms
}
