// The CLIENT_METRICS resources (subscriptions) of the cluster: their configs as they were set,
// kept in SQLite across restarts. A resource whose last config is deleted is gone, as in Kafka.
// Each change bumps `version`, so that client instances re-evaluate their subscription.
import type { Db } from '../storage/database'
import { clientMetricsQueries } from '../storage/client-metrics-queries'
import { parseClientMetricsConfigs, type ClientMetricsSubscription } from './client-metrics-configs'

/** A change to one resource's configs: values set, configs removed. */
export interface ClientMetricsChange {
  name: string
  set: Record<string, string>
  remove: string[]
}

export class ClientMetricsResources {
  private readonly q
  private readonly configs = new Map<string, Record<string, string>>()
  private readonly parsed = new Map<string, ClientMetricsSubscription>()
  private changes = 0

  constructor(private readonly db: Db) {
    this.q = clientMetricsQueries(db)
    for (const r of this.q.clientMetricsSelectAll.all()) {
      const configs = this.configs.get(r.resource) ?? {}
      configs[r.name] = r.value
      this.configs.set(r.resource, configs)
    }
    for (const [name, configs] of this.configs) {
      try {
        this.parsed.set(name, parseClientMetricsConfigs(name, configs))
      } catch {
        // A resource this version refuses is kept in the table and listed, matching no client.
      }
    }
  }

  /** Goes up by one with each change to any resource. */
  get version(): number {
    return this.changes
  }

  /** The resources' names, sorted. */
  names(): string[] {
    return [...this.configs.keys()].sort()
  }

  /** A resource's configs as set (empty for one that does not exist). */
  configsOf(name: string): Record<string, string> {
    return { ...this.configs.get(name) }
  }

  /** Every valid subscription. */
  subscriptions(): ClientMetricsSubscription[] {
    return [...this.parsed.values()]
  }

  /** Applies a change, checked as a whole (nothing changes on a refusal); kept across restarts. */
  alter(change: ClientMetricsChange, validateOnly = false): void {
    const next = { ...this.configs.get(change.name) }
    for (const k of change.remove) delete next[k]
    Object.assign(next, change.set)
    const parsed = parseClientMetricsConfigs(change.name, next)
    if (validateOnly) return
    this.db.transaction(() => {
      for (const k of change.remove)
        if (!(k in change.set)) this.q.clientMetricsDelete.run(change.name, k)
      for (const [k, v] of Object.entries(change.set))
        this.q.clientMetricsUpsert.run(change.name, k, v)
    })()
    if (Object.keys(next).length === 0) {
      if (!this.configs.delete(change.name)) return
      this.parsed.delete(change.name)
    } else {
      this.configs.set(change.name, next)
      this.parsed.set(change.name, parsed)
    }
    this.changes++
  }
}
