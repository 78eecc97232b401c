// What the embedded cluster knows of each broker config: its name, value type, default, Kafka's
// update mode and where a value comes from. The configs themselves are in broker-configs.ts.
import type { TopicConfigKind } from './topic-configs'
import type { KafkaConfigType } from './broker-configs-kafka'

/**
 * Kafka's update modes: read-only configs are set at start only; cluster-wide ones may also be
 * changed at run time for every broker (the resource '') or for one (its id); per-broker ones
 * only for one broker.
 */
export type BrokerConfigUpdateMode = 'read-only' | 'per-broker' | 'cluster-wide'

/** Where a broker config's value comes from, most specific first (DescribeConfigs' ConfigSource). */
export type BrokerConfigSource =
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DEFAULT_CONFIG'

export interface BrokerConfigDef {
  name: string
  /** Kafka's default; null when unset unless given (log.retention.ms defers to .hours). */
  defaultValue: string | null
  doc: string
  kind: TopicConfigKind
  updateMode: BrokerConfigUpdateMode
  /** The topic config this one is the broker-wide default of. */
  topicConfig?: string
  /** Milliseconds in one unit of the value, for topic defaults given in hours or minutes. */
  unitMs?: number
  /** False for configs the embedded cluster keeps and describes without acting on them. */
  embedded: boolean
  /**
   * Set by Logdeck's own flags (--listener, --tls-cert, --sasl.enabled.mechanisms ...) and
   * described from the running configuration: its start-time value is in effect, though a value
   * set at run time is kept without effect (embedded is false: --broker-config names the flag).
   */
  runningConfig?: boolean
  /**
   * Given at start only here, though Kafka changes it at run time (listeners, per broker): the
   * engine refuses to alter it, and the console offers no edit.
   */
  startOnly?: boolean
  /**
   * A listener's own form of this config (listener.name.<listener>.ssl.keystore.location stands
   * in for ssl.keystore.location on that listener): listed as its first synonym, as Kafka does.
   */
  listenerFormOf?: string
  /** Described only where some level gives it a value, as Kafka lists a listener's own configs. */
  listedWhenSet?: boolean
  /** A secret (Kafka's PASSWORD type): described without its value. */
  sensitive?: boolean
  /** Kafka's type where the kind does not say it (short, class, password, a list of any names). */
  configType?: KafkaConfigType
}
