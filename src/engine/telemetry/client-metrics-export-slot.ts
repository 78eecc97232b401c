// Which collector pushed metrics go to, changeable while the broker runs: `--client-metrics-export`
// (or startCluster's clientMetricsExport) at start, else what the console set last, kept in the
// data directory (cluster_meta), so that the desktop app, which takes no flags, keeps its export
// across restarts. A change closes the exporter in place (what it still holds has its few seconds
// to go) and opens the new one.
import type { ClientMetricsExportStatus } from '../../shared/api/client-metrics'
import type { Db } from '../storage/database'
import { clusterQueries } from '../storage/cluster-queries'
import {
  checkClientMetricsExport,
  ClientMetricsExporter,
  type ClientMetricsExportOptions
} from './client-metrics-export'
import type { ClientInstance, TelemetryReceiver } from './client-metrics-manager'
import type { DecodedMetrics } from './otlp-metrics'

const META_KEY = 'client_metrics_export'

export class ClientMetricsExportSlot implements TelemetryReceiver {
  private exporter: ClientMetricsExporter | null
  private readonly queries: ReturnType<typeof clusterQueries>

  constructor(
    db: Db,
    given: ClientMetricsExportOptions | undefined,
    private readonly log: ((line: string) => void) | undefined
  ) {
    this.queries = clusterQueries(db)
    const kept = given ?? this.stored()
    this.exporter = kept ? new ClientMetricsExporter(kept, log) : null
  }

  seen(): void {}

  pushed(instance: ClientInstance, metrics: DecodedMetrics, now: number, payload: Buffer): void {
    this.exporter?.pushed(instance, metrics, now, payload)
  }

  status(): ClientMetricsExportStatus | null {
    return this.exporter?.status() ?? null
  }

  /** Sends pushes to another collector from now on (null: nowhere); throws EngineError if bad. */
  async set(options: ClientMetricsExportOptions | null): Promise<void> {
    const checked = options ? checkClientMetricsExport(options) : null
    const old = this.exporter
    this.exporter = checked ? new ClientMetricsExporter(checked, this.log) : null
    this.queries.metaUpsert.run(META_KEY, JSON.stringify(checked))
    await old?.close()
  }

  async close(): Promise<void> {
    await this.exporter?.close()
  }

  /** What the console set last; null when it stopped the export or never set one. */
  private stored(): ClientMetricsExportOptions | null {
    const row = this.queries.metaSelect.get(META_KEY)
    if (!row) return null
    try {
      const parsed = JSON.parse(row.value) as ClientMetricsExportOptions | null
      return parsed ? checkClientMetricsExport(parsed) : null
    } catch (err) {
      this.log?.(
        `the client metrics export kept in the data directory is not usable and was left off: ${err instanceof Error ? err.message : String(err)}`
      )
      return null
    }
  }
}
