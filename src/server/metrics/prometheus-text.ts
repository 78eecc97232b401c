// Prometheus's text exposition format (version 0.0.4) for gauges and counters: a HELP and a TYPE
// line per metric, then one sample a line, label values escaped as the format says (backslash,
// double quote, line feed).

export interface GaugeSample {
  labels: Record<string, string>
  value: number
}

export interface Gauge {
  name: string
  help: string
  samples: GaugeSample[]
  /** A counter only goes up (from 0 when its process starts); default gauge. */
  type?: 'gauge' | 'counter'
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

const escapeLabel = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')

function number(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (v === Infinity) return '+Inf'
  if (v === -Infinity) return '-Inf'
  return String(v)
}

export function exposition(gauges: readonly Gauge[]): string {
  const out: string[] = []
  for (const g of gauges) {
    out.push(`# HELP ${g.name} ${escapeHelp(g.help)}`, `# TYPE ${g.name} ${g.type ?? 'gauge'}`)
    for (const s of g.samples) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',')
      out.push(`${g.name}${labels ? `{${labels}}` : ''} ${number(s.value)}`)
    }
  }
  return out.join('\n') + '\n'
}
