// A Kafka client's failures as the contract's errors, classified by codes only: Kafka's error
// code where the cluster answered with one, the client library's error code (PLT_KFK_*) or
// Node's socket error code otherwise. Unreachable brokers name the address, authentication and
// authorization failures say so, Kafka's error codes keep their meaning.
import { ApiError, type ApiErrorCode } from '../../../shared/errors'
import { ErrorCode, type ErrorName } from '../../../shared/kafka/error-codes'

/** What @platformatic/kafka's errors carry (GenericError, MultipleErrors, ProtocolError). */
interface ClientError {
  message?: string
  /** The library's code (PLT_KFK_NETWORK ...), or Node's (ECONNREFUSED ...) on a socket error. */
  code?: string
  /** A ProtocolError's Kafka error: its code and name. */
  apiCode?: number
  apiId?: string
  /** The broker's own words for a ProtocolError (a response's error_message), when it sent any. */
  serverErrorMessage?: string | null
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

const byKafkaError: Partial<Record<ErrorName, ApiErrorCode>> = {
  TOPIC_ALREADY_EXISTS: 'CONFLICT',
  NON_EMPTY_GROUP: 'CONFLICT',
  GROUP_SUBSCRIBED_TO_TOPIC: 'CONFLICT',
  REBALANCE_IN_PROGRESS: 'CONFLICT',
  UNKNOWN_TOPIC_OR_PARTITION: 'NOT_FOUND',
  UNKNOWN_TOPIC_ID: 'NOT_FOUND',
  GROUP_ID_NOT_FOUND: 'NOT_FOUND',
  RESOURCE_NOT_FOUND: 'NOT_FOUND',
  TOPIC_AUTHORIZATION_FAILED: 'FORBIDDEN',
  GROUP_AUTHORIZATION_FAILED: 'FORBIDDEN',
  CLUSTER_AUTHORIZATION_FAILED: 'FORBIDDEN',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'FORBIDDEN',
  DELEGATION_TOKEN_AUTHORIZATION_FAILED: 'FORBIDDEN',
  SASL_AUTHENTICATION_FAILED: 'UNAUTHORIZED',
  ILLEGAL_SASL_STATE: 'UNAUTHORIZED',
  UNSUPPORTED_SASL_MECHANISM: 'UNAUTHORIZED',
  OFFSET_OUT_OF_RANGE: 'BAD_REQUEST',
  UNSUPPORTED_VERSION: 'BAD_REQUEST',
  POLICY_VIOLATION: 'BAD_REQUEST',
  INVALID_FETCH_SIZE: 'BAD_REQUEST',
  INVALID_TOPIC_EXCEPTION: 'BAD_REQUEST',
  INVALID_REQUIRED_ACKS: 'BAD_REQUEST',
  INVALID_GROUP_ID: 'BAD_REQUEST',
  INVALID_SESSION_TIMEOUT: 'BAD_REQUEST',
  INVALID_COMMIT_OFFSET_SIZE: 'BAD_REQUEST',
  INVALID_TIMESTAMP: 'BAD_REQUEST',
  INVALID_PARTITIONS: 'BAD_REQUEST',
  INVALID_REPLICATION_FACTOR: 'BAD_REQUEST',
  INVALID_REPLICA_ASSIGNMENT: 'BAD_REQUEST',
  INVALID_CONFIG: 'BAD_REQUEST',
  INVALID_REQUEST: 'BAD_REQUEST',
  INVALID_PRODUCER_EPOCH: 'BAD_REQUEST',
  INVALID_TXN_STATE: 'BAD_REQUEST',
  INVALID_PRODUCER_ID_MAPPING: 'BAD_REQUEST',
  INVALID_TRANSACTION_TIMEOUT: 'BAD_REQUEST',
  INVALID_PRINCIPAL_TYPE: 'BAD_REQUEST',
  INVALID_FETCH_SESSION_EPOCH: 'BAD_REQUEST',
  INVALID_RECORD: 'BAD_REQUEST',
  INVALID_UPDATE_VERSION: 'BAD_REQUEST',
  LEADER_NOT_AVAILABLE: 'NO_LEADER',
  NOT_LEADER_OR_FOLLOWER: 'NO_LEADER'
}
const apiCodeByKafkaCode = new Map<number, ApiErrorCode>(
  Object.entries(byKafkaError).map(([name, api]) => [ErrorCode[name as ErrorName], api])
)

/** The library's codes for a broker it cannot reach or that does not answer in time. */
const NETWORK_CODES = new Set(['PLT_KFK_NETWORK', 'PLT_KFK_TIMEOUT'])
/** Node's codes for a socket that cannot connect or was cut. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE'
])

/**
 * The ApiError for a client failure during `what` on a cluster reached at `addresses`. Errors
 * that already are ApiErrors pass through.
 */
export function kafkaApiError(err: unknown, what: string, addresses: string[]): ApiError {
  if (err instanceof ApiError) return err
  const all = flatten(err)
  const top = all[0]?.message ?? String(err)
  for (const e of all) {
    if (typeof e.apiCode !== 'number') continue
    const name = e.apiId ?? `code ${e.apiCode}`
    const said = e.serverErrorMessage || e.message
    const detail = said && said !== name ? `${name}: ${said}` : name
    const code = apiCodeByKafkaCode.get(e.apiCode)
    if (code === 'UNAUTHORIZED')
      return new ApiError(
        'UNAUTHORIZED',
        `Authentication failed at ${addresses.join(', ')} (${detail})`
      )
    if (code) return new ApiError(code, `${what}: ${detail}`)
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
  const details = [...new Set(all.map((e) => e.message).filter((m): m is string => !!m))]
  if (
    all.some((e) => e.code !== undefined && (NETWORK_CODES.has(e.code) || SOCKET_CODES.has(e.code)))
  )
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

/** The Kafka errors a cluster answered with, and where in its response (`/results/1` ...). */
export function protocolErrors(err: unknown): { code: number; path?: string }[] {
  return flatten(err).flatMap((e) => {
    if (typeof e.apiCode !== 'number') return []
    const path = (e as { path?: unknown }).path
    return [{ code: e.apiCode, ...(typeof path === 'string' ? { path } : {}) }]
  })
}
