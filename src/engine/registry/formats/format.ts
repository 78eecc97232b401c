// What the registry needs of a schema format: parse (with its references), a canonical form that
// makes identical schemas share an id, and the rules of reading one schema's data with another.

export type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON'
export const SCHEMA_TYPES: readonly SchemaType[] = ['JSON', 'PROTOBUF', 'AVRO']

/** A referenced schema, as the referencing one names it (an Avro full name, a .proto path, a URL). */
export interface Dependency {
  name: string
  schema: string
}

export interface ParsedSchema {
  type: SchemaType
  /** The text identical schemas share. */
  canonical: string
}

export interface SchemaFormat<P extends ParsedSchema = ParsedSchema> {
  /** Throws an Error whose message says what is wrong. `deps` come deepest first. */
  parse(schema: string, deps: Dependency[]): P
  /** Why data written with `writer` cannot be read with `reader`; empty when it can. */
  readProblems(reader: P, writer: P): string[]
}
