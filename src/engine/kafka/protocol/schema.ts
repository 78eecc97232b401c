// Shape of the message schemas generated from Kafka's JSON definitions, and version-range helpers.

/**
 * One field of a message, as in Kafka's JSON definition but with a camelCase name and struct
 * types resolved (inline and commonStructs alike) into `fields`. Version strings keep the
 * spec's notation: '3+', '0-12', '5', 'none'.
 */
export interface FieldSchema {
  /** camelCase of the spec's name: TopicData -> topicData. */
  readonly name: string
  /**
   * The spec's type: int8, int16, int32, int64, uint16, uint32, float64, bool, string, bytes,
   * records, uuid, a struct name, or '[]' followed by either.
   */
  readonly type: string
  readonly versions: string
  readonly nullableVersions?: string
  readonly taggedVersions?: string
  readonly tag?: number
  /** The spec's default as written ('-1', 'null', '0x7fffffff', 'true'); absent: the type's. */
  readonly default?: string
  /** Only 'none' occurs: the field stays non-compact in flexible versions. */
  readonly flexibleVersions?: string
  /** Fields of a struct or of an array's struct elements. */
  readonly fields?: readonly FieldSchema[]
}

/** A request or response body. */
export interface MessageSchema {
  /** The spec's name, e.g. ProduceRequest. */
  readonly name: string
  readonly validVersions: string
  readonly flexibleVersions: string
  readonly fields: readonly FieldSchema[]
}

/** One API as served: its key, name, the version range served and both message schemas. */
export interface ApiSchema {
  readonly apiKey: number
  /** Kafka's name, e.g. Produce, ApiVersions. */
  readonly name: string
  readonly minVersion: number
  readonly maxVersion: number
  /** First flexible version (compact encodings, tagged fields, request header v2). */
  readonly flexibleFrom: number | null
  readonly request: MessageSchema
  readonly response: MessageSchema
}

/** An inclusive version range; `max` is Infinity for 'N+'. Empty ('none') is min > max. */
export interface VersionRange {
  readonly min: number
  readonly max: number
}

const NONE: VersionRange = { min: 1, max: 0 }

/** Parses Kafka's version notation: 'none', 'N', 'N+', 'N-M'. */
export function parseVersions(s: string): VersionRange {
  const t = s.trim()
  if (t === 'none') return NONE
  let m = /^(\d+)\+$/.exec(t)
  if (m !== null) return { min: Number(m[1]), max: Infinity }
  m = /^(\d+)-(\d+)$/.exec(t)
  if (m !== null) return { min: Number(m[1]), max: Number(m[2]) }
  if (/^\d+$/.test(t)) return { min: Number(t), max: Number(t) }
  throw new Error(`bad version range: ${s}`)
}

export function inVersions(range: string | undefined, version: number): boolean {
  if (range === undefined) return false
  const r = parseVersions(range)
  return version >= r.min && version <= r.max
}
