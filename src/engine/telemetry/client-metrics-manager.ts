// Client telemetry (KIP-714) as Kafka's ClientMetricsManager serves it: client instances (a new
// Uuid for a client that sends the zero one), each subscribed to the metrics of every
// CLIENT_METRICS resource whose `match` selectors all match it, with the lowest push interval of
// those; a subscription id that changes when its subscription does; GetTelemetrySubscriptions
// and PushTelemetry refused when they come before the push interval (THROTTLING_QUOTA_EXCEEDED),
// name an old subscription (UNKNOWN_SUBSCRIPTION_ID), a codec that does not exist
// (UNSUPPORTED_COMPRESSION_TYPE), more than telemetry.max.bytes (TELEMETRY_TOO_LARGE), a payload
// that does not decode (INVALID_RECORD), or follow a terminating push (INVALID_REQUEST).
// Instances are kept while their clients are connected, for at most max(60 s, 3 push
// intervals) without a request, and at most MAX_INSTANCES of them (the least recent goes).
import { randomUUID } from 'node:crypto'
import { ErrorCode } from '../../shared/kafka/error-codes'
import { crc32c } from '../records/crc'
import { CompressionType, decompress, isCompressionType } from '../records/compression'
import {
  DEFAULT_PUSH_INTERVAL_MS,
  type ClientMatchSelector,
  type ClientMetricsSubscription
} from './client-metrics-configs'
import { decodeMetricsData, type DecodedMetrics } from './otlp-metrics'

const ZERO_UUID = '00000000-0000-0000-0000-000000000000'
/** Kafka's reserved ids (zero, and the metadata topic's), never a client instance's. */
const RESERVED_UUIDS = new Set([ZERO_UUID, '00000000-0000-0000-0000-000000000001'])
/** Codecs a client may push with, in Kafka's order of preference. */
const ACCEPTED_COMPRESSION_TYPES = [
  CompressionType.Zstd,
  CompressionType.Lz4,
  CompressionType.Gzip,
  CompressionType.Snappy
]
const ALL_METRICS = '*'
const MAX_INSTANCES = 16384
const MIN_EXPIRY_MS = 60_000

/** Who is asking: what a CLIENT_METRICS `match` may select on, and the connection. */
export interface TelemetryClient {
  clientId: string | null
  softwareName: string | null
  softwareVersion: string | null
  sourceAddress: string
  sourcePort: number | null
  /** The connection's principal, e.g. User:alice or User:ANONYMOUS. */
  principal: string
  /** The connection, so that its instance goes when it closes. */
  connectionId: string
  brokerId: number
}

/** A client instance as the broker knows it. */
export interface ClientInstance {
  id: string
  client: TelemetryClient
  subscriptionId: number
  subscriptionVersion: number
  metrics: string[]
  pushIntervalMs: number
  lastGetMs: number
  lastPushMs: number
  lastRequestMs: number
  terminating: boolean
  lastError: number
}

export interface SubscriptionAnswer {
  errorCode: number
  errorMessage?: string
  clientInstanceId: string
  subscriptionId: number
  acceptedCompressionTypes: number[]
  pushIntervalMs: number
  telemetryMaxBytes: number
  deltaTemporality: boolean
  requestedMetrics: string[]
}

export interface PushRequest {
  clientInstanceId: string
  subscriptionId: number
  terminating: boolean
  compressionType: number
  metrics: Buffer
}

/**
 * Where accepted pushes and instances' requests go (the store the console reads, the export to a
 * collector): the metrics decoded, and the MetricsData payload as the client encoded it.
 */
export interface TelemetryReceiver {
  seen(instance: ClientInstance, now: number): void
  pushed(instance: ClientInstance, metrics: DecodedMetrics, now: number, payload: Buffer): void
}

/** One receiver that hands everything to each of `receivers`. */
export function allReceivers(...receivers: TelemetryReceiver[]): TelemetryReceiver {
  return {
    seen: (instance, now) => receivers.forEach((r) => r.seen(instance, now)),
    pushed: (instance, metrics, now, payload) =>
      receivers.forEach((r) => r.pushed(instance, metrics, now, payload))
  }
}

