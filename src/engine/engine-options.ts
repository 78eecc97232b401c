// What an engine is opened with, and the defaults of what is left out.
import { EngineError } from './engine-error'
import { checkStaticBrokerConfigs } from './cluster/broker-configs'
import type { GroupSettings, LagSettings } from './groups'
import { groupBrokerConfigsOf, groupSettingsFrom } from './groups/settings'
import { brokerConfigDefs, checkBrokerConfig } from '../shared/kafka/broker-configs'
import { MAX_BROKERS } from '../shared/kafka/cluster-size'
import type { ReplicationSettings } from './cluster/replication-settings'
import type { StorageSettings } from './storage/storage-monitor'
import type { QuotaWindow } from './quotas/quota-usage'
import {
  checkClientMetricsExport,
  type ClientMetricsExportOptions
} from './telemetry/client-metrics-export'

export interface EngineOptions {
  /** Data directory, or ':memory:'. */
  dataDir: string
  /** Number of simulated brokers (1 to MAX_BROKERS); with `brokerIds`, their number. */
  brokers?: number
  /**
   * The brokers' ids (Kafka's node.id / broker.id: any int32 from 0), one each, 1 to MAX_BROKERS of them;
   * default 0 to brokers - 1, or, when neither this nor `brokers` is given, the ids the data
   * directory keeps. They are kept in the data directory, which refuses to be opened without one
   * of the brokers it holds (see cluster/brokers.ts).
   */
  brokerIds?: readonly number[]
  /** Host the Kafka listeners advertise to clients. */
  advertisedHost?: string
  /** Port of the first broker; the i-th broker in id order listens on port + i. */
  port?: number
  fsync?: boolean
  replication?: Partial<ReplicationSettings>
  /** The group coordinator's settings; those Kafka has as broker configs are given as such. */
  groups?: Partial<GroupSettings>
  lag?: Partial<LagSettings>
  /** How often the cleaner applies retention and compaction (ms). */
  cleanerIntervalMs?: number
  /** message.max.bytes (also settable in brokerConfigs, which wins). */
  messageMaxBytes?: number
  /** Broker configs given at start, like server.properties (see src/shared/kafka/broker-configs.ts). */
  brokerConfigs?: Record<string, string>
  /**
   * Each broker's own broker.rack, in broker id order (one entry a broker; null: none, or the
   * broker.rack of brokerConfigs). Kafka sets it in each broker's server.properties.
   */
  brokerRacks?: readonly (string | null)[]
  /** The disk reserve for deletes and the free space under which storage is low. */
  storage?: Partial<StorageSettings>
  /** quota.window.num and quota.window.size.seconds: how client quotas measure use. */
  quotaWindow?: Partial<QuotaWindow>
  /** Send what clients push (KIP-714) on to an OpenTelemetry collector over OTLP/HTTP. */
  clientMetricsExport?: ClientMetricsExportOptions
  /** Where the engine's notices go (a failing export ...). */
  log?: (line: string) => void
}

export type ResolvedEngineOptions = EngineOptions &
  Required<
    Pick<EngineOptions, 'brokers' | 'advertisedHost' | 'port' | 'fsync' | 'brokerConfigs'>
  > & {
    /** Neither brokers, brokerIds nor brokerRacks given: the data directory's brokers, if kept. */
    keptBrokers: boolean
  }

/** The largest broker id: Kafka's are int32. */
export const MAX_BROKER_ID = 2_147_483_647

/**
 * The brokers' ids given, checked (whole numbers from 0 to 2^31-1, each once, 1 to MAX_BROKERS of them,
 * as many as `brokers` when both are given) and ascending; undefined when none are given.
 */
