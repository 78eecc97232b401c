// Turns any failure into a problem a person can act on: what went wrong and what to do.
import { CallError, type CallErrorCode } from '../api/call-error'

export interface Problem {
  code: CallErrorCode | 'CLIENT'
  message: string
  field?: string
  /** The method is not served by this cluster (yet): not a failure of the user's input. */
  unavailable: boolean
  /** What to do about it. */
  hint: string | null
  /** A headline for this kind of problem, when it has one of its own. */
  title: string | null
}

const titleByCode: Partial<Record<CallErrorCode, string>> = {
  NO_LEADER: 'The partition has no leader',
  STORAGE_FULL: 'The disk is full'
}

function hintFor(code: CallErrorCode | 'CLIENT'): string | null {
  switch (code) {
    case 'UNREACHABLE':
      return 'Start Logdeck again; the console reconnects by itself.'
    case 'UNAVAILABLE':
      return 'This cluster does not offer it yet; everything else keeps working.'
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return 'Open the UI address that `logdeck serve` printed: it carries the access token.'
    case 'NOT_FOUND':
      return 'It may have been deleted meanwhile: go back to the list and pick it again.'
    case 'CONFLICT':
    case 'NO_LEADER':
      // The message says what happened and what brings the leader back.
      return null
    case 'STORAGE_FULL':
      return 'Delete topics or records you no longer need (deletes work on a full disk), lower retention, or free space on the disk; writes resume by themselves.'
    case 'BAD_REQUEST':
      return 'Correct the value and try again.'
    case 'INTERNAL':
      return 'This is a bug in Logdeck: the server log has the details. Try again, or restart Logdeck.'
    default:
      return null
  }
}

export function toProblem(err: unknown): Problem {
  if (err instanceof CallError) {
    const unavailable = err.code === 'UNAVAILABLE'
    return {
      code: err.code,
      message: err.message,
      field: err.field,
      unavailable,
      hint: hintFor(err.code),
      title: titleByCode[err.code] ?? null
    }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'CLIENT', message, unavailable: false, hint: null, title: null }
}

/** The message without the "field: " prefix the server puts before parameter errors. */
/**
 * A problem from a Kafka cluster's own authorizer (FORBIDDEN, UNAUTHORIZED on an external
 * connection) says itself what Kafka allows: the generic hint about the console's access token
 * does not apply to it.
 */
export function toClusterProblem(err: unknown, external: boolean): Problem {
  const p = toProblem(err)
  return external && (p.code === 'FORBIDDEN' || p.code === 'UNAUTHORIZED')
    ? { ...p, hint: null }
    : p
}

export function fieldMessage(err: unknown): string {
  const p = toProblem(err)
  if (p.field && p.message.startsWith(`${p.field}: `)) return p.message.slice(p.field.length + 2)
  return p.message
}

/** A refusal's message under a config's field: prefixed with the field it names, unless it says it. */
export function configFieldMessage(err: unknown): string {
  const field = toProblem(err).field
  const msg = fieldMessage(err)
  return field && !msg.includes(field) ? `${field}: ${msg}` : msg
}
