// Number, size, rate, duration and time formatting for the console.
import { localOffset, timeDisplay, type TimeDisplay } from './time-display'

const countFormat = new Intl.NumberFormat('en-US')

export function formatCount(n: number): string {
  return countFormat.format(n)
}

/** 1234 -> "1.2k", 5_600_000 -> "5.6M": for figures where the order of magnitude matters. */
export function formatCompact(n: number): string {
  const abs = Math.abs(n)
  if (abs < 1000) return Number.isInteger(n) ? String(n) : n.toFixed(1)
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k']
  ]
  for (const [size, label] of units) {
    if (abs >= size) {
      const v = n / size
      return `${Math.abs(v) < 10 ? v.toFixed(1) : Math.round(v)}${label}`
    }
  }
  return String(n)
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']

/** Bytes for people; null (the cluster does not say) shows as a dash. */
export function formatBytes(n: number | null): string {
  if (n === null) return '—'
  if (n < 0) return 'unlimited'
  let v = n
  let i = 0
  while (v >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024
    i++
  }
  if (i === 0) return `${formatCount(Math.round(v))} B`
  return `${v < 10 ? v.toFixed(1) : formatCount(Math.round(v))} ${BYTE_UNITS[i]}`
}

/**
 * Bytes in decimal megabytes, for figures set beside one given in MB (as Kafka sizing guides
 * give partition throughput): "51.2 MB", "0.05 MB", "1,024 MB".
 */
export function formatMegabytes(n: number): string {
  const mb = n / 1_000_000
  const digits = mb >= 100 ? 0 : mb >= 1 ? 1 : 2
  return `${mb.toLocaleString('en-US', { maximumFractionDigits: digits })} MB`
}

/**
 * A rate by the same rule as sizes: two decimals below 1, one below 10, whole numbers up to
 * 999, then compact ("0.50 msg/s", "4.0 msg/s", "45 msg/s", "1.5k msg/s"); exactly 0 is "0".
 */
export function formatRate(perSec: number, unit = 'msg'): string {
  if (perSec === 0) return `0 ${unit}/s`
  if (perSec < 1) return `${perSec.toFixed(2)} ${unit}/s`
  if (perSec < 10) return `${perSec.toFixed(1)} ${unit}/s`
  if (Math.round(perSec) < 1000) return `${Math.round(perSec)} ${unit}/s`
  return `${formatCompact(Math.round(perSec))} ${unit}/s`
}

const DURATION_UNITS: [number, string][] = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's']
]

export function formatDurationMs(ms: number): string {
  if (ms < 0) return 'forever'
  for (const [size, label] of DURATION_UNITS)
    if (ms >= size && ms % size === 0) return `${ms / size} ${label}`
  for (const [size, label] of DURATION_UNITS)
    if (ms >= size) return `${(ms / size).toFixed(1)} ${label}`
  return `${ms} ms`
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

export interface TimestampOptions {
  /** Local time, UTC or ISO 8601; the Settings choice when omitted. */
  display?: TimeDisplay
  /**
   * Say the zone after the time ("+01:00", "UTC"): true unless a column header says it
   * (ISO 8601 always ends in Z).
   */
  zone?: boolean
}

/**
 * A point in time with milliseconds, as Settings chose: "2026-11-22 14:03:07.123 +01:00" (local),
 * "2026-11-22 13:03:07.123 UTC", or "2026-11-22T13:03:07.123Z" (ISO 8601).
 */
export function formatTimestamp(ms: number, opts: TimestampOptions = {}): string {
  const d = new Date(ms)
  if (Number.isNaN(d.getTime())) return String(ms)
  const display = opts.display ?? timeDisplay.value
  const zone = opts.zone ?? true
  if (display === 'iso') return d.toISOString()
  const utc = display === 'utc'
  const text =
    `${utc ? d.getUTCFullYear() : d.getFullYear()}-${pad((utc ? d.getUTCMonth() : d.getMonth()) + 1)}-` +
    `${pad(utc ? d.getUTCDate() : d.getDate())} ${pad(utc ? d.getUTCHours() : d.getHours())}:` +
    `${pad(utc ? d.getUTCMinutes() : d.getMinutes())}:${pad(utc ? d.getUTCSeconds() : d.getSeconds())}` +
    `.${pad(utc ? d.getUTCMilliseconds() : d.getMilliseconds(), 3)}`
  if (!zone) return text
  return `${text} ${utc ? 'UTC' : localOffset(ms)}`
}

/** "just now", "5 s ago", "3 min ago", "2 h ago", or the date for anything older than a day. */
export function formatAge(ms: number, now = Date.now()): string {
  const diff = now - ms
  if (diff < 0) return 'in the future'
  if (diff < 1000) return 'just now'
  if (diff < 60_000) return `${Math.floor(diff / 1000)} s ago`
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)} min ago`
  if (diff < 86_400_000) return `${Math.floor(diff / 3_600_000)} h ago`
  return formatTimestamp(ms, { zone: false }).slice(0, 10)
}

/** A ratio such as a partition's load over the mean, as the hot partitions view gives it: "3.54×". */
export function formatTimes(n: number): string {
  return `${n.toFixed(2)}×`
}

export function formatPercent(share: number, digits = 0): string {
  return `${(share * 100).toFixed(digits)}%`
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

/**
 * A span of time as people say it, to two units at most: "800 ms", "27 s", "4 min 10 s",
 * "5 h 59 min", "2 d 3 h". For lag, deadlines and estimates, where precision beyond that is
 * noise.
 */
export function formatSpan(ms: number): string {
  if (!Number.isFinite(ms)) return 'never'
  const abs = Math.abs(ms)
  const sign = ms < 0 ? '-' : ''
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`
  const parts: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's']
  ]
  for (let i = 0; i < parts.length; i++) {
    const [size, label] = parts[i]
    if (abs < size) continue
    const whole = Math.floor(abs / size)
    if (i === parts.length - 1) return `${sign}${whole} s`
    const [nextSize, nextLabel] = parts[i + 1]
    const rest = Math.floor((abs - whole * size) / nextSize)
    return `${sign}${whole} ${label}${rest > 0 ? ` ${rest} ${nextLabel}` : ''}`
  }
  return `${sign}${Math.round(abs)} ms`
}

/** Wall-clock time of day: "14:03:07", in UTC when Settings say UTC or ISO 8601. */
export function formatClock(ms: number, display: TimeDisplay = timeDisplay.value): string {
  const d = new Date(ms)
  if (display !== 'local')
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** Partition numbers as ranges: [0, 1, 2, 5, 7, 8] -> "0–2, 5, 7–8". */
export function formatRanges(ns: readonly number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b)
  const out: string[] = []
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++
    out.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]))
    i = j + 1
  }
  return out.join(', ')
}

/** A signed count: "+10", "-3", "0". */
export function formatDelta(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : formatCount(n)
}
