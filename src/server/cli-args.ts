// Parses `logdeck serve` flags into options, with a clear message for every mistake.
import { parseArgs } from 'node:util'
import { defaultDataDir } from './app-data'

export interface ServeOptions {
  dataDir: string
  host: string
  advertisedHost: string
  port: number
  brokers: number
  uiPort: number | null
  token: string | null
  demo: boolean
  stoppedBrokers: number[]
  /** fsync every commit: acknowledged records also survive power loss, at some speed. */
  fsync: boolean
  /** Simulated time followers take to copy an append (ms). */
  replicationDelayMs: number
  /** replica.lag.time.max.ms */
  replicaLagTimeMaxMs: number
}

export const USAGE = `Usage: logdeck serve [--data-dir DIR | --in-memory] [--host 127.0.0.1] [--port 9092]
                     [--brokers 3] [--advertised-host HOST] [--ui-port 9080 | --no-ui]
                     [--token TOKEN] [--demo] [--stopped-brokers 1,2] [--fsync]
                     [--replication-delay-ms 0] [--replica-lag-time-max-ms 10000]`

export class UsageError extends Error {}

function intFlag(name: string, raw: string | undefined, def: number, min: number, max: number) {
  if (raw === undefined) return def
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${raw}'`)
  return n
}

function parseBrokerList(raw: string | undefined, brokers: number): number[] {
  if (raw === undefined || raw.trim() === '') return []
  const ids = raw.split(',').map((s) => s.trim())
  const bad = ids.find((id) => !/^\d+$/.test(id) || Number(id) >= brokers)
  if (bad !== undefined)
    throw new UsageError(
      `--stopped-brokers takes broker ids from 0 to ${brokers - 1}, got '${bad}'`
    )
  return [...new Set(ids.map(Number))]
}

export function parseServeArgs(argv: string[]): ServeOptions {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        'in-memory': { type: 'boolean' },
        host: { type: 'string' },
        'advertised-host': { type: 'string' },
        port: { type: 'string' },
        brokers: { type: 'string' },
        'ui-port': { type: 'string' },
        'no-ui': { type: 'boolean' },
        token: { type: 'string' },
        demo: { type: 'boolean' },
        'stopped-brokers': { type: 'string' },
        fsync: { type: 'boolean' },
        'replication-delay-ms': { type: 'string' },
        'replica-lag-time-max-ms': { type: 'string' }
      }
    }))
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
  if (values['data-dir'] !== undefined && values['in-memory'])
    throw new UsageError('--data-dir and --in-memory cannot be used together')
  if (values['ui-port'] !== undefined && values['no-ui'])
    throw new UsageError('--ui-port and --no-ui cannot be used together')
  if (values.token !== undefined && !/^[\x21-\x7e]{1,256}$/.test(values.token))
    throw new UsageError('--token must be 1-256 printable characters without spaces')
  const host = values.host ?? '127.0.0.1'
  const brokers = intFlag('brokers', values.brokers, 3, 1, 9)
  const port = intFlag('port', values.port, 9092, 0, 65535 - brokers + 1)
  return {
    dataDir: values['in-memory'] ? ':memory:' : (values['data-dir'] ?? defaultDataDir()),
    host,
    advertisedHost:
      values['advertised-host'] ?? (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host),
    port,
    brokers,
    uiPort: values['no-ui'] ? null : intFlag('ui-port', values['ui-port'], 9080, 0, 65535),
    token: values.token ?? null,
    demo: values.demo ?? false,
    stoppedBrokers: parseBrokerList(values['stopped-brokers'], brokers),
    fsync: values.fsync ?? false,
    replicationDelayMs: intFlag(
      'replication-delay-ms',
      values['replication-delay-ms'],
      0,
      0,
      3_600_000
    ),
    replicaLagTimeMaxMs: intFlag(
      'replica-lag-time-max-ms',
      values['replica-lag-time-max-ms'],
      10_000,
      100,
      86_400_000
    )
  }
}
