// CLIENT_METRICS config resources (KIP-714) as Kafka validates them: a named subscription with
// `metrics` (metric name prefixes, `*` for all), `interval.ms` (the push interval, 100 ms to one
// hour, 5 minutes by default) and `match` (selectors `name=regex` on the client's instance id,
// client id, software name and version, source address and port; every one must match).
import { EngineError } from '../engine-error'

export const CLIENT_METRICS_CONFIG_NAMES = ['metrics', 'interval.ms', 'match'] as const
export type ClientMetricsConfigName = (typeof CLIENT_METRICS_CONFIG_NAMES)[number]

/** The client attributes a `match` selector may name. */
export const CLIENT_MATCH_SELECTORS = [
  'client_instance_id',
  'client_id',
  'client_software_name',
  'client_software_version',
  'client_source_address',
  'client_source_port'
] as const
export type ClientMatchSelector = (typeof CLIENT_MATCH_SELECTORS)[number]

export const DEFAULT_PUSH_INTERVAL_MS = 5 * 60 * 1000
const MIN_INTERVAL_MS = 100
const MAX_INTERVAL_MS = 3_600_000

/** One subscription, parsed. */
export interface ClientMetricsSubscription {
  name: string
  metrics: string[]
  intervalMs: number
  match: Map<ClientMatchSelector, RegExp>
}

/** A LIST config's items as Kafka parses them: trimmed, split on commas; '' is no item. */
export function parseConfigList(value: string): string[] {
  const trimmed = value.trim()
  return trimmed === '' ? [] : trimmed.split(/\s*,\s*/)
}

function parseInterval(value: string): number {
  const trimmed = value.trim()
  const n = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : NaN
  if (!Number.isSafeInteger(n) || n < -(2 ** 31) || n >= 2 ** 31)
    throw new EngineError(
      'invalid-config',
      `Invalid value ${value} for configuration interval.ms: Not a number of type INT`,
      'interval.ms'
    )
  if (n < MIN_INTERVAL_MS || n > MAX_INTERVAL_MS)
    throw new EngineError(
      'invalid-request',
      `Invalid value ${n} for interval.ms, interval must be between 100 and 3600000 (1 hour)`,
      'interval.ms'
    )
  return n
}

/**
 * The selectors of a `match` list: `name=regex` each, split on '=' into exactly two parts (as
 * Kafka does), the name one of CLIENT_MATCH_SELECTORS, the regex whole-value.
 */
export function parseMatchPatterns(patterns: readonly string[]): Map<ClientMatchSelector, RegExp> {
  const out = new Map<ClientMatchSelector, RegExp>()
  for (const pattern of patterns) {
    const illegal = () =>
      new EngineError('invalid-config', `Illegal client matching pattern: ${pattern}`, 'match')
    // Java's split drops trailing empty parts: 'client_id=' is one part, refused.
    const parts = pattern.split('=')
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
    if (parts.length !== 2) throw illegal()
    const selector = parts[0]!.trim()
    if (!(CLIENT_MATCH_SELECTORS as readonly string[]).includes(selector)) throw illegal()
    try {
      out.set(selector as ClientMatchSelector, new RegExp(`^(?:${parts[1]!.trim()})$`, 'u'))
    } catch {
      throw illegal()
    }
  }
  return out
}

/**
 * Checks a subscription's whole set of configs (after an alteration) as Kafka does: the name
 * must not be empty and every config must be known (INVALID_REQUEST), interval.ms an INT
 * (INVALID_CONFIG) within range (INVALID_REQUEST), each selector legal (INVALID_CONFIG).
 */
export function parseClientMetricsConfigs(
  name: string,
  configs: Readonly<Record<string, string>>
): ClientMetricsSubscription {
  if (name === '') throw new EngineError('invalid-request', "Subscription name can't be empty")
  for (const key of Object.keys(configs))
    if (!(CLIENT_METRICS_CONFIG_NAMES as readonly string[]).includes(key))
      throw new EngineError('invalid-request', `Unknown client metrics configuration: ${key}`, key)
  const interval = configs['interval.ms']
  return {
    name,
    metrics: parseConfigList(configs.metrics ?? ''),
    intervalMs: interval === undefined ? DEFAULT_PUSH_INTERVAL_MS : parseInterval(interval),
    match: parseMatchPatterns(parseConfigList(configs.match ?? ''))
  }
}
