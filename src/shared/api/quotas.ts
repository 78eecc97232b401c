// Contract area: client quotas in Kafka's vocabulary (what DescribeClientQuotas /
// AlterClientQuotas manage): byte rates, request-time percentages and partition mutation rates per
// user, client id, both, or their defaults (a null name), connection rates per IP or the default
// IP, and what clients used of them lately.
import { z } from 'zod'

const entityName = z.string().min(1).max(255).nullable()

const quotaEntity = z
  .object({
    user: entityName.optional(),
    'client-id': entityName.optional(),
    /** An IP address (null: the default IP), never with a user or client id. */
    ip: z.ipv4().or(z.ipv6()).nullable().optional()
  })
  .strict()
  .refine((e) => e.user !== undefined || e['client-id'] !== undefined || e.ip !== undefined, {
    message: 'A quota entity names a user, a client id or both, or an IP (null: the default)'
  })
  .refine((e) => e.ip === undefined || (e.user === undefined && e['client-id'] === undefined), {
    message: 'An IP quota entity names no user or client id'
  })

const byteRate = z.number().positive().max(1e15).nullable().optional()
/** A percentage of one request handler's time (100: one whole handler). */
const percentage = z.number().positive().max(1e9).nullable().optional()
/** Partitions created or deleted per second. */
const mutationRate = z.number().positive().max(1e9).nullable().optional()
/** New connections per second from an IP. */
const connectionRate = z.number().int().positive().max(2147483647).nullable().optional()

export const quotasParams = {
  /** Every quota set, and the quota use of clients seen lately. */
  'quotas.list': z.object({}).strict(),
  /** Sets (a number: bytes, partitions or connections per second, a percentage) or removes (null) an entity's quotas; kept across restarts. */
  'quotas.alter': z
    .object({
      entity: quotaEntity,
      values: z
        .object({
          producer_byte_rate: byteRate,
          consumer_byte_rate: byteRate,
          request_percentage: percentage,
          controller_mutation_rate: mutationRate,
          connection_creation_rate: connectionRate
        })
        .strict()
    })
    .strict()
} as const

export type QuotaEntity = z.infer<typeof quotaEntity>

export interface ClientQuotaInfo {
  entity: QuotaEntity
  values: {
    producer_byte_rate?: number
    consumer_byte_rate?: number
    request_percentage?: number
    controller_mutation_rate?: number
    connection_creation_rate?: number
  }
}

export type QuotaKeyName = keyof ClientQuotaInfo['values']

/** A client's recent use of the quota that binds it. */
export interface QuotaUseInfo {
  key: QuotaKeyName
  /** The entity its use is counted for (defaults filled in with the client's names). */
  entity: QuotaEntity
  quota: number
  /** The broker a connection_creation_rate use is counted on (each counts its own). */
  brokerId?: number
  /**
   * The measured rate in the quota's unit: bytes per second, percent of a handler's time,
   * partitions mutated per second, or connections per second.
   */
  rate: number
  /** The rate of a byte-rate quota (0 for the others). */
  bytesPerSec: number
  throttleMsTotal: number
  lastThrottleMs: number
  lastSeen: number
}

export interface QuotasResults {
  'quotas.list': { quotas: ClientQuotaInfo[]; use: QuotaUseInfo[] }
  'quotas.alter': { quotas: ClientQuotaInfo[]; use: QuotaUseInfo[] }
}
