// Decodes records in the schema registry's wire format (magic byte 0, a 4-byte schema id, for
// Protobuf the message indexes, then the encoded data) into JSON, naming the schema used.
import type { MessageRecord, RecordSchema } from '../../shared/api/messages'
import type { SubjectVersionRef, TypedSchemaSource } from './catalog'
import type { AvroSchema } from './formats/avro'
import type { ProtobufSchema } from './formats/protobuf'
import type { ParsedSchema } from './formats/format'

interface Decoded {
  json: string
  schema: RecordSchema
}

/** Reads a zigzag varint (Confluent's message-index encoding) at `pos`. */
function zigzag(buf: Buffer, pos: number): [value: number, next: number] {
  let raw = 0
  let shift = 0
  for (;;) {
    if (pos >= buf.length) throw new Error('the message indexes run past the end')
    const b = buf[pos++]
    raw |= (b & 0x7f) << shift
    if (!(b & 0x80)) break
    shift += 7
    if (shift > 28) throw new Error('a message index is too long')
  }
  return [(raw >>> 1) ^ -(raw & 1), pos]
}

function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return v.toString()
    if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer')
      return Buffer.from((v as { data: number[] }).data).toString('base64')
    return v
  })
}

/** The schema id of bytes in the wire format (magic byte 0, then the id), or null. */
export function schemaIdOf(bytes: Buffer): number | null {
  return bytes.length >= 5 && bytes[0] === 0 ? bytes.readInt32BE(1) : null
}

/** The data after the 5-byte header, decoded with schema `id` (parsed) to JSON text. */
export function decodeData(parsed: ParsedSchema, bytes: Buffer, id: number): string {
  if (parsed.type === 'AVRO') {
    const avroType = (parsed as AvroSchema).avroType
    const { value, offset } = avroType.decode(bytes, 5)
    if (offset !== bytes.length) throw new Error('the Avro data does not fit the schema')
    return toJson(value)
  }
  if (parsed.type === 'PROTOBUF') {
    const proto = parsed as ProtobufSchema
    let [count, pos] = zigzag(bytes, 5)
    const path: number[] = []
    if (count === 0) path.push(0)
    for (; count > 0; count--) {
      const [i, next] = zigzag(bytes, pos)
      path.push(i)
      pos = next
    }
    let type = proto.messages[path[0]]
    for (const i of path.slice(1))
      type = type?.nestedArray.filter((n) => n instanceof type!.constructor)[i] as typeof type
    if (!type) throw new Error(`schema ${id} has no message at index ${path.join('.')}`)
    const message = type.decode(bytes.subarray(pos))
    return toJson(type.toObject(message, { longs: String, bytes: String, enums: String }))
  }
  return JSON.stringify(JSON.parse(bytes.subarray(5).toString('utf8')))
}

/**
 * The subject version to name for a schema on a topic's key or value: the topic-name strategy's
 * subject (`<topic>-value`) when it holds the schema (one schema can be in many subjects), else
 * the first that does.
 */
export function subjectVersionFor(
  versions: readonly SubjectVersionRef[],
  topic: string | undefined,
  side: 'key' | 'value'
): SubjectVersionRef | undefined {
  const own = topic === undefined ? undefined : `${topic}-${side}`
  return versions.findLast((v) => v.subject === own) ?? versions[0]
}

async function decodeBytes(
  registry: TypedSchemaSource,
  bytes: Buffer,
  /** Schemas already looked up in this page, by side and id (a failed lookup is not repeated). */
  seen: Map<string, Promise<RecordSchema>>,
  topic: string | undefined,
  side: 'key' | 'value'
): Promise<Decoded | null> {
  const id = schemaIdOf(bytes)
  if (id === null) return null
  let schema = seen.get(`${side}:${id}`)
  if (!schema) {
    schema = registry.describeSchema(id).then(({ type, versions }) => {
      const at = subjectVersionFor(versions, topic, side)
      return { id, type, ...(at ? { subject: at.subject, version: at.version } : {}) }
    })
    schema.catch(() => {})
    seen.set(`${side}:${id}`, schema)
  }
  return { json: decodeData(await registry.parsedById(id), bytes, id), schema: await schema }
}

/** Decodes each record's key and value that is in the wire format; others are left as they are. */
export async function decodeTypedRecords(
  registry: TypedSchemaSource,
  records: MessageRecord[],
  /** The records' topic: its `<topic>-value` / `<topic>-key` subjects are named first. */
  topic?: string
): Promise<void> {
  const seen = new Map<string, Promise<RecordSchema>>()
  for (const r of records) {
    for (const side of ['key', 'value'] as const) {
      const text = r[side]
      if (text === null) continue
      // Wire-format bytes can be valid UTF-8 (then they travel as text, which round-trips).
      const base64 = r[`${side}Encoding`] === 'base64'
      if (!base64 && text.charCodeAt(0) !== 0) continue
      const bytes = Buffer.from(text, base64 ? 'base64' : 'utf8')
      if (bytes.length < 5 || bytes[0] !== 0) continue
      try {
        const decoded = await decodeBytes(registry, bytes, seen, topic, side)
        if (!decoded) continue
        r[`${side}Raw`] = bytes.toString('base64')
        r[side] = decoded.json
        delete r[`${side}Encoding`]
        r[`${side}Schema`] = decoded.schema
      } catch (err) {
        r[`${side}Schema`] = {
          id: bytes.readInt32BE(1),
          type: 'UNKNOWN',
          error: `not decoded: ${(err as Error).message}`
        }
      }
    }
  }
}
