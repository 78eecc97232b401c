// The contract's error for an engine failure: each reason's API code, the message and field kept.
import { ApiError, type ApiErrorCode } from '../../shared/errors'
import { EngineError, type EngineErrorReason } from '../engine-error'
import { isDiskFull } from '../storage/disk-full'

const apiCodeByReason: Record<EngineErrorReason, ApiErrorCode> = {
  'invalid-argument': 'BAD_REQUEST',
  'invalid-topic-name': 'BAD_REQUEST',
  'invalid-config': 'BAD_REQUEST',
  'invalid-request': 'BAD_REQUEST',
  'read-only-config': 'BAD_REQUEST',
  'invalid-partitions': 'BAD_REQUEST',
  'invalid-replication-factor': 'BAD_REQUEST',
  'invalid-replica-assignment': 'BAD_REQUEST',
  'topic-exists': 'CONFLICT',
  'internal-topic': 'BAD_REQUEST',
  'topic-name-collision': 'CONFLICT',
  'unknown-topic': 'NOT_FOUND',
  'not-found': 'NOT_FOUND',
  'group-not-empty': 'CONFLICT',
  unavailable: 'UNAVAILABLE',
  'storage-full': 'STORAGE_FULL',
  'no-reassignment': 'CONFLICT',
  'invalid-feature-update': 'BAD_REQUEST'
}

export function apiErrorFromEngine(err: EngineError): ApiError {
  return new ApiError(apiCodeByReason[err.reason], err.message, err.field)
}

/** The ApiError for any failure of a method: engine errors translated, others kept or INTERNAL. */
export function toApiError(err: unknown, method: string): ApiError {
  if (err instanceof ApiError) return err
  if (err instanceof EngineError) return apiErrorFromEngine(err)
  if (isDiskFull(err))
    return new ApiError(
      'STORAGE_FULL',
      `${method} failed: the disk is full. Delete topics or records to free space (deletes work while it is full)`
    )
  const message = err instanceof Error ? err.message : String(err)
  return new ApiError('INTERNAL', `${method} failed: ${message}`)
}
