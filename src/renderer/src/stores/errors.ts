// Turns any failure into a message a person can act on.
import { ApiError } from '../../../shared/errors'

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message
  if (err instanceof Error) return err.message
  return String(err)
}

export function errorField(err: unknown): string | undefined {
  return err instanceof ApiError ? err.field : undefined
}
