// `--metrics-port` and `--broker-metrics-port` (the i-th broker's metrics on PORT+i) checked
// against the ports the brokers, the console and the schema registry listen on, and against each
// other: a clash is refused naming both flags, rather than met when a server cannot listen.
import { UsageError } from './cli-errors'

/** Ports a flag takes: `first` to `last` (a single port when they are equal). */
export interface TakenPorts {
  flag: string
  first: number
  last: number
}

function portsText(r: TakenPorts): string {
  return r.first === r.last ? `port ${r.first}` : `ports ${r.first}-${r.last}`
}

/** Refuses a metrics port (0 takes a free one, clashing with nothing) among `taken`. */
export function checkMetricsPorts(
  metricsPort: number | null,
  brokerMetricsPort: number | null,
  brokers: number,
  taken: readonly TakenPorts[]
): void {
  const others = taken.filter((t) => t.first !== 0)
  const check = (flag: string, port: number | null, count: number) => {
    if (port === null || port === 0) return
    const mine = { flag, first: port, last: port + count - 1 }
    const clash = others.find((t) => t.first <= mine.last && mine.first <= t.last)
    if (clash)
      throw new UsageError(
        count === 1
          ? `${flag} ${port}: its ${portsText(mine)} clashes with ${clash.flag} (${portsText(clash)})`
          : `${flag} ${port}: its brokers' ${portsText(mine)} clash with ${clash.flag} (${portsText(clash)})`
      )
    others.push(mine)
  }
  check('--metrics-port', metricsPort, 1)
  check('--broker-metrics-port', brokerMetricsPort, brokers)
}
