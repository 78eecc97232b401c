// The one typed failure of the Kafka protocol codec: malformed, truncated or unsupported input.

/**
 * Why a frame could not be decoded or a message could not be encoded.
 * - TRUNCATED: the frame ends before a field does.
 * - INVALID_LENGTH: a negative, oversized or lying length or element count.
 * - INVALID_VALUE: a value the protocol does not allow (null in a non-nullable field, a varint
 *   longer than its type, a string longer than int16 on encode, a malformed UUID ...).
 * - UNSUPPORTED_API: an API key the broker does not serve.
 * - UNSUPPORTED_VERSION: a version of a served API outside the supported range.
 * - FRAME_TOO_LARGE: a size prefix above the configured maximum (socket.request.max.bytes).
 */
export type ProtocolErrorCode =
  | 'TRUNCATED'
  | 'INVALID_LENGTH'
  | 'INVALID_VALUE'
  | 'UNSUPPORTED_API'
  | 'UNSUPPORTED_VERSION'
  | 'FRAME_TOO_LARGE'

/** The request header fields known when a request is refused after its header was read. */
export interface ProtocolErrorHeader {
  requestApiKey: number
  requestApiVersion: number
  correlationId: number
  clientId: string | null
}

/**
 * Raised for every malformed, truncated or unsupported input, never a RangeError. The connection
 * layer logs it and closes that connection; for UNSUPPORTED_VERSION the parsed header is attached
 * so that an ApiVersions request can still be answered (see encodeApiVersionsUnsupported).
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError'
  readonly code: ProtocolErrorCode
  readonly header: ProtocolErrorHeader | undefined

  constructor(code: ProtocolErrorCode, message: string, header?: ProtocolErrorHeader) {
    super(message)
    this.code = code
    this.header = header
  }
}

export function truncated(what: string, need: number, remaining: number): ProtocolError {
  return new ProtocolError('TRUNCATED', `${what}: needs ${need} bytes, ${remaining} remaining`)
}

export function invalidLength(message: string): ProtocolError {
  return new ProtocolError('INVALID_LENGTH', message)
}

export function invalidValue(message: string): ProtocolError {
  return new ProtocolError('INVALID_VALUE', message)
}
