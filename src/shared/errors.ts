// The error shape every transport returns: {error: {code, message, field?}}, plus the HTTP
// status each code maps to.

export type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** The request body is larger than the server accepts. */
  | 'PAYLOAD_TOO_LARGE'
  | 'UNKNOWN_METHOD'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  /** The partition has no leader (its replicas' brokers are stopped): nothing can be written. */
  | 'NO_LEADER'
  /** The data directory's disk is full: the change was refused, nothing of it was made. */
  | 'STORAGE_FULL'

export interface ApiErrorBody {
  code: ApiErrorCode
  message: string
  field?: string
}

const statusByCode: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNKNOWN_METHOD: 404,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  NO_LEADER: 503,
  STORAGE_FULL: 507
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string
  ) {
    super(message)
    this.name = 'ApiError'
  }

  get status(): number {
    return statusByCode[this.code]
  }

  toJSON(): ApiErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }

}

export function isApiErrorBody(v: unknown): v is ApiErrorBody {
  if (typeof v !== 'object' || v === null) return false
  const o = v as Record<string, unknown>
  return typeof o.code === 'string' && typeof o.message === 'string'
}
