// Contract methods the embedded engine does not serve yet answer 503 with what is missing.
import { ApiError } from '../../../shared/errors'

export function notAvailable(method: string, missing: string): () => Promise<never> {
  return () =>
    Promise.reject(new ApiError('UNAVAILABLE', `${method} is not available yet: ${missing}`))
}
