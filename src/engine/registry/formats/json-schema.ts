// JSON Schema through ajv (drafts 7 and 2020-12): ajv compiles a schema to check it, and a
// structural comparison finds what a reader schema would refuse of a writer's data.
import Ajv, { type AnySchema } from 'ajv'
import type { Dependency, ParsedSchema, SchemaFormat } from './format'

type Node = Record<string, unknown> | boolean

export interface JsonSchema extends ParsedSchema {
  type: 'JSON'
  root: Node
  validate: (value: unknown) => string[]
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])
    )
  return v
}

export function parseJsonSchema(schema: string, deps: Dependency[]): JsonSchema {
  let root: unknown
  try {
    root = JSON.parse(schema)
  } catch {
    throw new Error('the schema is not valid JSON')
  }
  if (
    typeof root !== 'boolean' &&
    (typeof root !== 'object' || root === null || Array.isArray(root))
  )
    throw new Error('a JSON schema is an object or a boolean')
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
  for (const d of deps) {
    const dep = JSON.parse(d.schema) as Record<string, unknown>
    ajv.addSchema(dep as AnySchema, d.name)
  }
  const check = ajv.compile(root as AnySchema)
  return {
    type: 'JSON',
    root: root as Node,
    canonical: JSON.stringify(sortKeys(root)),
    validate: (value) =>
      check(value)
        ? []
        : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
  }
}

function types(n: Record<string, unknown>): Set<string> | null {
  const t = n.type
  if (t === undefined) return null
  return new Set(Array.isArray(t) ? (t as string[]) : [t as string])
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {}
}

/** What `reader` refuses of values `writer` accepts, at `path`. */
function compare(reader: Node, writer: Node, path: string, out: string[]): void {
  if (reader === true || writer === false) return
  if (reader === false) {
    out.push(`${path}: the reader accepts nothing`)
    return
  }
  if (writer === true) writer = {}
  const rt = types(reader)
  const wt = types(writer)
  if (rt) {
    if (!wt) out.push(`${path}: type narrowed to ${[...rt].join(', ')}`)
    else
      for (const t of wt)
        if (!rt.has(t) && !(t === 'integer' && rt.has('number')))
          out.push(`${path}: type changed from ${[...wt].join(', ')} to ${[...rt].join(', ')}`)
  }
  if (Array.isArray(reader.enum)) {
    const allowed = new Set(reader.enum.map((v) => JSON.stringify(v)))
    const written = Array.isArray(writer.enum) ? writer.enum : null
    if (!written) out.push(`${path}: enum added`)
    else
      for (const v of written)
        if (!allowed.has(JSON.stringify(v)))
          out.push(`${path}: enum value ${JSON.stringify(v)} removed`)
  }
  const rProps = obj(reader.properties)
  const wProps = obj(writer.properties)
  const wRequired = new Set(Array.isArray(writer.required) ? (writer.required as string[]) : [])
  for (const name of Array.isArray(reader.required) ? (reader.required as string[]) : [])
    if (!wRequired.has(name)) out.push(`${path}: required property '${name}' added`)
  for (const [name, r] of Object.entries(rProps)) {
    if (name in wProps) compare(r as Node, wProps[name] as Node, `${path}/properties/${name}`, out)
  }
  if (reader.additionalProperties === false)
    for (const name of Object.keys(wProps))
      if (!(name in rProps))
        out.push(`${path}: property '${name}' removed from a closed content model`)
  if (reader.items !== undefined && writer.items !== undefined)
    compare(reader.items as Node, writer.items as Node, `${path}/items`, out)
  for (const key of ['maxLength', 'maxItems', 'maximum', 'maxProperties'] as const)
    if (
      typeof reader[key] === 'number' &&
      !(typeof writer[key] === 'number' && writer[key] <= reader[key])
    )
      out.push(`${path}: ${key} added or decreased`)
  for (const key of ['minLength', 'minItems', 'minimum', 'minProperties'] as const)
    if (
      typeof reader[key] === 'number' &&
      !(typeof writer[key] === 'number' && writer[key] >= reader[key])
    )
      out.push(`${path}: ${key} added or increased`)
}

export const jsonSchemaFormat: SchemaFormat<JsonSchema> = {
  parse: parseJsonSchema,
  readProblems(reader, writer) {
    const out: string[] = []
    compare(reader.root, writer.root, '#', out)
    return out
  }
}
