// Failures of partition log operations, each carrying the Kafka error code a broker answers with.
import { ErrorCode, errorCodeInfo, type ErrorCodeValue } from '../../shared/kafka/error-codes'

/**
 * Raised by reads and offset operations outside the log's bounds. Validation failures of appended
 * batches are RecordBatchError (records module), which carries its own Kafka code the same way.
 */
export class LogError extends Error {
  override readonly name = 'LogError'
  readonly code: ErrorCodeValue

  constructor(code: ErrorCodeValue, message: string) {
    super(message)
    this.code = code
  }

  get kafkaName(): string {
    return errorCodeInfo(this.code).name
  }
}

export function offsetOutOfRange(
  offset: number,
  logStartOffset: number,
  logEndOffset: number
): LogError {
  return new LogError(
    ErrorCode.OFFSET_OUT_OF_RANGE,
    `offset ${offset} is outside the log's range [${logStartOffset}, ${logEndOffset}]`
  )
}
