// The table of served APIs: key, name, supported version range and first flexible version.
import { API_SCHEMAS } from './generated'
import { parseVersions, type ApiSchema } from './schema'

/** One row of the API table, as ApiVersions advertises it. */
export interface ApiInfo {
  readonly apiKey: number
  readonly name: string
  readonly minVersion: number
  readonly maxVersion: number
  /** First flexible version served, or null if none is. */
  readonly flexibleFrom: number | null
}

const byKey: (ApiSchema | undefined)[] = []
/** First flexible version by key, from the spec's (open-ended) flexibleVersions. */
const flexibleMin: number[] = []
for (const api of API_SCHEMAS) {
  byKey[api.apiKey] = api
  const r = parseVersions(api.request.flexibleVersions)
  flexibleMin[api.apiKey] = r.min <= r.max ? r.min : Infinity
}

/** Every served API by ascending key. */
export const API_TABLE: readonly ApiInfo[] = API_SCHEMAS.map((a) => ({
  apiKey: a.apiKey,
  name: a.name,
  minVersion: a.minVersion,
  maxVersion: a.maxVersion,
  flexibleFrom: a.flexibleFrom
}))

/** The served API with this key, or undefined. */
export function apiSchema(apiKey: number): ApiSchema | undefined {
  return byKey[apiKey]
}

/** @internal Whether a version is served; the tests check the table with it. */
export function isVersionSupported(apiKey: number, apiVersion: number): boolean {
  const api = byKey[apiKey]
  return api !== undefined && apiVersion >= api.minVersion && apiVersion <= api.maxVersion
}

/**
 * Whether a version of an API is flexible, by the spec's flexibleVersions: also answers for
 * versions outside the served range, whose request header must still be read.
 */
export function isFlexibleVersion(apiKey: number, apiVersion: number): boolean {
  const min = flexibleMin[apiKey]
  return min !== undefined && apiVersion >= min
}
