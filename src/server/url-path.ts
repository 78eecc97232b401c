// Percent-decoding of a request path, where a malformed escape is the client's mistake (400).
import { ApiError } from '../shared/errors'

export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    throw new ApiError('BAD_REQUEST', `Malformed URI: '${path}' has an invalid percent-escape`)
  }
}
