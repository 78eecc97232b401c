// The registry's schemas as plain data: what a decoder needs of each (its text, its references,
// where it is registered), so it can be posted to a worker that parses it there.
import type { Dependency, SchemaType } from './formats/format'

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
