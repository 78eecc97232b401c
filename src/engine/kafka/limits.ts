// The broker's resource limits, under Kafka's setting names with Kafka's defaults where Kafka
// bounds them; where Kafka's default is unbounded (max.connections, queued.max.request.bytes)
// the default here is a bound fit for one machine.

export interface KafkaLimits {
  /** socket.request.max.bytes: the largest request frame; larger ones close the connection. */
  socketRequestMaxBytes: number
  /** queued.max.request.bytes: bytes of requests buffered or in flight over all connections. */
  queuedMaxRequestBytes: number
  /** max.connections: client connections over all listeners. */
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

const MiB = 1024 * 1024

export const LIMIT_SETTINGS: readonly LimitSetting[] = [
  {
    name: 'socket.request.max.bytes',
    key: 'socketRequestMaxBytes',
    default: 100 * MiB,
    min: 1024,
    max: 1024 * MiB,
    description: 'largest request frame; a larger size prefix closes the connection'
  },
  {
    name: 'queued.max.request.bytes',
    key: 'queuedMaxRequestBytes',
    default: 100 * MiB,
    min: 1024,
    max: 8192 * MiB,
    description: 'request bytes buffered or in flight over all connections; past it, reading pauses'
  },
  {
    name: 'max.connections',
    key: 'maxConnections',
    default: 1000,
    min: 1,
    max: 1_000_000,
    description: 'client connections over all listeners; more are closed on accept'
  },
  {
    name: 'max.connections.per.ip',
    key: 'maxConnectionsPerIp',
    default: 1000,
    min: 1,
    max: 1_000_000,
    description: 'client connections from one address; more are closed on accept'
  },
  {
    name: 'connections.max.idle.ms',
    key: 'connectionsMaxIdleMs',
    default: 600_000,
    min: 1000,
    max: 86_400_000,
    description: 'a connection with no request for this long is closed'
  },
  {
    name: 'request.read.timeout.ms',
    key: 'requestReadTimeoutMs',
    default: 30_000,
    min: 100,
    max: 3_600_000,
    description: 'a request frame must arrive whole within this time of its first byte'
  },
  {
    name: 'fetch.max.bytes',
    key: 'fetchMaxBytes',
    default: 55 * MiB,
    min: 1024,
    max: 1024 * MiB,
    description: 'most record bytes in one Fetch response, whatever the client asks for'
  },
  {
    name: 'message.max.bytes',
    key: 'messageMaxBytes',
    default: 1_048_588,
    min: 1024,
    max: 1024 * MiB,
    description: 'most a compressed record batch may inflate to; more is refused MESSAGE_TOO_LARGE'
  },
  {
    name: 'max.topics.per.request',
    key: 'maxTopicsPerRequest',
    default: 1000,
    min: 1,
    max: 100_000,
    description: 'topics one Metadata (auto-creation) or CreateTopics request may create'
  },
  {
    name: 'max.incremental.fetch.session.cache.slots',
    key: 'maxIncrementalFetchSessionCacheSlots',
    default: 1000,
    min: 0,
    max: 1_000_000,
    description: 'incremental fetch sessions each broker keeps; 0 serves every fetch whole'
  }
]

export const defaultKafkaLimits: KafkaLimits = Object.fromEntries(
  LIMIT_SETTINGS.map((s) => [s.key, s.default])
) as unknown as KafkaLimits
