// The registry's schemas as plain data: what a decoder needs of each (its text, its references,
// where it is registered), so it can be posted to a worker that parses it there.
import type { Dependency, ParsedSchema, SchemaType } from './formats/format'

/** A subject version that holds a schema. */
export interface SubjectVersionRef {
  subject: string
  version: number
}

/** One schema as a decoder needs it: its text, what it references, and where it is registered. */
export interface CatalogEntry {
  id: number
  type: SchemaType
  schema: string
  deps: Dependency[]
  /** Every subject version holding the schema. */
  versions: SubjectVersionRef[]
}

/** What decoding and encoding need of a registry: the built-in one or one reached over REST. */
export interface TypedSchemaSource {
  /** The schema's type and every subject version holding it (soft-deleted ones too). */
  describeSchema(id: number): Promise<{ type: SchemaType; versions: SubjectVersionRef[] }>
  /** The parsed schema of an id, its references resolved. */
  parsedById(id: number): Promise<ParsedSchema>
  /** The id of a subject's version ('latest' or a number), and that version's number. */
  subjectVersion(subject: string, version: string | number): Promise<{ id: number; version: number }>
}
