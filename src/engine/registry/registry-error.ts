// The schema registry's errors, with Confluent's error codes so that its REST edge (and every
// Confluent client) can tell them apart without reading messages.
import type { CompatibilityProblem } from '../../shared/api/schemas'

export const REGISTRY_ERRORS = {
  SUBJECT_NOT_FOUND: { code: 40401, status: 404 },
  VERSION_NOT_FOUND: { code: 40402, status: 404 },
  SCHEMA_NOT_FOUND: { code: 40403, status: 404 },
  SUBJECT_SOFT_DELETED: { code: 40404, status: 404 },
  SUBJECT_NOT_SOFT_DELETED: { code: 40405, status: 404 },
  VERSION_SOFT_DELETED: { code: 40406, status: 404 },
  VERSION_NOT_SOFT_DELETED: { code: 40407, status: 404 },
  SUBJECT_COMPATIBILITY_NOT_CONFIGURED: { code: 40408, status: 404 },
  SUBJECT_MODE_NOT_CONFIGURED: { code: 40409, status: 404 },
  INCOMPATIBLE_SCHEMA: { code: 409, status: 409 },
  INVALID_SCHEMA: { code: 42201, status: 422 },
  INVALID_VERSION: { code: 42202, status: 422 },
  INVALID_COMPATIBILITY_LEVEL: { code: 42203, status: 422 },
  INVALID_MODE: { code: 42204, status: 422 },
  OPERATION_NOT_PERMITTED: { code: 42205, status: 422 },
  REFERENCE_EXISTS: { code: 42206, status: 422 },
  STORE_ERROR: { code: 50001, status: 500 }
} as const

export type RegistryErrorName = keyof typeof REGISTRY_ERRORS

export class RegistryError extends Error {
  readonly code: number
  readonly status: number
  constructor(
    readonly reason: RegistryErrorName,
    message: string,
    /** Why a schema is incompatible, one entry per rule it breaks. */
    readonly problems: CompatibilityProblem[] = []
  ) {
    super(message)
    this.name = 'RegistryError'
    this.code = REGISTRY_ERRORS[reason].code
    this.status = REGISTRY_ERRORS[reason].status
  }
}
