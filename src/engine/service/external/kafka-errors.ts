// A Kafka client's failures as the contract's errors: unreachable brokers name the address,
// authentication and authorization failures say so, Kafka's error codes keep their meaning.
import { ApiError, type ApiErrorCode } from '../../../shared/errors'

interface ClientError {
  message?: string
  code?: string
  apiId?: string
  errors?: unknown[]
  cause?: unknown
}

/** Every error inside `err`: aggregated errors and causes, depth first. */
function flatten(err: unknown, out: ClientError[] = [], depth = 0): ClientError[] {
  if (typeof err !== 'object' || err === null || depth > 6) return out
  const e = err as ClientError
  out.push(e)
  for (const inner of e.errors ?? []) flatten(inner, out, depth + 1)
  if (e.cause) flatten(e.cause, out, depth + 1)
  return out
}

const codeByApiId: [RegExp, ApiErrorCode][] = [
  [
    /^(TOPIC_ALREADY_EXISTS|NON_EMPTY_GROUP|GROUP_SUBSCRIBED_TO_TOPIC|REBALANCE_IN_PROGRESS)$/,
    'CONFLICT'
  ],
  [
    /^(UNKNOWN_TOPIC_OR_PARTITION|UNKNOWN_TOPIC_ID|GROUP_ID_NOT_FOUND|RESOURCE_NOT_FOUND)$/,
    'NOT_FOUND'
  ],
  [/_AUTHORIZATION_FAILED$/, 'FORBIDDEN'],
  [/^(SASL_AUTHENTICATION_FAILED|ILLEGAL_SASL_STATE|UNSUPPORTED_SASL_MECHANISM)$/, 'UNAUTHORIZED'],
  [/^(INVALID_|POLICY_VIOLATION|UNSUPPORTED_VERSION|OFFSET_OUT_OF_RANGE)/, 'BAD_REQUEST'],
  [/^(LEADER_NOT_AVAILABLE|NOT_LEADER_OR_FOLLOWER)$/, 'NO_LEADER']
]

/**
 * The ApiError for a client failure during `what` on a cluster reached at `addresses`. Errors
 * that already are ApiErrors pass through.
 */
export function kafkaApiError(err: unknown, what: string, addresses: string[]): ApiError {
  if (err instanceof ApiError) return err
  const all = flatten(err)
  const top = all[0]?.message ?? String(err)
  for (const e of all) {
    if (!e.apiId) continue
    const hit = codeByApiId.find(([re]) => re.test(e.apiId!))
    const detail = e.message && e.message !== e.apiId ? `${e.apiId}: ${e.message}` : e.apiId
    if (hit?.[1] === 'UNAUTHORIZED')
      return new ApiError(
        'UNAUTHORIZED',
        `Authentication failed at ${addresses.join(', ')} (${detail})`
      )
    if (hit) return new ApiError(hit[1], `${what}: ${detail}`)
    return new ApiError('UNAVAILABLE', `${what}: Kafka error ${detail}`)
  }
  const unsupported = all.find((e) => e.code === 'PLT_KFK_UNSUPPORTED_API')
  if (unsupported)
    return new ApiError(
      'BAD_REQUEST',
      `${what}: the cluster does not offer this Kafka API (${unsupported.message ?? 'unsupported'})`
    )
  if (all.some((e) => e.code === 'PLT_KFK_AUTHENTICATION'))
    return new ApiError('UNAUTHORIZED', `Authentication failed at ${addresses.join(', ')}: ${top}`)
  const network = all.some((e) => e.code === 'PLT_KFK_NETWORK' || e.code === 'PLT_KFK_TIMEOUT')
  const details = [...new Set(all.map((e) => e.message).filter((m): m is string => !!m))]
  if (network || /connect|closed|timed? ?out|ECONNREFUSED|ENOTFOUND/i.test(details.join(' ')))
    return new ApiError(
      'UNAVAILABLE',
      `Cannot reach the cluster at ${addresses.join(', ')}: ${details.join('; ')}`
    )
  return new ApiError('INTERNAL', `${what} failed: ${details.join('; ') || top}`)
}

/** Whether the cluster lacks the API a request needed (e.g. librdkafka's mock cluster). */
export function isUnsupportedApi(err: unknown): boolean {
  return flatten(err).some((e) => e.code === 'PLT_KFK_UNSUPPORTED_API')
}
