// Kafka message bodies built from the schemas: one walk over a message's fields for every test
// that builds frames, with the values chosen by a FieldValues. Round-trip tests use
// sampleValues (every field of the version set to a non-default value, or the nulls variant);
// the fuzz tests use the plausible client values of fuzz-frames.ts.
import { defaultFactory, elementType, isArrayField } from '../../src/engine/kafka/protocol/defaults'
import { inVersions, type FieldSchema } from '../../src/engine/kafka/protocol/schema'

/** Returned by FieldValues.absent to leave a field out, and by preset to walk into the field. */
export const OMIT: unique symbol = Symbol('omit')
export const WALK: unique symbol = Symbol('walk')

export interface FieldValues {
  /** The value of a field the version does not have, or OMIT to leave it out. */
  absent(f: FieldSchema): unknown
  /** A value decided before the walk goes into a field (null, empty), or WALK. */
  preset(f: FieldSchema, version: number): unknown
  /** How many elements an array field gets. */
  arrayLength(f: FieldSchema): number
  /** A value of a primitive type for field `f` of the struct named `parent`. */
  primitive(type: string, f: FieldSchema, parent: string): unknown
}

/** A message (or nested struct) of `version`, field by field. */
export function buildStruct(
  fields: readonly FieldSchema[],
  version: number,
  values: FieldValues,
  parent = ''
): Record<string, unknown> {
  const o: Record<string, unknown> = {}
  for (const f of fields) {
    if (!inVersions(f.versions, version)) {
      const v = values.absent(f)
      if (v !== OMIT) o[f.name] = v
    } else o[f.name] = buildField(f, version, values, parent)
  }
  return o
}

function buildField(f: FieldSchema, version: number, values: FieldValues, parent: string): unknown {
  const preset = values.preset(f, version)
  if (preset !== WALK) return preset
  const one = (): unknown =>
    f.fields !== undefined
      ? buildStruct(f.fields, version, values, f.name)
      : values.primitive(elementType(f), f, parent)
  if (!isArrayField(f)) return one()
  return Array.from({ length: values.arrayLength(f) }, one)
}

/**
 * - full: every field present in the version gets a non-default value, nullables are non-null,
 *   arrays hold two elements, some bytes are large enough to be referenced by the writer.
 * - nulls: nullable fields are null, arrays empty, strings empty, tagged fields default.
 */
export type Variant = 'full' | 'nulls'

const STRINGS = ['topic-a', 'grüße', 'ключ', '☃ snow', 'x'.repeat(40), 'group.id-7']

function int(random: () => number, min: number, max: number, avoid: number): number {
  for (;;) {
    const v = min + Math.floor(random() * (max - min + 1))
    if (v !== avoid) return v
  }
}

function sampleValue(type: string, f: FieldSchema, random: () => number): unknown {
  const d = f.default !== undefined && f.default !== 'null' ? Number(f.default) : 0
  switch (type) {
    case 'int8':
      return int(random, -128, 127, d)
    case 'int16':
      return int(random, -32768, 32767, d)
    case 'uint16':
      return int(random, 0, 65535, d)
    case 'int32':
      return int(random, -2147483648, 2147483647, d)
    case 'uint32':
      return int(random, 0, 4294967295, d)
    case 'int64': {
      const v = BigInt(int(random, -2147483648, 2147483647, 0)) * 4294967296n + 12345n
      return f.default !== undefined && v === BigInt(f.default) ? v + 1n : v
    }
    case 'float64':
      return random() * 1e6 - 5e5
    case 'bool':
      return f.default !== 'true'
    case 'string':
      return STRINGS[Math.floor(random() * STRINGS.length)]
    case 'bytes':
    case 'records': {
      const len = random() < 0.3 ? 700 : 1 + Math.floor(random() * 40)
      const b = Buffer.alloc(len)
      for (let i = 0; i < len; i++) b[i] = Math.floor(random() * 256)
      return b
    }
    case 'uuid': {
      let hex = ''
      for (let i = 0; i < 32; i++) hex += Math.floor(random() * 16).toString(16)
      hex = '1' + hex.slice(1)
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    }
  }
  throw new Error(`not a primitive: ${type}`)
}

/** Round-trip values: fields the version lacks take their default, so decoding gives it all back. */
function sampleValues(variant: Variant, random: () => number): FieldValues {
  return {
    absent: (f) => defaultFactory(f)(),
    preset: (f, version) => {
      if (variant === 'full') return WALK
      if (inVersions(f.taggedVersions, version)) return defaultFactory(f)()
      if (inVersions(f.nullableVersions, version)) return null
      if (isArrayField(f)) return []
      if (f.type === 'string') return ''
      return WALK
    },
    arrayLength: () => 2,
    primitive: (type, f) => sampleValue(type, f, random)
  }
}

/**
 * A message of `version` with every field set: fields of the version get sample values, the
 * others their default, so that decoding the encoded message must give back exactly this.
 */
export function sampleStruct(
  fields: readonly FieldSchema[],
  version: number,
  variant: Variant,
  random: () => number
): Record<string, unknown> {
  return buildStruct(fields, version, sampleValues(variant, random))
}
