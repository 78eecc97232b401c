// Kafka's protocol error codes: one table of code, name (as the Java client spells it) and
// whether a client retries on it (the Java client's RetriableException and its subclasses).

const table = {
  UNKNOWN_SERVER_ERROR: { code: -1, retriable: false },
  NONE: { code: 0, retriable: false },
  OFFSET_OUT_OF_RANGE: { code: 1, retriable: false },
  CORRUPT_MESSAGE: { code: 2, retriable: true },
  UNKNOWN_TOPIC_OR_PARTITION: { code: 3, retriable: true },
  INVALID_FETCH_SIZE: { code: 4, retriable: false },
  LEADER_NOT_AVAILABLE: { code: 5, retriable: true },
  NOT_LEADER_OR_FOLLOWER: { code: 6, retriable: true },
  REQUEST_TIMED_OUT: { code: 7, retriable: true },
  REPLICA_NOT_AVAILABLE: { code: 9, retriable: true },
  MESSAGE_TOO_LARGE: { code: 10, retriable: false },
  OFFSET_METADATA_TOO_LARGE: { code: 12, retriable: false },
  COORDINATOR_LOAD_IN_PROGRESS: { code: 14, retriable: true },
  COORDINATOR_NOT_AVAILABLE: { code: 15, retriable: true },
  NOT_COORDINATOR: { code: 16, retriable: true },
  INVALID_TOPIC_EXCEPTION: { code: 17, retriable: false },
  RECORD_LIST_TOO_LARGE: { code: 18, retriable: false },
  NOT_ENOUGH_REPLICAS: { code: 19, retriable: true },
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: { code: 20, retriable: true },
  INVALID_REQUIRED_ACKS: { code: 21, retriable: false },
  ILLEGAL_GENERATION: { code: 22, retriable: false },
  INCONSISTENT_GROUP_PROTOCOL: { code: 23, retriable: false },
  INVALID_GROUP_ID: { code: 24, retriable: false },
  UNKNOWN_MEMBER_ID: { code: 25, retriable: false },
  INVALID_SESSION_TIMEOUT: { code: 26, retriable: false },
  REBALANCE_IN_PROGRESS: { code: 27, retriable: false },
  INVALID_COMMIT_OFFSET_SIZE: { code: 28, retriable: false },
  TOPIC_AUTHORIZATION_FAILED: { code: 29, retriable: false },
  GROUP_AUTHORIZATION_FAILED: { code: 30, retriable: false },
  CLUSTER_AUTHORIZATION_FAILED: { code: 31, retriable: false },
  INVALID_TIMESTAMP: { code: 32, retriable: false },
  UNSUPPORTED_SASL_MECHANISM: { code: 33, retriable: false },
  ILLEGAL_SASL_STATE: { code: 34, retriable: false },
  UNSUPPORTED_VERSION: { code: 35, retriable: false },
  TOPIC_ALREADY_EXISTS: { code: 36, retriable: false },
  INVALID_PARTITIONS: { code: 37, retriable: false },
  INVALID_REPLICATION_FACTOR: { code: 38, retriable: false },
  INVALID_REPLICA_ASSIGNMENT: { code: 39, retriable: false },
  INVALID_CONFIG: { code: 40, retriable: false },
  NOT_CONTROLLER: { code: 41, retriable: true },
  INVALID_REQUEST: { code: 42, retriable: false },
  POLICY_VIOLATION: { code: 44, retriable: false },
  OUT_OF_ORDER_SEQUENCE_NUMBER: { code: 45, retriable: false },
  DUPLICATE_SEQUENCE_NUMBER: { code: 46, retriable: false },
  INVALID_PRODUCER_EPOCH: { code: 47, retriable: false },
  INVALID_TXN_STATE: { code: 48, retriable: false },
  INVALID_PRODUCER_ID_MAPPING: { code: 49, retriable: false },
  INVALID_TRANSACTION_TIMEOUT: { code: 50, retriable: false },
  CONCURRENT_TRANSACTIONS: { code: 51, retriable: true },
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: { code: 53, retriable: false },
  SECURITY_DISABLED: { code: 54, retriable: false },
  OPERATION_NOT_ATTEMPTED: { code: 55, retriable: false },
  KAFKA_STORAGE_ERROR: { code: 56, retriable: true },
  LOG_DIR_NOT_FOUND: { code: 57, retriable: false },
  SASL_AUTHENTICATION_FAILED: { code: 58, retriable: false },
  UNKNOWN_PRODUCER_ID: { code: 59, retriable: false },
  DELEGATION_TOKEN_AUTH_DISABLED: { code: 61, retriable: false },
  DELEGATION_TOKEN_NOT_FOUND: { code: 62, retriable: false },
  DELEGATION_TOKEN_OWNER_MISMATCH: { code: 63, retriable: false },
  DELEGATION_TOKEN_REQUEST_NOT_ALLOWED: { code: 64, retriable: false },
  DELEGATION_TOKEN_AUTHORIZATION_FAILED: { code: 65, retriable: false },
  DELEGATION_TOKEN_EXPIRED: { code: 66, retriable: false },
  INVALID_PRINCIPAL_TYPE: { code: 67, retriable: false },
  NON_EMPTY_GROUP: { code: 68, retriable: false },
  GROUP_ID_NOT_FOUND: { code: 69, retriable: false },
  FETCH_SESSION_ID_NOT_FOUND: { code: 70, retriable: true },
  INVALID_FETCH_SESSION_EPOCH: { code: 71, retriable: true },
  FENCED_LEADER_EPOCH: { code: 74, retriable: true },
  UNKNOWN_LEADER_EPOCH: { code: 75, retriable: true },
  UNSUPPORTED_COMPRESSION_TYPE: { code: 76, retriable: false },
  OFFSET_NOT_AVAILABLE: { code: 78, retriable: true },
  MEMBER_ID_REQUIRED: { code: 79, retriable: false },
  PREFERRED_LEADER_NOT_AVAILABLE: { code: 80, retriable: true },
  GROUP_MAX_SIZE_REACHED: { code: 81, retriable: false },
  FENCED_INSTANCE_ID: { code: 82, retriable: false },
  ELIGIBLE_LEADERS_NOT_AVAILABLE: { code: 83, retriable: true },
  ELECTION_NOT_NEEDED: { code: 84, retriable: true },
  NO_REASSIGNMENT_IN_PROGRESS: { code: 85, retriable: false },
  GROUP_SUBSCRIBED_TO_TOPIC: { code: 86, retriable: false },
  INVALID_RECORD: { code: 87, retriable: false },
  UNSTABLE_OFFSET_COMMIT: { code: 88, retriable: true },
  THROTTLING_QUOTA_EXCEEDED: { code: 89, retriable: true },
  PRODUCER_FENCED: { code: 90, retriable: false },
  RESOURCE_NOT_FOUND: { code: 91, retriable: false },
  DUPLICATE_RESOURCE: { code: 92, retriable: false },
  UNACCEPTABLE_CREDENTIAL: { code: 93, retriable: false },
  INVALID_UPDATE_VERSION: { code: 95, retriable: false },
  UNKNOWN_TOPIC_ID: { code: 100, retriable: true },
  TRANSACTIONAL_ID_NOT_FOUND: { code: 105, retriable: false },
  FETCH_SESSION_TOPIC_ID_ERROR: { code: 106, retriable: true },
  FENCED_MEMBER_EPOCH: { code: 110, retriable: false },
  UNRELEASED_INSTANCE_ID: { code: 111, retriable: false },
  UNSUPPORTED_ASSIGNOR: { code: 112, retriable: false },
  STALE_MEMBER_EPOCH: { code: 113, retriable: false },
  UNKNOWN_SUBSCRIPTION_ID: { code: 117, retriable: false },
  TELEMETRY_TOO_LARGE: { code: 118, retriable: false },
  TRANSACTION_ABORTABLE: { code: 120, retriable: false },
  INVALID_RECORD_STATE: { code: 121, retriable: false },
  SHARE_SESSION_NOT_FOUND: { code: 122, retriable: true },
  INVALID_SHARE_SESSION_EPOCH: { code: 123, retriable: true },
  INVALID_REGULAR_EXPRESSION: { code: 128, retriable: false },
  SHARE_SESSION_LIMIT_REACHED: { code: 133, retriable: true }
} as const

export type ErrorName = keyof typeof table

/** Every error's name, in code order. */
export const errorNames = Object.keys(table) as ErrorName[]

/** Each error's code by its name: `ErrorCode.NOT_COORDINATOR` is 16. */
export const ErrorCode = Object.fromEntries(
  Object.entries(table).map(([name, { code }]) => [name, code])
) as { readonly [N in ErrorName]: (typeof table)[N]['code'] }

export type ErrorCodeValue = (typeof ErrorCode)[ErrorName]

const byCode = new Map<number, { name: ErrorName; retriable: boolean }>(
  Object.entries(table).map(([name, { code, retriable }]) => [
    code,
    { name: name as ErrorName, retriable }
  ])
)

/**
 * An error code's name and whether clients retry on it: { name: 'NOT_COORDINATOR', retriable:
 * true } for 16; name 'UNKNOWN' (not retriable) for a code not listed.
 */
export function errorCodeInfo(code: number): { name: ErrorName | 'UNKNOWN'; retriable: boolean } {
  return byCode.get(code) ?? { name: 'UNKNOWN', retriable: false }
}
