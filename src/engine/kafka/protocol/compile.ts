// Compiles a message schema at one version into decode/encode closures, once, then caches them.
import { defaultFactory, elementType, isArrayField, isDefaultPredicate } from './defaults'
import { invalidValue } from './errors'
import type { ByteReader } from './reader'
import type { FieldSchema, MessageSchema } from './schema'
import { inVersions } from './schema'
import { ByteWriter } from './writer'

type Decode = (r: ByteReader) => unknown
type Encode = (w: ByteWriter, v: unknown) => void

/** A value codec plus the fewest bytes one value can take, to bound array counts. */
interface ValueCodec {
  decode: Decode
  encode: Encode
  minSize: number
}

/** A message (or struct) compiled for one version. */
export interface MessageCodec {
  readonly version: number
  decode(r: ByteReader): Record<string, unknown>
  encode(w: ByteWriter, value: object): void
}

function primitive(type: string, compact: boolean, nullable: boolean): ValueCodec | undefined {
  switch (type) {
    case 'int8':
      return { decode: (r) => r.readInt8(), encode: (w, v) => w.writeInt8(v as number), minSize: 1 }
    case 'int16':
      return {
        decode: (r) => r.readInt16(),
        encode: (w, v) => w.writeInt16(v as number),
        minSize: 2
      }
    case 'uint16':
      return {
        decode: (r) => r.readUint16(),
        encode: (w, v) => w.writeUint16(v as number),
        minSize: 2
      }
    case 'int32':
      return {
        decode: (r) => r.readInt32(),
        encode: (w, v) => w.writeInt32(v as number),
        minSize: 4
      }
    case 'uint32':
      return {
        decode: (r) => r.readUint32(),
        encode: (w, v) => w.writeUint32(v as number),
        minSize: 4
      }
    case 'int64':
      return {
        decode: (r) => r.readInt64(),
        encode: (w, v) => w.writeInt64(v as bigint),
        minSize: 8
      }
    case 'float64':
      return {
        decode: (r) => r.readFloat64(),
        encode: (w, v) => w.writeFloat64(v as number),
        minSize: 8
      }
    case 'bool':
      return {
        decode: (r) => r.readBool(),
        encode: (w, v) => w.writeBool(v as boolean),
        minSize: 1
      }
    case 'uuid':
      return {
        decode: (r) => r.readUuid(),
        encode: (w, v) => w.writeUuid(v as string),
        minSize: 16
      }
    case 'string':
      return {
        decode: compact
          ? nullable
            ? (r) => r.readCompactNullableString()
            : (r) => r.readCompactString()
          : nullable
            ? (r) => r.readNullableString()
            : (r) => r.readString(),
        encode: compact
          ? (w, v) => w.writeCompactString(v as string | null)
          : (w, v) => w.writeString(v as string | null),
        minSize: compact ? 1 : 2
      }
    case 'bytes':
    case 'records':
      return {
        decode: compact
          ? nullable
            ? (r) => r.readCompactNullableBytes()
            : (r) => r.readCompactBytes()
          : nullable
            ? (r) => r.readNullableBytes()
            : (r) => r.readBytes(),
        encode: compact
          ? (w, v) => w.writeCompactBytes(v as Buffer | null)
          : (w, v) => w.writeBytes(v as Buffer | null),
        minSize: compact ? 1 : 4
      }
  }
  return undefined
}

/** Rejects null where the version does not allow it, as Kafka's generated writers do. */
function guardNull(codec: ValueCodec, nullable: boolean, name: string): ValueCodec {
  if (nullable) return codec
  const encode = codec.encode
  return {
    ...codec,
    encode: (w, v) => {
      if (v === null) throw invalidValue(`null in non-nullable field ${name}`)
      encode(w, v)
    }
  }
}

function valueCodec(f: FieldSchema, version: number, flexible: boolean): ValueCodec {
  const compact =
    flexible && (f.flexibleVersions === undefined || inVersions(f.flexibleVersions, version))
  const nullable = inVersions(f.nullableVersions, version)
  const elem = elementType(f)
  if (!isArrayField(f)) {
    const p = primitive(elem, compact, nullable || elem === 'records')
    if (p !== undefined) return guardNull(p, nullable || elem === 'records', f.name)
    return guardNull(structCodec(f.fields ?? [], version, flexible, nullable), nullable, f.name)
  }
  const item =
    primitive(elem, compact, false) ?? structCodec(f.fields ?? [], version, flexible, false)
  const itemCodec = guardNull(item, false, `${f.name}[]`)
  const minSize = itemCodec.minSize
  const decodeItem = itemCodec.decode
  const encodeItem = itemCodec.encode
  return guardNull(
    {
      minSize: compact ? 1 : 4,
      decode: (r) => {
        const n = r.readArrayLength(compact, nullable, minSize)
        if (n < 0) return null
        const out = new Array<unknown>(n)
        for (let i = 0; i < n; i++) out[i] = decodeItem(r)
        return out
      },
      encode: (w, v) => {
        if (v === null) {
          w.writeArrayLength(null, compact)
          return
        }
        if (!Array.isArray(v)) throw invalidValue(`field ${f.name} is not an array`)
        w.writeArrayLength(v.length, compact)
        for (let i = 0; i < v.length; i++) encodeItem(w, v[i])
      }
    },
    nullable,
    f.name
  )
}

