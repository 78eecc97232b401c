// Client quotas on the wire, as Kafka 2.0+ enforces them (KIP-219): the bytes a Produce request
// carries and a Fetch response returns count against the producer_byte_rate / consumer_byte_rate
// quota binding the client's user and client id; over it, the answer goes out at once with
// throttle_time_ms and the connection reads nothing more for that long.
import type { Engine } from '../engine'
import { ApiKey, type DecodedRequest, type Encodable, type FetchResponse } from './protocol'

/** Kafka's principal name for a client that did not log in. */
const ANONYMOUS = 'ANONYMOUS'

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

/** The throttle time a Produce or Fetch owes its client's quota (0 for other APIs). */
export function quotaThrottleMs(
  engine: Engine,
  request: DecodedRequest,
  response: object | null,
  user: string | null,
  now = Date.now()
): number {
  // Without quotas there is nothing to count against (the bytes are not counted either).
  if (!engine.clientQuotasSet) return 0
  const clientId = request.header.clientId ?? ''
  if (request.apiKey === ApiKey.Produce)
    return engine.useQuota(
      'producer_byte_rate',
      user ?? ANONYMOUS,
      clientId,
      producedBytes(request),
      now
    )
  if (request.apiKey === ApiKey.Fetch && response !== null)
    return engine.useQuota(
      'consumer_byte_rate',
      user ?? ANONYMOUS,
      clientId,
      fetchedBytes(response as Encodable<FetchResponse>),
      now
    )
  return 0
}
