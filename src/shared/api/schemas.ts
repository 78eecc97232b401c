// Contract area: the schema registry's subjects as the console shows them: their versions, a
// diff between two, a compatibility check that says what a change breaks, registering, the
// compatibility level and deletes.
import { z } from 'zod'
import { int } from '../schema-parts'

export const COMPATIBILITY_LEVELS = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE'
] as const
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number]

export const SCHEMA_TYPE_NAMES = ['AVRO', 'PROTOBUF', 'JSON'] as const
export type SchemaTypeName = (typeof SCHEMA_TYPE_NAMES)[number]

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\x00-\x1f]/

export const subjectName = z
  .string({ error: 'must be a subject name' })
  .min(1, { error: 'must not be empty' })
  .max(255, { error: 'must be at most 255 characters' })
  .refine((s) => !CONTROL.test(s), { error: 'must not contain control characters' })

const version = int(1, 2 ** 31 - 1)
const level = z.enum(COMPATIBILITY_LEVELS, {
  error: `must be one of ${COMPATIBILITY_LEVELS.join(', ')}`
})

const schemaInput = z
  .object({
    subject: subjectName,
    schema: z
      .string({ error: 'must be the schema text' })
      .min(1, { error: 'must not be empty' })
      .max(1_000_000, { error: 'must be at most 1,000,000 characters' }),
    schemaType: z
      .enum(SCHEMA_TYPE_NAMES, { error: `must be one of ${SCHEMA_TYPE_NAMES.join(', ')}` })
      .optional(),
    references: z
      .array(z.object({ name: z.string().min(1), subject: subjectName, version }).strict())
      .max(100)
      .optional()
  })
  .strict()

export const schemasParams = {
  /** Every subject with its type, latest version, compatibility level and the topics it names. */
  'schemas.subjects': z.object({ deleted: z.boolean().optional() }).strict(),
  /** A subject's versions, each with its schema. */
  'schemas.versions': z.object({ subject: subjectName, deleted: z.boolean().optional() }).strict(),
  /** Two versions of a subject side by side, line by line. */
  'schemas.compare': z.object({ subject: subjectName, left: version, right: version }).strict(),
  /** Whether a schema may be registered under a subject, and if not, what it breaks. */
  'schemas.check': schemaInput,
  /** Registers a schema as the subject's next version (or returns the version that has it). */
  'schemas.register': schemaInput,
  /** Sets a subject's compatibility level (null: back to the global level), or the global one. */
  'schemas.setCompatibility': z
    .object({ subject: subjectName.optional(), level: level.nullable() })
    .strict()
    .refine((p) => p.level !== null || p.subject !== undefined, {
      message: 'the global level cannot be removed, only changed',
      path: ['level']
    }),
  /**
   * Deletes a version, or the whole subject without one: softly (ids stay readable), or for
   * good with `permanent` once soft-deleted.
   */
  'schemas.delete': z
    .object({
      subject: subjectName,
      version: version.optional(),
      permanent: z.boolean().optional()
    })
    .strict()
} as const

/** A topic whose keys or values a subject names by the topic-name strategy (`<topic>-value`). */
export interface SubjectTopic {
  topic: string
  part: 'key' | 'value'
}

export interface SubjectSummary {
  subject: string
  type: SchemaTypeName
  latestVersion: number
  latestId: number
  /** Live versions (soft-deleted ones are left out). */
  versionCount: number
  /** The level in force: the subject's own or else the global one. */
  compatibility: CompatibilityLevel
  /** The subject's own level, null when the global one applies. */
  ownCompatibility: CompatibilityLevel | null
  topics: SubjectTopic[]
  /** Every version is soft-deleted (listed only with `deleted`). */
  deleted: boolean
}

export interface SchemaReferenceInfo {
  name: string
  subject: string
  version: number
}

export interface SchemaVersionInfo {
  subject: string
  version: number
  id: number
  type: SchemaTypeName
  schema: string
  references: SchemaReferenceInfo[]
  deleted: boolean
  /** A Protobuf schema's messages (full names, file order, nested after their parent). */
  messages?: string[]
}

/** One row of a side-by-side diff: a line on either side (null where the other side has none). */
export interface DiffRow {
  change: 'same' | 'removed' | 'added' | 'changed'
  left: { line: number; text: string } | null
  right: { line: number; text: string } | null
}

/** One rule a schema breaks, against one earlier version. */
export interface CompatibilityProblem {
  version: number
  /** backward: consumers on the new schema cannot read that version's data; forward: the reverse. */
  direction: 'backward' | 'forward' | 'type'
  message: string
}

export interface CompatibilityVerdict {
  compatible: boolean
  level: CompatibilityLevel
  /** The versions the level checks the schema against. */
  checkedVersions: number[]
  problems: CompatibilityProblem[]
  /** The schema is already this version of the subject: registering it changes nothing. */
  existing?: { version: number; id: number }
}

export interface SchemasResults {
  'schemas.subjects': { compatibility: CompatibilityLevel; subjects: SubjectSummary[] }
  'schemas.versions': {
    subject: string
    compatibility: CompatibilityLevel
    ownCompatibility: CompatibilityLevel | null
    topics: SubjectTopic[]
    versions: SchemaVersionInfo[]
  }
  'schemas.compare': { left: SchemaVersionInfo; right: SchemaVersionInfo; rows: DiffRow[] }
  'schemas.check': CompatibilityVerdict
  'schemas.register': { subject: string; version: number; id: number; type: SchemaTypeName }
  'schemas.setCompatibility': {
    subject?: string
    compatibility: CompatibilityLevel
    ownCompatibility: CompatibilityLevel | null
  }
  'schemas.delete': { subject: string; versions: number[]; permanent: boolean }
}