interface Step {
  name: string
  /** Decodes the field, or makes its default when the field is absent or tagged. */
  decode: Decode
  encode?: Encode
  makeDefault: () => unknown
}

interface TaggedStep {
  tag: number
  name: string
  decode: Decode
  encode: Encode
  isDefault: (v: unknown) => boolean
}

/** A struct's codec; `nullable` structs carry an int8 presence marker (-1 null, 1 present). */
function structCodec(
  fields: readonly FieldSchema[],
  version: number,
  flexible: boolean,
  nullable: boolean
): ValueCodec {
  const steps: Step[] = []
  const tagged: TaggedStep[] = []
  let minSize = flexible ? 1 : 0
  for (const f of fields) {
    const makeDefault = defaultFactory(f)
    if (!inVersions(f.versions, version)) {
      steps.push({ name: f.name, decode: makeDefault, makeDefault })
      continue
    }
    const codec = valueCodec(f, version, flexible)
    if (flexible && inVersions(f.taggedVersions, version)) {
      steps.push({ name: f.name, decode: makeDefault, makeDefault })
      const isDefault = isDefaultPredicate(f, version)
      tagged.push({
        tag: f.tag ?? -1,
        name: f.name,
        decode: codec.decode,
        encode: codec.encode,
        isDefault
      })
      continue
    }
    steps.push({ name: f.name, decode: codec.decode, encode: codec.encode, makeDefault })
    minSize += codec.minSize
  }
  tagged.sort((a, b) => a.tag - b.tag)
  const byTag = new Map(tagged.map((t) => [t.tag, t]))
  const n = steps.length

  const decode = (r: ByteReader): Record<string, unknown> => {
    const o: Record<string, unknown> = {}
    for (let i = 0; i < n; i++) {
      const s = steps[i]
      o[s.name] = s.decode(r)
    }
    if (flexible) {
      r.readTaggedFields((tag, rr) => {
        const t = byTag.get(tag)
        if (t !== undefined) o[t.name] = t.decode(rr)
      })
    }
    return o
  }

  const encode = (w: ByteWriter, value: unknown): void => {
    const o = (value ?? {}) as Record<string, unknown>
    for (let i = 0; i < n; i++) {
      const s = steps[i]
      if (s.encode === undefined) continue
      const v = o[s.name]
      s.encode(w, v === undefined ? s.makeDefault() : v)
    }
    if (flexible) encodeTaggedFields(w, tagged, o)
  }

  if (!nullable) return { decode, encode, minSize }
  return {
    minSize: 1,
    decode: (r) => (r.readInt8() < 0 ? null : decode(r)),
    encode: (w, v) => {
      if (v === null) {
        w.writeInt8(-1)
        return
      }
      w.writeInt8(1)
      encode(w, v)
    }
  }
}

function encodeTaggedFields(w: ByteWriter, tagged: TaggedStep[], o: Record<string, unknown>): void {
  let count = 0
  for (const t of tagged) if (!t.isDefault(o[t.name])) count++
  w.writeUnsignedVarint(count)
  if (count === 0) return
  for (const t of tagged) {
    const v = o[t.name]
    if (t.isDefault(v)) continue
    // The size precedes the value, so the value is encoded apart first; tagged fields are small.
    const inner = new ByteWriter(64)
    t.encode(inner, v)
    const bytes = inner.toBuffer()
    w.writeUnsignedVarint(t.tag).writeUnsignedVarint(bytes.length).writeRaw(bytes)
  }
}

const cache = new WeakMap<MessageSchema, MessageCodec[]>()

/**
 * The codec of a message at one version, compiled on first use and cached. The caller checks
 * that the version is served: the schemas hold only the fields of the served versions.
 */
export function messageCodec(schema: MessageSchema, version: number): MessageCodec {
  let byVersion = cache.get(schema)
  if (byVersion === undefined) {
    byVersion = []
    cache.set(schema, byVersion)
  }
  const known = byVersion[version]
  if (known !== undefined) return known
  const flexible = inVersions(schema.flexibleVersions, version)
  const codec = structCodec(schema.fields, version, flexible, false)
  const compiled: MessageCodec = {
    version,
    decode: codec.decode as (r: ByteReader) => Record<string, unknown>,
    encode: codec.encode
  }
  byVersion[version] = compiled
  return compiled
}
