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

function canRead(reader: avro.Type, writer: avro.Type): boolean {
  try {
    reader.createResolver(writer)
    return true
  } catch {
    return false
  }
}

/** A type as a person reads it: its name, its primitive, or its schema (shortened). */
function typeName(t: avro.Type): string {
  if (t.name) return t.name
  const schema = t.schema()
  const text = typeof schema === 'string' ? schema : JSON.stringify(schema)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/**
 * Why `reader` cannot read `writer`'s data, field by field where both are records (what avsc's
 * resolver says names the types only); `path` is the field path so far.
 */
function explain(reader: avro.Type, writer: avro.Type, path: string, out: string[]): void {
  const where = path ? `field \`${path}\`` : 'the schema'
  if (reader instanceof avro.types.RecordType && writer instanceof avro.types.RecordType) {
    const before = out.length
    for (const rf of reader.fields) {
      const names = [rf.name, ...rf.aliases]
      const wf = writer.fields.find((f) => names.includes(f.name))
      const at = path ? `${path}.${rf.name}` : rf.name
      if (!wf) {
        if (rf.defaultValue() === undefined) out.push(`field \`${at}\` added without a default`)
      } else if (!canRead(rf.type, wf.type)) explain(rf.type, wf.type, at, out)
    }
    if (out.length === before && !canRead(reader, writer))
      out.push(`${where}: record ${typeName(writer)} cannot be read as ${typeName(reader)}`)
    return
  }
  if (reader instanceof avro.types.EnumType && writer instanceof avro.types.EnumType) {
    const missing = writer.symbols.filter((s) => !reader.symbols.includes(s))
    // avsc keeps an enum's default (what unknown symbols read as) but does not type it.
    const fallback = (reader as unknown as { default?: string }).default
    if (missing.length && fallback === undefined) {
      out.push(`${where}: enum symbols ${missing.join(', ')} removed`)
      return
    }
  }
  out.push(`${where} changed type from ${typeName(writer)} to ${typeName(reader)}`)
}

export const avroFormat: SchemaFormat<AvroSchema> = {
  parse: parseAvro,
  readProblems(reader, writer) {
    if (canRead(reader.avroType, writer.avroType)) return []
    const out: string[] = []
    explain(reader.avroType, writer.avroType, '', out)
    return out
  }
}
