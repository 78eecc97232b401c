// The registry's schemas loaded for decoding without the registry at hand: a scan (in the
// message-scan worker or in steps on the main thread) filters on, and shows, decoded values.
// The catalog is plain data, so it can be posted to a worker that parses it there. A registry
// reached over REST is not loaded whole: the decoder learns the ids a scan's records name.
import type { MessageRecord, RecordSchema } from '../../shared/api/messages'
import { loadFormat } from './formats'
import type { ParsedSchema, SchemaType } from './formats/format'
import type { CatalogEntry, SubjectVersionRef, TypedSchemaSource } from './catalog'
import { decodeData, schemaIdOf, subjectVersionFor } from './wire-format'

interface Loaded {
  parsed: ParsedSchema
  type: SchemaType
  versions: SubjectVersionRef[]
}

export class TypedDecoder {
  /** Ids a registry could not give, with why (a scan asks for each once). */
  private readonly failed = new Map<number, string>()

  private constructor(private readonly schemas: Map<number, Loaded>) {}

  /** A decoder that knows no schema yet; `learn` fetches the ones records name. */
  static empty(): TypedDecoder {
    return new TypedDecoder(new Map())
  }

  /**
   * Fetches from `source` the schemas these keys and values name (in the wire format) that the
   * decoder has not seen, so that `text` and `decodeRecord` can decode them without waiting.
   */
  async learn(source: TypedSchemaSource, values: Iterable<Buffer | null>): Promise<void> {
    const ids = new Set<number>()
    for (const bytes of values) {
      const id = bytes === null ? null : schemaIdOf(bytes)
      if (id !== null && !this.schemas.has(id) && !this.failed.has(id)) ids.add(id)
    }
    for (const id of ids) {
      try {
        const [parsed, { type, versions }] = await Promise.all([
          source.parsedById(id),
          source.describeSchema(id)
        ])
        this.schemas.set(id, { parsed, type, versions })
      } catch (err) {
        this.failed.set(id, (err as Error).message)
      }
    }
  }

  /** Parses every schema of the catalog; one that does not parse leaves its id undecodable. */
  static async load(catalog: readonly CatalogEntry[]): Promise<TypedDecoder> {
    const schemas = new Map<number, Loaded>()
    for (const e of catalog) {
      try {
        const format = await loadFormat(e.type)
        schemas.set(e.id, {
          parsed: format.parse(e.schema, e.deps),
          type: e.type,
          versions: e.versions
        })
      } catch {
        // Left out: records with this id say it is unknown.
      }
    }
    return new TypedDecoder(schemas)
  }

  /** The decoded JSON of wire-format bytes, or null for bytes that are not (or do not decode). */
  text(bytes: Buffer | null): string | null {
    if (bytes === null) return null
    const id = schemaIdOf(bytes)
    if (id === null) return null
    const s = this.schemas.get(id)
    if (!s) return null
    try {
      return decodeData(s.parsed, bytes, id)
    } catch {
      return null
    }
  }

  /** Decodes a record's key and value in place, as messages.read shows them. */
  decodeRecord(r: MessageRecord, topic?: string): void {
    for (const side of ['key', 'value'] as const) {
      const text = r[side]
      if (text === null) continue
      const base64 = r[`${side}Encoding`] === 'base64'
      if (!base64 && text.charCodeAt(0) !== 0) continue
      const bytes = Buffer.from(text, base64 ? 'base64' : 'utf8')
      const id = schemaIdOf(bytes)
      if (id === null) continue
      const s = this.schemas.get(id)
      try {
        if (!s) throw new Error(this.failed.get(id) ?? `Schema ${id} not found`)
        r[side] = decodeData(s.parsed, bytes, id)
        r[`${side}Raw`] = bytes.toString('base64')
        delete r[`${side}Encoding`]
        const at = subjectVersionFor(s.versions, topic, side)
        const info: RecordSchema = {
          id,
          type: s.type,
          ...(at ? { subject: at.subject, version: at.version } : {})
        }
        r[`${side}Schema`] = info
      } catch (err) {
        r[`${side}Schema`] = {
          id,
          type: 'UNKNOWN',
          error: `not decoded: ${(err as Error).message}`
        }
      }
    }
  }
}
