// Encodes JSON into the schema registry's wire format (magic byte 0, the 4-byte schema id, for
// Protobuf the message indexes, then the data), refusing a value that does not fit the schema
// with the path of the first field that does not.
import avro from 'avsc'
import protobuf from 'protobufjs'
import type { ParsedSchema } from './formats/format'
import type { AvroSchema } from './formats/avro'
import { protobufMessages, type ProtobufSchema } from './formats/protobuf'
import type { JsonSchema } from './formats/json-schema'

/** The value does not fit the schema; `path` is the field (dotted), empty for the whole value. */
export class SchemaMismatch extends Error {
  constructor(
    readonly path: string,
    message: string
  ) {
    super(message)
    this.name = 'SchemaMismatch'
  }
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}

function avroTypeName(t: avro.Type): string {
  if (t.name) return t.name
  const schema = t.schema()
  return typeof schema === 'string' ? schema : t.typeName
}

function encodeAvro(schema: AvroSchema, value: unknown, json: string): Buffer {
  const type = schema.avroType
  let first: SchemaMismatch | null = null
  const fits = type.isValid(value, {
    errorHook(path, any, t) {
      if (first) return
      const where = path.join('.')
      first = new SchemaMismatch(
        where,
        any === undefined
          ? `field \`${where}\` is missing`
          : `${where ? `field \`${where}\`` : 'the value'} must be ${avroTypeName(t)}, not ${describe(any)}`
      )
    }
  })
  if (fits) return type.toBuffer(value)
  // Avro's own JSON encoding (wrapped unions, bytes as strings) is accepted as well.
  try {
    return type.toBuffer(type.fromString(json))
  } catch {
    throw first ?? new SchemaMismatch('', 'the value does not fit the schema')
  }
}

const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64'])

/**
 * A JSON object as protobufjs' verify takes it: enum names as their numbers, 64-bit integers
 * in decimal strings (as Protobuf's JSON writes them) as numbers. fromObject takes both forms.
 */
function forVerify(type: protobuf.Type, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  for (const field of type.fieldsArray) {
    const v = out[field.name]
    if (v === undefined || v === null) continue
    const convert = (item: unknown): unknown => {
      const t = field.resolvedType
      if (t instanceof protobuf.Enum && typeof item === 'string' && item in t.values)
        return t.values[item]
      if (t instanceof protobuf.Type) return forVerify(t, item)
      if (LONG_TYPES.has(field.type) && typeof item === 'string' && /^-?\d+$/.test(item)) return 0
      return item
    }
    if (field instanceof protobuf.MapField && typeof v === 'object')
      out[field.name] = Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, item]) => [k, convert(item)])
      )
    else out[field.name] = Array.isArray(v) ? v.map(convert) : convert(v)
  }
  return out
}

/** Confluent's zigzag varint, as the message indexes are written. */
function zigzag(n: number): Buffer {
  let v = ((n << 1) ^ (n >> 31)) >>> 0
  const bytes: number[] = []
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80)
    v >>>= 7
  }
  bytes.push(v)
  return Buffer.from(bytes)
}

/** The message indexes as the wire format writes them: [0] as a single 0, else count and each. */
function messageIndexes(indexes: number[]): Buffer {
  if (indexes.length === 1 && indexes[0] === 0) return Buffer.from([0])
  return Buffer.concat([zigzag(indexes.length), ...indexes.map(zigzag)])
}

/** The message a value is encoded as: the one named (full or short name), else the first. */
export function pickProtobufMessage(schema: ProtobufSchema, name?: string) {
  const all = protobufMessages(schema)
  if (name === undefined) return all[0] ?? null
  return (
    all.find((m) => m.name === name) ??
    (all.filter((m) => m.name.split('.').pop() === name).length === 1
      ? all.find((m) => m.name.split('.').pop() === name)!
      : null)
  )
}

function encodeProtobuf(schema: ProtobufSchema, value: unknown, name?: string): Buffer {
  const picked = pickProtobufMessage(schema, name)
  if (!picked)
    throw new SchemaMismatch(
      '',
      name === undefined
        ? 'the schema defines no message'
        : `the schema has no message ${name}; it has ${protobufMessages(schema)
            .map((m) => m.name)
            .join(', ')}`
    )
  const type = picked.type
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new SchemaMismatch('', `the value must be a ${type.name} object, not ${describe(value)}`)
  const known = new Set(type.fieldsArray.map((f) => f.name))
  const unknown = Object.keys(value).find((k) => !known.has(k))
  if (unknown !== undefined)
    throw new SchemaMismatch(unknown, `field \`${unknown}\` is not in message ${type.name}`)
  const problem = type.verify(forVerify(type, value) as Record<string, unknown>)
  if (problem) {
    // protobufjs says "amount: number expected" or "items.0: ...".
    const m = /^([\w.[\]]+): (.*)$/.exec(problem)
    const path = m ? m[1].replace(/\[(\d+)\]/g, '.$1') : ''
    throw new SchemaMismatch(path, m ? `field \`${path}\`: ${m[2]}` : problem)
  }
  const message = type.fromObject(value as Record<string, unknown>)
  return Buffer.concat([messageIndexes(picked.indexes), Buffer.from(type.encode(message).finish())])
}

function encodeJson(schema: JsonSchema, value: unknown): Buffer {
  const errors = schema.validate(value)
  if (errors.length) {
    // ajv's errors start with the instance path, such as "/amount must be number".
    const [path, ...rest] = errors[0].split(' ')
    const where = path.replace(/^\//, '').replaceAll('/', '.')
    throw new SchemaMismatch(
      where,
      `${where ? `field \`${where}\`` : 'the value'} ${rest.join(' ')}`
    )
  }
  return Buffer.from(JSON.stringify(value), 'utf8')
}

/**
 * The wire-format bytes of `json` (JSON text) encoded with schema `id`; `message` picks the
 * Protobuf message (the first by default).
 */
export function encodeWithSchema(
  id: number,
  parsed: ParsedSchema,
  json: string,
  message?: string
): Buffer {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (err) {
    throw new SchemaMismatch('', `is not JSON (${(err as Error).message})`)
  }
  const data =
    parsed.type === 'AVRO'
      ? encodeAvro(parsed as AvroSchema, value, json)
      : parsed.type === 'PROTOBUF'
        ? encodeProtobuf(parsed as ProtobufSchema, value, message)
        : encodeJson(parsed as JsonSchema, value)
  const head = Buffer.alloc(5)
  head.writeInt32BE(id, 1)
  return Buffer.concat([head, data])
}
