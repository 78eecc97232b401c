// Why a contract call failed, as the renderer holds it: the error code, message and field the
// cluster answered with, or UNREACHABLE when no answer came at all. The console decides what to
// show by the code, never by the message.
import type { ApiErrorBody, ApiErrorCode } from '../../../shared/errors'

export type CallErrorCode =
  | ApiErrorCode
  /** No answer: the server is not running or the network is down (only the transport sets it). */
  | 'UNREACHABLE'

export class CallError extends Error {
  constructor(
    readonly code: CallErrorCode,
    message: string,
    readonly field?: string
  ) {
    super(message)
    this.name = 'CallError'
  }

  /** The failure the cluster answered with. */
  static answered(body: ApiErrorBody): CallError {
    return new CallError(body.code, body.message, body.field)
  }
}
