// What the embedded and external backends' schemas areas share: the topics a subject names, and
// the registry's errors as the contract's, each naming the param it is about.
import type { SchemaVersionInfo, SubjectTopic } from '../../shared/api/schemas'
import type { ParsedSchema } from '../registry/formats/format'
import type { ProtobufSchema } from '../registry/formats/protobuf'
import type { SubjectVersion } from '../registry/registry'
import { ApiError } from '../../shared/errors'
import { RegistryError } from '../registry/registry-error'
import { describeProblem } from '../registry/compatibility'

/** The topics a subject names by the topic-name strategy: `<topic>-key` and `<topic>-value`. */
/** A registry version as the schema views show it, soft-deleted or not. */
export function versionInfo(v: SubjectVersion, deleted: boolean): SchemaVersionInfo {
  return {
    subject: v.subject,
    version: v.version,
    id: v.id,
    type: v.schemaType,
    schema: v.schema,
    references: v.references,
    deleted
  }
}

export function subjectTopics(subject: string, topics: Set<string>): SubjectTopic[] {
  const m = /^(.+)-(key|value)$/.exec(subject)
  return m && topics.has(m[1]) ? [{ topic: m[1], part: m[2] as 'key' | 'value' }] : []
}

/** The contract's error for a registry error, naming the param it is about. */
function apiError(err: unknown): unknown {
  if (!(err instanceof RegistryError)) return err
  switch (err.reason) {
    case 'SUBJECT_NOT_FOUND':
      return new ApiError('NOT_FOUND', err.message, 'subject')
    case 'VERSION_NOT_FOUND':
    case 'SCHEMA_NOT_FOUND':
      return new ApiError('NOT_FOUND', err.message, 'version')
    case 'INCOMPATIBLE_SCHEMA':
      return new ApiError(
        'CONFLICT',
        `This change breaks consumers: ${err.problems.length > 0 ? err.problems.map(describeProblem).join('; ') : err.message}`,
        'schema'
      )
    case 'INVALID_SCHEMA':
      return new ApiError('BAD_REQUEST', err.message, 'schema')
    case 'INVALID_VERSION':
      return new ApiError('BAD_REQUEST', err.message, 'version')
    case 'REFERENCE_EXISTS':
    case 'SUBJECT_SOFT_DELETED':
    case 'SUBJECT_NOT_SOFT_DELETED':
    case 'VERSION_SOFT_DELETED':
    case 'VERSION_NOT_SOFT_DELETED':
    case 'OPERATION_NOT_PERMITTED':
      return new ApiError('CONFLICT', err.message)
    default:
      return new ApiError('BAD_REQUEST', err.message)
  }
}

export async function translated<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    throw apiError(err)
  }
}

/** Protobuf versions with the messages a record can be encoded as (what the produce dialog offers). */
export async function withMessages(
  versions: SchemaVersionInfo[],
  parsedById: (id: number) => Promise<ParsedSchema>
): Promise<SchemaVersionInfo[]> {
  if (!versions.some((v) => v.type === 'PROTOBUF')) return versions
  const { protobufMessages } = await import('../registry/formats/protobuf')
  return Promise.all(
    versions.map(async (v) => {
      if (v.type !== 'PROTOBUF') return v
      try {
        const parsed = (await parsedById(v.id)) as ProtobufSchema
        return { ...v, messages: protobufMessages(parsed).map((m) => m.name) }
      } catch {
        return v
      }
    })
  )
}
