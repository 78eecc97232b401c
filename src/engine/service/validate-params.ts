// Checks a method's params against its schema, turning the first problem into an ApiError
// that names the field.
import type { z } from 'zod'
import { ApiError } from '../../shared/errors'
import { paramSchemas } from '../../shared/schemas'
import type { MethodName } from '../../shared/methods'
import type { Params } from '../../shared/contract'
import { connectionId, EMBEDDED_CONNECTION } from '../../shared/api/connections'

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(paramSchemas, name)
}

export function validateParams<M extends MethodName>(method: M, input: unknown): Params<M> {
  const schema = paramSchemas[method] as z.ZodType
  const parsed = schema.safeParse(input ?? {})
  if (parsed.success) return parsed.data as Params<M>
  const issue = parsed.error.issues[0]
  const field = issue.path.map(String).join('.')
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown field ${issue.keys.map((k) => `'${k}'`).join(', ')}`
      : issue.message
  const where = field || (issue.code === 'unrecognized_keys' ? issue.keys[0] : '')
  throw new ApiError(
    'BAD_REQUEST',
    where ? `${where}: ${message}` : `params: ${message}`,
    where || undefined
  )
}

/**
 * Takes the connection a call names out of its params (default: the embedded cluster), leaving
 * what the method's own schema checks. connections.* methods have none.
 */
export function takeConnection(
  method: MethodName,
  input: unknown
): { connection: string; params: unknown } {
  if (method.startsWith('connections.') || typeof input !== 'object' || input === null)
    return { connection: EMBEDDED_CONNECTION, params: input }
  const { connection, ...params } = input as Record<string, unknown>
  if (connection === undefined) return { connection: EMBEDDED_CONNECTION, params }
  const parsed = connectionId.safeParse(connection)
  if (!parsed.success)
    throw new ApiError('BAD_REQUEST', `connection: ${parsed.error.issues[0].message}`, 'connection')
  return { connection: parsed.data, params }
}
