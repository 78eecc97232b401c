// Failures of partition log operations, each carrying the Kafka error code a broker answers with.

export const LogErrorCode = {
  OFFSET_OUT_OF_RANGE: 1
} as const

export type LogErrorCode = (typeof LogErrorCode)[keyof typeof LogErrorCode]

const names = new Map<number, string>(Object.entries(LogErrorCode).map(([k, v]) => [v, k]))

/**
 * Raised by reads and offset operations outside the log's bounds. Validation failures of appended
 * batches are RecordBatchError (records module), which carries its own Kafka code the same way.
 */
export class LogError extends Error {
  override readonly name = 'LogError'
  readonly code: LogErrorCode

  constructor(code: LogErrorCode, message: string) {
    super(message)
    this.code = code
  }

  get kafkaName(): string {
    return names.get(this.code) ?? 'UNKNOWN'
  }
}

export function offsetOutOfRange(
  offset: number,
  logStartOffset: number,
  logEndOffset: number
): LogError {
  return new LogError(
    LogErrorCode.OFFSET_OUT_OF_RANGE,
    `offset ${offset} is outside the log's range [${logStartOffset}, ${logEndOffset}]`
  )
}
