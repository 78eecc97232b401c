// Default values of schema fields, as Kafka's generated Java classes define them.
import type { FieldSchema } from './schema'
import { inVersions } from './schema'

import { ZERO_UUID } from '../../../shared/kafka/protocol-constants'

export { ZERO_UUID }
const EMPTY = Buffer.alloc(0)

/** The element type of an array field, or the field's own type. */
export function elementType(f: FieldSchema): string {
  return f.type.startsWith('[]') ? f.type.slice(2) : f.type
}

export function isArrayField(f: FieldSchema): boolean {
  return f.type.startsWith('[]')
}

/**
 * A factory of the field's default: the spec's `default` if given, else the type's (0, 0n,
 * false, '', empty bytes, null records, the zero UUID, [] and a struct of defaults). A factory,
 * because arrays and structs must be fresh for every decoded message.
 */
export function defaultFactory(f: FieldSchema): () => unknown {
  const d = f.default
  if (d === 'null') return () => null
  if (isArrayField(f)) return () => []
  switch (f.type) {
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint16':
    case 'uint32':
    case 'float64': {
      const n = d === undefined ? 0 : Number(d)
      return () => n
    }
    case 'int64': {
      const n = d === undefined ? 0n : BigInt(d)
      return () => n
    }
    case 'bool': {
      const b = d === 'true'
      return () => b
    }
    case 'string': {
      const s = d ?? ''
      return () => s
    }
    case 'bytes':
      return () => EMPTY
    case 'records':
      return () => null
    case 'uuid':
      return () => ZERO_UUID
  }
  const fields = (f.fields ?? []).map((sub) => ({
    name: sub.name,
    make: defaultFactory(sub)
  }))
  return () => {
    const o: Record<string, unknown> = {}
    for (const x of fields) o[x.name] = x.make()
    return o
  }
}

/**
 * A predicate telling whether a value equals the field's default; tagged fields equal to their
 * default are left out of the tagged section. `undefined` counts as the default.
 */
export function isDefaultPredicate(f: FieldSchema, version: number): (v: unknown) => boolean {
  const d = f.default
  if (d === 'null') return (v) => v === undefined || v === null
  if (isArrayField(f)) return (v) => v === undefined || (Array.isArray(v) && v.length === 0)
  switch (f.type) {
    case 'bytes':
      return (v) => v === undefined || (Buffer.isBuffer(v) && v.length === 0)
    case 'records':
      return (v) => v === undefined || v === null
    case 'uuid':
      return (v) => v === undefined || (typeof v === 'string' && v.toLowerCase() === ZERO_UUID)
    case 'int64': {
      const n = d === undefined ? 0n : BigInt(d)
      return (v) => v === undefined || BigInt(v as bigint | number) === n
    }
  }
  if (f.fields === undefined) {
    const value = defaultFactory(f)()
    return (v) => v === undefined || v === value
  }
  const subs = f.fields
    .filter((sub) => inVersions(sub.versions, version))
    .map((sub) => ({ name: sub.name, isDefault: isDefaultPredicate(sub, version) }))
  return (v) => {
    if (v === undefined) return true
    if (v === null || typeof v !== 'object') return false
    const o = v as Record<string, unknown>
    return subs.every((s) => s.isDefault(o[s.name]))
  }
}
