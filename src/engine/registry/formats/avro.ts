// Avro schemas through avsc: parsing with named types from references, canonical JSON, and
// Avro's schema resolution rules (avsc's resolvers) for compatibility.
import avro from 'avsc'
import type { Dependency, ParsedSchema, SchemaFormat } from './format'

export interface AvroSchema extends ParsedSchema {
  type: 'AVRO'
  avroType: avro.Type
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    // A bare primitive name such as string is also an Avro schema.
    if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(text.trim())) return text.trim()
    throw new Error('the schema is not valid JSON')
  }
}

export function parseAvro(schema: string, deps: Dependency[]): AvroSchema {
  const registry: Record<string, avro.Type> = {}
  for (const d of deps) avro.Type.forSchema(parseJson(d.schema) as avro.Schema, { registry })
  const avroType = avro.Type.forSchema(parseJson(schema) as avro.Schema, { registry })
  return {
    type: 'AVRO',
    avroType,
    canonical: JSON.stringify(avroType.schema({ exportAttrs: true }))
  }
}

export const avroFormat: SchemaFormat<AvroSchema> = {
  parse: parseAvro,
  readProblems(reader, writer) {
    try {
      reader.avroType.createResolver(writer.avroType)
      return []
    } catch (err) {
      return [(err as Error).message]
    }
  }
}
