// Contract area: a cluster's broker configs (src/shared/kafka/broker-configs.ts for the embedded one), as
// DescribeConfigs / AlterConfigs on the BROKER resource show and change them.
import { z } from 'zod'
import { brokerIdNumber } from '../schema-parts'
import type { BrokerConfigSource, BrokerConfigUpdateMode } from '../kafka/broker-config-def'

/** A broker's id, or null (or absent) for every broker: Kafka's cluster-wide default ''. */
const brokerId = brokerIdNumber.nullable().optional()

export const brokerConfigsParams = {
  /** Every broker config with its value, source, default and documentation. */
  'brokers.describeConfigs': z.object({ brokerId }).strict(),
  /**
   * Sets (a string) or removes (null: back to the start-time value or Kafka's default) run-time
   * configs, all or nothing; kept across restarts. Read-only configs are refused, naming them.
   */
  'brokers.alterConfigs': z
    .object({
      brokerId,
      configs: z
        .record(z.string().min(1).max(255), z.string().max(10_000).nullable())
        .refine((c) => Object.keys(c).length > 0, { message: 'Name at least one config' }),
      validateOnly: z.boolean().optional()
    })
    .strict()
} as const

export interface BrokerConfigInfo {
  name: string
  /** null: no value at any level (log.retention.ms when log.retention.hours decides). */
  value: string | null
  source: BrokerConfigSource
  /** Kafka's default. */
  defaultValue: string | null
  doc: string
  updateMode: BrokerConfigUpdateMode
  type: 'long' | 'int' | 'double' | 'boolean' | 'enum' | 'list' | 'text'
  unit?: 'ms' | 'bytes'
  /** For enum and list configs, the values allowed. */
  values?: readonly string[]
  /** The topic config it is the default of. */
  topicConfig?: string
  /** False: kept and described, with no effect on the embedded cluster. */
  embedded: boolean
  /**
   * Set by the flags that start the embedded cluster and described from its running
   * configuration (listeners, ssl.*, sasl.enabled.mechanisms): in effect as started, a run-time
   * value is kept without effect.
   */
  runningConfig?: boolean
  /** A secret (Kafka's password type): described without its value. */
  sensitive?: boolean
  /**
   * Given at start only on this cluster, though Kafka changes it at run time (a broker's
   * listeners): AlterConfigs refuses it.
   */
  startOnly?: boolean
  /** The values of this config and its synonyms at every level that sets one, the winner first. */
  synonyms: { name: string; value: string; source: BrokerConfigSource }[]
}

export interface BrokerConfigsResult {
  /** null: the values every broker has unless one is set for it alone. */
  brokerId: number | null
  configs: BrokerConfigInfo[]
}

export interface BrokerConfigsResults {
  'brokers.describeConfigs': BrokerConfigsResult
  'brokers.alterConfigs': BrokerConfigsResult
}
