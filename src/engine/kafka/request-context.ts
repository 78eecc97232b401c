// What a request handler knows about where a request came from.
import type { Engine } from '../engine'
import type { SimulatedBroker } from '../cluster/brokers'
import type { RequestHeader } from './protocol'
import { defaultKafkaLimits, limitsFrom, type KafkaLimits } from './limits'
import type { SaslSession } from './security/sasl-session'
import type { Authorizer } from '../security/authorizer'
import type { FetchSessionCache } from './fetch-sessions'

export interface KafkaSettings {
  /** num.partitions: partitions of an auto-created topic. */
  defaultPartitions: number
  /** default.replication.factor, capped at the broker count. */
  defaultReplicationFactor: number
  /** auto.create.topics.enable */
  autoCreateTopics: boolean
  /** Resource limits under Kafka's setting names (see limits.ts). */
  limits: KafkaLimits
}

export const defaultKafkaSettings: KafkaSettings = {
  defaultPartitions: 1,
  defaultReplicationFactor: 1,
  autoCreateTopics: true,
  limits: defaultKafkaLimits
}

/** The settings as the broker configs' values (`value(name)`) give them now. */
export function kafkaSettingsFrom(value: (name: string) => string | null): KafkaSettings {
  const d = defaultKafkaSettings
  return {
    defaultPartitions: Number(value('num.partitions') ?? d.defaultPartitions),
    defaultReplicationFactor: Number(
      value('default.replication.factor') ?? d.defaultReplicationFactor
    ),
    autoCreateTopics: (value('auto.create.topics.enable') ?? String(d.autoCreateTopics)) === 'true',
    limits: limitsFrom(value)
  }
}

/** Brings settings up to date in place: connections and listeners hold on to these objects. */
export function refreshKafkaSettings(
  settings: KafkaSettings,
  value: (name: string) => string | null
): void {
  const fresh = kafkaSettingsFrom(value)
  Object.assign(settings.limits, fresh.limits)
  Object.assign(settings, { ...fresh, limits: settings.limits })
}

/** What a connection learnt about its client. */
export interface ClientConnection {
  id: string
  clientPort: number | null
  softwareName: string | null
  softwareVersion: string | null
}

export interface RequestContext {
  engine: Engine
  /** The simulated broker whose listener received the request. */
  broker: SimulatedBroker
  /** The listener's name (Kafka's default: its security protocol); PLAINTEXT when absent. */
  listenerName?: string
  header: RequestHeader
  clientHost: string
  /** The connection the request came on: its id, the client's port and software (ApiVersions v3+). */
  connection?: ClientConnection
  settings: KafkaSettings
  log: (line: string) => void
  /** Whether the client connection has gone (a long poll then stops waiting). */
  closed?: () => boolean
  /** The connection's SASL state on a SASL listener; null or absent elsewhere. */
  sasl?: SaslSession | null
  /**
   * The principal's name (`User:<name>` to the authorizer): the SASL login, or on SSL the
   * client certificate's subject as ssl.principal.mapping.rules map it; null for ANONYMOUS.
   */
  user: string | null
  /** Set when ACLs are enforced (`--authorizer`): every request passes its check first. */
  authorizer?: Authorizer | null
  /** The receiving broker's fetch sessions; absent, every fetch is served whole. */
  fetchSessions?: FetchSessionCache
  /** Ends the connection once this request's answer is written (a failed login). */
  closeAfterResponse?: (why: string) => void
  /** Reads nothing more from the connection for `ms` once this answer is written (a quota's). */
  throttle?: (ms: number) => void
  /**
   * Counts `ms` of work the handler did on the event loop (a slice of mapInSlices) towards the
   * request's handling time, which request_percentage quotas measure; work done while the
   * request is not waiting is counted already, and is left out here.
   */
  countWork?: (ms: number) => void
}