export function checkBrokerIds(ids: unknown, brokers: number | undefined): number[] | undefined {
  if (ids === undefined) return undefined
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > MAX_BROKERS)
    throw new EngineError(
      'invalid-argument',
      `brokerIds must list 1 to ${MAX_BROKERS} broker ids`,
      'brokerIds'
    )
  for (const id of ids as unknown[])
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > MAX_BROKER_ID)
      throw new EngineError(
        'invalid-argument',
        `brokerIds: ${JSON.stringify(id)} is not a broker id (a whole number from 0 to ${MAX_BROKER_ID})`,
        'brokerIds'
      )
  const sorted = [...(ids as number[])].sort((a, b) => a - b)
  const twice = sorted.find((id, i) => i > 0 && sorted[i - 1] === id)
  if (twice !== undefined)
    throw new EngineError(
      'invalid-argument',
      `brokerIds: broker id ${twice} is given twice; each broker needs its own`,
      'brokerIds'
    )
  if (brokers !== undefined && brokers !== sorted.length)
    throw new EngineError(
      'invalid-argument',
      `brokers is ${brokers} but brokerIds lists ${sorted.length} broker${sorted.length === 1 ? '' : 's'} (${sorted.join(', ')})`,
      'brokers'
    )
  return sorted
}

/** The options with their defaults; throws EngineError naming a field out of range. */
export function resolveEngineOptions(options: EngineOptions): ResolvedEngineOptions {
  const brokerIds = checkBrokerIds(options.brokerIds, options.brokers)
  const brokers = brokerIds?.length ?? options.brokers ?? 3
  if (!Number.isInteger(brokers) || brokers < 1 || brokers > MAX_BROKERS)
    throw new EngineError(
      'invalid-argument',
      `brokers must be between 1 and ${MAX_BROKERS}`,
      'brokers'
    )
  const brokerConfigs = checkStaticBrokerConfigs({
    ...(options.messageMaxBytes !== undefined
      ? { 'message.max.bytes': String(options.messageMaxBytes) }
      : {}),
    ...groupBrokerConfigsOf(options.groups ?? {}),
    ...options.brokerConfigs
  })
  checkBrokerRacks(options.brokerRacks, brokers)
  // The group coordinator's configs are checked together, as Kafka checks them at start.
  groupSettingsFrom(
    (name) => brokerConfigs[name] ?? brokerConfigDefs.get(name)?.defaultValue ?? null
  )
  return {
    ...options,
    ...(options.clientMetricsExport
      ? { clientMetricsExport: checkClientMetricsExport(options.clientMetricsExport) }
      : {}),
    brokerConfigs,
    brokers,
    ...(brokerIds ? { brokerIds } : {}),
    keptBrokers:
      options.brokerIds === undefined &&
      options.brokers === undefined &&
      options.brokerRacks === undefined,
    advertisedHost: options.advertisedHost ?? '127.0.0.1',
    port: options.port ?? 9092,
    fsync: options.fsync ?? false
  }
}

/** One rack (or null) a broker, each a valid broker.rack; throws EngineError naming brokerRacks. */
export function checkBrokerRacks(racks: unknown, brokers: number): void {
  if (racks === undefined) return
  if (!Array.isArray(racks) || racks.length !== brokers)
    throw new EngineError(
      'invalid-argument',
      `brokerRacks must list one rack (or null) for each of the ${brokers} brokers`,
      'brokerRacks'
    )
  racks.forEach((rack: unknown, id) => {
    if (rack === null) return
    const check = typeof rack === 'string' ? checkBrokerConfig('broker.rack', rack) : null
    if (!check?.ok)
      throw new EngineError(
        'invalid-argument',
        `brokerRacks[${id}]: ${JSON.stringify(rack)} is not a rack name (broker.rack: ${check && !check.ok ? check.problem : 'must be a string or null'})`,
        'brokerRacks'
      )
  })
}

/** Each broker's own start-time configs by broker id: its broker.rack (`racks` in id order). */
export function perBrokerConfigs(
  racks: readonly (string | null)[] | undefined,
  brokerIds: readonly number[]
): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>()
  racks?.forEach((rack, i) => {
    if (rack !== null) out.set(brokerIds[i], { 'broker.rack': rack.trim() })
  })
  return out
}
