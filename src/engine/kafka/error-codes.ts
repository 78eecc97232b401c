// Kafka's protocol error codes, by their names in the Java client, and the mapping from the
// engine's own errors.
import { EngineError, type EngineErrorReason } from '../engine-error'

export const ErrorCode = {
  UNKNOWN_SERVER_ERROR: -1,
  NONE: 0,
  OFFSET_OUT_OF_RANGE: 1,
  CORRUPT_MESSAGE: 2,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  LEADER_NOT_AVAILABLE: 5,
  NOT_LEADER_OR_FOLLOWER: 6,
  REQUEST_TIMED_OUT: 7,
  MESSAGE_TOO_LARGE: 10,
  OFFSET_METADATA_TOO_LARGE: 12,
  COORDINATOR_NOT_AVAILABLE: 15,
  NOT_COORDINATOR: 16,
  INVALID_TOPIC_EXCEPTION: 17,
  RECORD_LIST_TOO_LARGE: 18,
  NOT_ENOUGH_REPLICAS: 19,
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: 20,
  INVALID_REQUIRED_ACKS: 21,
  ILLEGAL_GENERATION: 22,
  INCONSISTENT_GROUP_PROTOCOL: 23,
  INVALID_GROUP_ID: 24,
  UNKNOWN_MEMBER_ID: 25,
  INVALID_SESSION_TIMEOUT: 26,
  REBALANCE_IN_PROGRESS: 27,
  INVALID_TIMESTAMP: 32,
  UNSUPPORTED_VERSION: 35,
  TOPIC_ALREADY_EXISTS: 36,
  INVALID_PARTITIONS: 37,
  INVALID_REPLICATION_FACTOR: 38,
  INVALID_REPLICA_ASSIGNMENT: 39,
  INVALID_CONFIG: 40,
  NOT_CONTROLLER: 41,
  INVALID_REQUEST: 42,
  POLICY_VIOLATION: 44,
  OUT_OF_ORDER_SEQUENCE_NUMBER: 45,
  DUPLICATE_SEQUENCE_NUMBER: 46,
  INVALID_PRODUCER_EPOCH: 47,
  KAFKA_STORAGE_ERROR: 56,
  UNKNOWN_PRODUCER_ID: 59,
  NON_EMPTY_GROUP: 68,
  GROUP_ID_NOT_FOUND: 69,
  FENCED_LEADER_EPOCH: 74,
  UNKNOWN_LEADER_EPOCH: 75,
  UNSUPPORTED_COMPRESSION_TYPE: 76,
  OFFSET_NOT_AVAILABLE: 78,
  MEMBER_ID_REQUIRED: 79,
  PREFERRED_LEADER_NOT_AVAILABLE: 80,
  FENCED_INSTANCE_ID: 82,
  ELIGIBLE_LEADERS_NOT_AVAILABLE: 83,
  ELECTION_NOT_NEEDED: 84,
  INVALID_RECORD: 87,
  THROTTLING_QUOTA_EXCEEDED: 89,
  UNKNOWN_TOPIC_ID: 100
} as const

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode]

/** A failure carrying a Kafka error code, for handlers to turn into per-item error codes. */
export class KafkaError extends Error {
  constructor(
    readonly code: number,
    message: string
  ) {
    super(message)
    this.name = 'KafkaError'
  }
}

/** The Kafka error code each engine error reason answers with; unlisted reasons use the fallback. */
const kafkaCodeByReason: Partial<Record<EngineErrorReason, ErrorCodeValue>> = {
  'invalid-argument': ErrorCode.INVALID_CONFIG,
  'invalid-topic-name': ErrorCode.INVALID_TOPIC_EXCEPTION,
  'invalid-config': ErrorCode.INVALID_CONFIG,
  'invalid-partitions': ErrorCode.INVALID_PARTITIONS,
  'invalid-replication-factor': ErrorCode.INVALID_REPLICATION_FACTOR,
  'topic-exists': ErrorCode.TOPIC_ALREADY_EXISTS,
  'topic-name-collision': ErrorCode.INVALID_TOPIC_EXCEPTION,
  'unknown-topic': ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  'not-found': ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  'group-not-empty': ErrorCode.NON_EMPTY_GROUP
}

/** The Kafka error code and message for an engine failure in an admin request. */
export function toKafkaError(err: unknown, fallback: number = ErrorCode.UNKNOWN_SERVER_ERROR) {
  if (err instanceof KafkaError) return { code: err.code, message: err.message }
  if (err instanceof EngineError)
    return { code: kafkaCodeByReason[err.reason] ?? fallback, message: err.message }
  return { code: fallback, message: err instanceof Error ? err.message : String(err) }
}
