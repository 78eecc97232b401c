// The broker's resource limits, under Kafka's setting names with Kafka's defaults where Kafka
// bounds them; where Kafka's default is unbounded (max.connections, queued.max.request.bytes)
// the default here is a bound fit for one machine.
import { brokerConfigDefs } from '../../shared/kafka/broker-configs'

export interface KafkaLimits {
  /** socket.request.max.bytes: the largest request frame; larger ones close the connection. */
  socketRequestMaxBytes: number
  /** queued.max.request.bytes: bytes of requests buffered or in flight over all connections. */
  queuedMaxRequestBytes: number
  /** max.connections: client connections a broker holds (read per broker by its listeners). */
  maxConnections: number
  /** max.connections.per.ip: client connections from one address. */
  maxConnectionsPerIp: number
  /** connections.max.idle.ms: a connection with nothing in flight for this long is closed. */
  connectionsMaxIdleMs: number
  /** request.read.timeout.ms: a frame must arrive whole within this time of its first byte. */
  requestReadTimeoutMs: number
  /** fetch.max.bytes: the most record bytes one Fetch response carries. */
  fetchMaxBytes: number
  /** message.max.bytes: the most a compressed record batch may inflate to. */
  messageMaxBytes: number
  /** max.topics.per.request: topics one request may create (Metadata auto-creation, CreateTopics). */
  maxTopicsPerRequest: number
  /** max.request.partition.size.limit: the most partitions one DescribeTopicPartitions answers. */
  maxRequestPartitionSizeLimit: number
  /** max.incremental.fetch.session.cache.slots: fetch sessions (KIP-227) each broker keeps. */
  maxIncrementalFetchSessionCacheSlots: number
}

export interface LimitSetting {
  name: string
  key: keyof KafkaLimits
  default: number
  min: number
  max: number
  description: string
}

/** Each limit's broker config (src/shared/kafka/broker-configs.ts holds their bounds and docs). */
const LIMIT_KEYS: Record<string, keyof KafkaLimits> = {
  'socket.request.max.bytes': 'socketRequestMaxBytes',
  'queued.max.request.bytes': 'queuedMaxRequestBytes',
  'max.connections': 'maxConnections',
  'max.connections.per.ip': 'maxConnectionsPerIp',
  'connections.max.idle.ms': 'connectionsMaxIdleMs',
  'request.read.timeout.ms': 'requestReadTimeoutMs',
  'fetch.max.bytes': 'fetchMaxBytes',
  'message.max.bytes': 'messageMaxBytes',
  'max.topics.per.request': 'maxTopicsPerRequest',
  'max.request.partition.size.limit': 'maxRequestPartitionSizeLimit',
  'max.incremental.fetch.session.cache.slots': 'maxIncrementalFetchSessionCacheSlots'
}

export const LIMIT_SETTINGS: readonly LimitSetting[] = Object.entries(LIMIT_KEYS).map(
  ([name, key]) => {
    const def = brokerConfigDefs.get(name)
    if (!def || (def.kind.type !== 'int' && def.kind.type !== 'long'))
      throw new Error(`limit ${name} is not a whole-number broker config`)
    return {
      name,
      key,
      default: Number(def.defaultValue),
      min: def.kind.min ?? 0,
      max: def.kind.max ?? Number.MAX_SAFE_INTEGER,
      description: def.doc.charAt(0).toLowerCase() + def.doc.slice(1)
    }
  }
)

/** The limits as the broker configs' values give them. */
export function limitsFrom(value: (name: string) => string | null): KafkaLimits {
  return Object.fromEntries(
    LIMIT_SETTINGS.map((s) => [s.key, Number(value(s.name) ?? s.default)])
  ) as unknown as KafkaLimits
}

export const defaultKafkaLimits: KafkaLimits = Object.fromEntries(
  LIMIT_SETTINGS.map((s) => [s.key, s.default])
) as unknown as KafkaLimits
