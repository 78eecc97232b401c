// Number formatting for the console: counts, bytes and durations.

export function formatCount(n: number): string {
  return new Intl.NumberFormat('en-US').format(n)
}

export function formatBytes(n: number): string {
  if (n < 0) return 'unlimited'
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = n
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`
}

export function formatDurationMs(ms: number): string {
  if (ms < 0) return 'forever'
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's']
  ]
  for (const [size, label] of units)
    if (ms >= size && ms % size === 0) return `${ms / size} ${label}`
  for (const [size, label] of units) if (ms >= size) return `${(ms / size).toFixed(1)} ${label}`
  return `${ms} ms`
}