export interface ClientMetricsSource {
  readonly version: number
  subscriptions(): ClientMetricsSubscription[]
}

class Refused extends Error {
  constructor(
    readonly code: number,
    message: string
  ) {
    super(message)
  }
}

/** Java's Uuid.hashCode: the two halves' XOR, folded to 32 bits. */
function uuidHash(id: string): number {
  const hex = id.replace(/-/g, '')
  const h = BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`) ^ BigInt(`0x${hex.slice(16)}`))
  return Number(BigInt.asIntN(32, h >> 32n)) ^ Number(BigInt.asIntN(32, h))
}

/** What CLIENT_METRICS `match` selectors select on: a client instance's attributes. */
export function attributesOf(
  id: string,
  c: TelemetryClient
): Record<ClientMatchSelector, string | null> {
  return {
    client_instance_id: id,
    client_id: c.clientId,
    client_software_name: c.softwareName,
    client_software_version: c.softwareVersion,
    client_source_address: c.sourceAddress,
    client_source_port: c.sourcePort === null ? null : String(c.sourcePort)
  }
}

export class ClientMetricsManager {
  /** By instance id, least recently used first. */
  private readonly instances = new Map<string, ClientInstance>()
  private readonly byConnection = new Map<string, string>()

  constructor(
    private readonly resources: ClientMetricsSource,
    private readonly telemetryMaxBytes: () => number,
    private readonly receiver: TelemetryReceiver
  ) {}

  getSubscriptions(requestedId: string, client: TelemetryClient, now: number): SubscriptionAnswer {
    const id = requestedId === ZERO_UUID ? this.newInstanceId() : requestedId
    const instance = this.instance(id, client, now)
    const answer = {
      clientInstanceId: id,
      subscriptionId: instance.subscriptionId,
      acceptedCompressionTypes: ACCEPTED_COMPRESSION_TYPES,
      pushIntervalMs: instance.pushIntervalMs,
      telemetryMaxBytes: this.telemetryMaxBytes(),
      deltaTemporality: true,
      requestedMetrics: instance.metrics
    }
    if (now - Math.max(instance.lastGetMs, instance.lastPushMs) < instance.pushIntervalMs)
      return {
        ...answer,
        errorCode: ErrorCode.THROTTLING_QUOTA_EXCEEDED,
        errorMessage: `Request from the client [${requestedId}] arrived before the next push interval time`
      }
    instance.lastGetMs = now
    instance.lastError = ErrorCode.NONE
    this.receiver.seen(instance, now)
    return { ...answer, errorCode: ErrorCode.NONE }
  }

  push(req: PushRequest, client: TelemetryClient, now: number): { code: number; message?: string } {
    if (RESERVED_UUIDS.has(req.clientInstanceId))
      return {
        code: ErrorCode.INVALID_REQUEST,
        message: `Invalid request from the client [${req.clientInstanceId}], invalid client instance id`
      }
    const instance = this.instance(req.clientInstanceId, client, now)
    let decoded: { metrics: DecodedMetrics; payload: Buffer } | null = null
    try {
      this.checkPush(req, instance, now)
    } catch (err) {
      if (!(err instanceof Refused)) throw err
      instance.lastError = err.code
      return { code: err.code, message: err.message }
    } finally {
      instance.terminating = req.terminating
    }
    if (req.metrics.length > 0)
      try {
        const type = req.compressionType as CompressionType
        const payload = decompress(type, req.metrics, this.telemetryMaxBytes() * 64)
        decoded = { metrics: decodeMetricsData(payload), payload }
      } catch {
        instance.lastError = ErrorCode.INVALID_RECORD
        return { code: ErrorCode.INVALID_RECORD, message: 'The metrics payload could not be read' }
      }
    instance.lastError = ErrorCode.NONE
    this.receiver.seen(instance, now)
    if (decoded) this.receiver.pushed(instance, decoded.metrics, now, decoded.payload)
    return { code: ErrorCode.NONE }
  }

  /** Forgets the instance of a connection that closed, as Kafka does. */
  connectionClosed(connectionId: string): void {
    const id = this.byConnection.get(connectionId)
    if (id === undefined) return
    this.byConnection.delete(connectionId)
    this.instances.delete(id)
  }

  /** Whether a client instance is known (connected, asked lately) now. */
  isLive(id: string, now: number): boolean {
    const instance = this.instances.get(id)
    return instance !== undefined && !this.expired(instance, now)
  }

  private checkPush(req: PushRequest, instance: ClientInstance, now: number): void {
    const id = req.clientInstanceId
    if (instance.terminating)
      throw new Refused(
        ErrorCode.INVALID_REQUEST,
        `Client [${id}] sent the previous request with state terminating to TRUE, can not accept any requests after that`
      )
    // A push right after GetTelemetrySubscriptions is taken whatever the interval (clients
    // jitter it); a terminating push always is.
    const accepted =
      instance.lastGetMs > instance.lastPushMs ||
      now - instance.lastPushMs >= instance.pushIntervalMs
    if (accepted) instance.lastPushMs = now
    else if (!req.terminating)
      throw new Refused(
        ErrorCode.THROTTLING_QUOTA_EXCEEDED,
        `Request from the client [${id}] arrived before the next push interval time`
      )
    if (req.subscriptionId !== instance.subscriptionId)
      throw new Refused(
        ErrorCode.UNKNOWN_SUBSCRIPTION_ID,
        `Unknown client subscription id for the client [${id}]`
      )
    if (!isCompressionType(req.compressionType))
      throw new Refused(
        ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
        `Unknown compression type [${req.compressionType}] is received in telemetry request from [${id}]`
      )
    if (req.metrics.length > this.telemetryMaxBytes())
      throw new Refused(
        ErrorCode.TELEMETRY_TOO_LARGE,
        `Telemetry request from [${id}] is larger than the maximum allowed size [${this.telemetryMaxBytes()}]`
      )
  }

  private newInstanceId(): string {
    let id = randomUUID()
    while (this.instances.has(id) || RESERVED_UUIDS.has(id)) id = randomUUID()
    return id
  }

  private expired(instance: ClientInstance, now: number): boolean {
    return now - instance.lastRequestMs > Math.max(MIN_EXPIRY_MS, 3 * instance.pushIntervalMs)
  }

  /** The instance, made (or made again, when the subscriptions changed) as needed. */
  private instance(id: string, client: TelemetryClient, now: number): ClientInstance {
    let instance = this.instances.get(id)
    if (instance && this.expired(instance, now)) instance = undefined
    if (!instance || instance.subscriptionVersion < this.resources.version) {
      instance = this.evaluate(id, instance?.client ?? client)
      this.instances.delete(id)
    } else this.instances.delete(id) // re-inserted below: most recently used last
    instance.lastRequestMs = now
    this.instances.set(id, instance)
    this.byConnection.set(client.connectionId, id)
    while (this.instances.size > MAX_INSTANCES) {
      const oldest = this.instances.keys().next().value as string
      this.instances.delete(oldest)
    }
    return instance
  }

  private evaluate(id: string, client: TelemetryClient): ClientInstance {
    const attributes = attributesOf(id, client)
    let pushIntervalMs = DEFAULT_PUSH_INTERVAL_MS
    const metrics = new Set<string>()
    for (const s of this.resources.subscriptions()) {
      const matches = [...s.match].every(([selector, regex]) => {
        const value = attributes[selector]
        return value !== null && regex.test(value)
      })
      if (!matches) continue
      for (const m of s.metrics) metrics.add(m)
      pushIntervalMs = Math.min(pushIntervalMs, s.intervalMs)
    }
    const list = metrics.has(ALL_METRICS) ? [ALL_METRICS] : [...metrics].sort()
    // Kafka's: a CRC-32C of the metrics and the interval, XORed with the instance id's hash.
    const crc = crc32c(Buffer.from(`[${list.join(', ')}]${pushIntervalMs}`, 'utf8'))
    return {
      id,
      client,
      subscriptionId: (crc | 0) ^ uuidHash(id),
      subscriptionVersion: this.resources.version,
      metrics: list,
      pushIntervalMs,
      lastGetMs: 0,
      lastPushMs: 0,
      lastRequestMs: 0,
      terminating: false,
      lastError: ErrorCode.NONE
    }
  }
}
