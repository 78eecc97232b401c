// --client-metrics-export URL, --client-metrics-export-protocol and --client-metrics-export-header
// NAME=VALUE: where the metrics clients push (KIP-714) are sent on and how, checked as the engine
// checks them, each mistake naming its flag.
import { EngineError } from '../engine/engine-error'
import {
  checkClientMetricsExport,
  type ClientMetricsExportOptions,
  type OtlpProtocol
} from '../engine/telemetry/client-metrics-export'
import { UsageError } from './cli-errors'

export function parseClientMetricsExportFlags(
  url: string | undefined,
  protocol: string | undefined,
  headerFlags: readonly string[]
): ClientMetricsExportOptions | null {
  if (url === undefined) {
    if (headerFlags.length > 0)
      throw new UsageError('--client-metrics-export-header needs --client-metrics-export URL')
    if (protocol !== undefined)
      throw new UsageError('--client-metrics-export-protocol needs --client-metrics-export URL')
    return null
  }
  const headers: Record<string, string> = {}
  for (const pair of headerFlags) {
    const eq = pair.indexOf('=')
    if (eq <= 0)
      throw new UsageError(`--client-metrics-export-header takes NAME=VALUE, got '${pair}'`)
    headers[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim()
  }
  try {
    return checkClientMetricsExport({
      url,
      headers,
      ...(protocol === undefined ? {} : { protocol: protocol as OtlpProtocol })
    })
  } catch (err) {
    if (!(err instanceof EngineError)) throw err
    const flag = err.field?.endsWith('headers')
      ? 'client-metrics-export-header'
      : err.field?.endsWith('protocol')
        ? 'client-metrics-export-protocol'
        : 'client-metrics-export'
    throw new UsageError(`--${flag}: ${err.message}`)
  }
}
