// The Kafka edge of the engine's errors: the error code each EngineError reason answers with.
// The codes themselves are in src/shared/kafka/error-codes.ts.
import { ErrorCode, type ErrorCodeValue } from '../../shared/kafka/error-codes'
import { isDiskFull } from '../storage/disk-full'
import { EngineError, type EngineErrorReason } from '../engine-error'

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
  'invalid-request': ErrorCode.INVALID_REQUEST,
  'read-only-config': ErrorCode.INVALID_REQUEST,
  'invalid-partitions': ErrorCode.INVALID_PARTITIONS,
  'invalid-replication-factor': ErrorCode.INVALID_REPLICATION_FACTOR,
  'invalid-replica-assignment': ErrorCode.INVALID_REPLICA_ASSIGNMENT,
  'topic-exists': ErrorCode.TOPIC_ALREADY_EXISTS,
  'internal-topic': ErrorCode.INVALID_TOPIC_EXCEPTION,
  'topic-name-collision': ErrorCode.INVALID_TOPIC_EXCEPTION,
  'unknown-topic': ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  'not-found': ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  'group-not-empty': ErrorCode.NON_EMPTY_GROUP,
  'storage-full': ErrorCode.KAFKA_STORAGE_ERROR,
  'no-reassignment': ErrorCode.NO_REASSIGNMENT_IN_PROGRESS,
  'invalid-feature-update': ErrorCode.INVALID_UPDATE_VERSION
}

/** The Kafka error code and message for an engine failure in an admin request. */
export function toKafkaError(err: unknown, fallback: number = ErrorCode.UNKNOWN_SERVER_ERROR) {
  if (err instanceof KafkaError) return { code: err.code, message: err.message }
  if (isDiskFull(err)) return { code: ErrorCode.KAFKA_STORAGE_ERROR, message: 'The disk is full' }
  if (err instanceof EngineError)
    return { code: kafkaCodeByReason[err.reason] ?? fallback, message: err.message }
  return { code: fallback, message: err instanceof Error ? err.message : String(err) }
}
