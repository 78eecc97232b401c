// Typed failures of the record codec, each carrying the Kafka error code a broker answers with.
import { ErrorCode, errorCodeInfo, type ErrorCodeValue } from '../../shared/kafka/error-codes'

export interface RecordError {
  batchIndex: number
  message: string
}

/**
 * Raised for any malformed, truncated or unsupported batch. Handlers map `code` straight into the
 * partition's error field, so callers never have to guess from a RangeError or a zlib message.
 */
export class RecordBatchError extends Error {
  override readonly name = 'RecordBatchError'
  readonly code: ErrorCodeValue
  /** The records at fault, by index in their batch (Produce's record_errors), when known. */
  readonly recordErrors: readonly RecordError[]

  constructor(
    code: ErrorCodeValue,
    message: string,
    options?: { cause?: unknown; recordErrors?: readonly RecordError[] }
  ) {
    super(message, options)
    this.code = code
    this.recordErrors = options?.recordErrors ?? []
  }

  /** The Kafka name of the error code, e.g. `CORRUPT_MESSAGE`. */
  get kafkaName(): string {
    return errorCodeInfo(this.code).name
  }
}

export function corrupt(message: string, cause?: unknown): RecordBatchError {
  return new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, message, { cause })
}

export function invalidRecord(message: string): RecordBatchError {
  return new RecordBatchError(ErrorCode.INVALID_RECORD, message)
}
