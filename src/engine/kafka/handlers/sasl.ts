// SaslHandshake (key 17) and SaslAuthenticate (key 36). On a listener without SASL both answer
// ILLEGAL_SASL_STATE, as Kafka does. A refused mechanism or a failed login is answered, logged,
// and then the connection is closed.
//
// SaslHandshake Request (Version: 1) => mechanism
// SaslAuthenticate Request (Version: 2) => auth_bytes TAG_BUFFER
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  Encodable,
  SaslAuthenticateRequest,
  SaslAuthenticateResponse,
  SaslHandshakeRequest,
  SaslHandshakeResponse
} from '../protocol'
import type { RequestContext } from '../request-context'

export function handleSaslHandshake(
  body: SaslHandshakeRequest,
  ctx: RequestContext,
  version: number
): Encodable<SaslHandshakeResponse> {
  const sasl = ctx.sasl
  if (!sasl) return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] }
  const mechanisms = [...sasl.enabledMechanisms]
  if (!sasl.handshake(body.mechanism, version)) {
    ctx.closeAfterResponse?.(
      `SASL mechanism ${body.mechanism} is not enabled (enabled: ${mechanisms.join(', ')})`
    )
    return { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms }
  }
  return { errorCode: ErrorCode.NONE, mechanisms }
}

export function handleSaslAuthenticate(
  body: SaslAuthenticateRequest,
  ctx: RequestContext
): Encodable<SaslAuthenticateResponse> {
  const sasl = ctx.sasl
  if (!sasl)
    return {
      errorCode: ErrorCode.ILLEGAL_SASL_STATE,
      errorMessage: 'This listener does not use SASL',
      authBytes: Buffer.alloc(0)
    }
  if (sasl.rawTokens) {
    ctx.closeAfterResponse?.('SaslAuthenticate after a version 0 SaslHandshake')
    return {
      errorCode: ErrorCode.ILLEGAL_SASL_STATE,
      errorMessage: 'SaslAuthenticate after a version 0 SaslHandshake',
      authBytes: Buffer.alloc(0)
    }
  }
  const outcome = sasl.authenticate(body.authBytes)
  if (!outcome.ok) {
    ctx.closeAfterResponse?.(sasl.failureLine(outcome.message))
    return {
      errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED,
      errorMessage: outcome.message,
      authBytes: Buffer.alloc(0)
    }
  }
  return {
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    authBytes: outcome.response,
    sessionLifetimeMs: outcome.done ? BigInt(sasl.sessionLifetimeMs) : 0n
  }
}
