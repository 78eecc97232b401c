// The last metrics each client instance pushed, for the console: bounded to MAX_CLIENTS instances
// (the one heard from longest ago goes first) and MAX_METRICS points per instance (the one updated
// longest ago goes first). Kept in memory only, as Kafka hands pushes to a plugin and keeps none.
import type { ClientInstance, TelemetryReceiver } from './client-metrics-manager'
import type { DecodedMetrics, MetricPoint } from './otlp-metrics'

export const MAX_CLIENTS = 200
export const MAX_METRICS = 2000

/** A point as kept: the last one sent, and for delta sums the running total since first seen. */
export interface KeptMetric extends MetricPoint {
  total?: number
}

export interface ClientTelemetry {
  clientInstanceId: string
  clientId: string | null
  softwareName: string | null
  softwareVersion: string | null
  sourceAddress: string
  sourcePort: number | null
  brokerId: number
  subscriptionId: number
  pushIntervalMs: number
  requestedMetrics: string[]
  firstSeen: number
  lastSeen: number
  lastPush: number | null
  pushes: number
  terminating: boolean
  /** The payload's resource attributes (the client's own description of itself). */
  resource: Record<string, string>
  metrics: KeptMetric[]
}

interface Entry {
  info: Omit<ClientTelemetry, 'metrics'>
  metrics: Map<string, KeptMetric>
}

const pointKey = (p: MetricPoint) =>
  `${p.name}\u0000${Object.entries(p.attributes)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('\u0000')}`

export class ClientTelemetryStore implements TelemetryReceiver {
  private readonly clients = new Map<string, Entry>()

  constructor(
    private readonly maxClients = MAX_CLIENTS,
    private readonly maxMetrics = MAX_METRICS
  ) {}

  seen(instance: ClientInstance, now: number): void {
    const previous = this.clients.get(instance.id)
    const c = instance.client
    const entry: Entry = previous ?? {
      info: {
        clientInstanceId: instance.id,
        clientId: c.clientId,
        softwareName: c.softwareName,
        softwareVersion: c.softwareVersion,
        sourceAddress: c.sourceAddress,
        sourcePort: c.sourcePort,
        brokerId: c.brokerId,
        subscriptionId: instance.subscriptionId,
        pushIntervalMs: instance.pushIntervalMs,
        requestedMetrics: instance.metrics,
        firstSeen: now,
        lastSeen: now,
        lastPush: null,
        pushes: 0,
        terminating: false,
        resource: {}
      },
      metrics: new Map()
    }
    Object.assign(entry.info, {
      brokerId: c.brokerId,
      sourcePort: c.sourcePort,
      subscriptionId: instance.subscriptionId,
      pushIntervalMs: instance.pushIntervalMs,
      requestedMetrics: instance.metrics,
      terminating: instance.terminating,
      lastSeen: now
    })
    this.clients.delete(instance.id)
    this.clients.set(instance.id, entry)
    while (this.clients.size > this.maxClients)
      this.clients.delete(this.clients.keys().next().value as string)
  }

  pushed(instance: ClientInstance, metrics: DecodedMetrics, now: number): void {
    const entry = this.clients.get(instance.id)
    if (!entry) return
    entry.info.lastPush = now
    entry.info.pushes++
    Object.assign(entry.info.resource, metrics.resource)
    for (const point of metrics.points) {
      const key = pointKey(point)
      const before = entry.metrics.get(key)
      const kept: KeptMetric = { ...point }
      if (point.kind === 'sum' && point.temporality === 'delta')
        kept.total = (before?.total ?? 0) + (point.value ?? 0)
      entry.metrics.delete(key)
      entry.metrics.set(key, kept)
    }
    while (entry.metrics.size > this.maxMetrics)
      entry.metrics.delete(entry.metrics.keys().next().value as string)
  }

  /** Every instance kept, the one heard from last first, its metrics by name. */
  list(): ClientTelemetry[] {
    return [...this.clients.values()].reverse().map((e) => ({
      ...e.info,
      requestedMetrics: [...e.info.requestedMetrics],
      resource: { ...e.info.resource },
      metrics: [...e.metrics.values()].sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0
      )
    }))
  }
}
