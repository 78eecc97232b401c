// Typed failures of the record codec, each carrying the Kafka error code a broker answers with.

/** Kafka protocol error codes that record validation can produce. */
export const RecordErrorCode = {
  CORRUPT_MESSAGE: 2,
  MESSAGE_TOO_LARGE: 10,
  INVALID_TIMESTAMP: 32,
  UNSUPPORTED_COMPRESSION_TYPE: 76,
  INVALID_RECORD: 87
} as const

export type RecordErrorCode = (typeof RecordErrorCode)[keyof typeof RecordErrorCode]

const names = new Map<number, string>(Object.entries(RecordErrorCode).map(([k, v]) => [v, k]))

/**
 * Raised for any malformed, truncated or unsupported batch. Handlers map `code` straight into the
 * partition's error field, so callers never have to guess from a RangeError or a zlib message.
 */
export class RecordBatchError extends Error {
  override readonly name = 'RecordBatchError'
  readonly code: RecordErrorCode

  constructor(code: RecordErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }

  /** The Kafka name of the error code, e.g. `CORRUPT_MESSAGE`. */
  get kafkaName(): string {
    return names.get(this.code) ?? 'UNKNOWN'
  }
}

export function corrupt(message: string, cause?: unknown): RecordBatchError {
  return new RecordBatchError(RecordErrorCode.CORRUPT_MESSAGE, message, { cause })
}

export function invalidRecord(message: string): RecordBatchError {
  return new RecordBatchError(RecordErrorCode.INVALID_RECORD, message)
}
