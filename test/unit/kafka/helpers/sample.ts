// Builds populated messages from a schema (seeded, non-default values) for round-trip tests.
import {
  elementType,
  isArrayField,
  defaultFactory
} from '../../../../src/engine/kafka/protocol/defaults'
import type { FieldSchema } from '../../../../src/engine/kafka/protocol/schema'
import { inVersions } from '../../../../src/engine/kafka/protocol/schema'

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

function primitiveValue(type: string, f: FieldSchema, random: () => number): unknown {
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
  const o: Record<string, unknown> = {}
  for (const f of fields) {
    if (!inVersions(f.versions, version)) o[f.name] = defaultFactory(f)()
    else o[f.name] = sampleField(f, version, variant, random)
  }
  return o
}

function sampleField(
  f: FieldSchema,
  version: number,
  variant: Variant,
  random: () => number
): unknown {
  const nullable = inVersions(f.nullableVersions, version)
  const tagged = inVersions(f.taggedVersions, version)
  if (variant === 'nulls') {
    if (tagged) return defaultFactory(f)()
    if (nullable) return null
    if (isArrayField(f)) return []
    if (f.type === 'string') return ''
  }
  const elem = elementType(f)
  const one = (): unknown =>
    f.fields !== undefined
      ? sampleStruct(f.fields, version, variant, random)
      : primitiveValue(elem, f, random)
  if (isArrayField(f)) return [one(), one()]
  return one()
}
