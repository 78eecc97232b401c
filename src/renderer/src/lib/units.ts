// Durations and sizes as a number and a unit, for inputs where people think in days and GiB
// while Kafka's configs count milliseconds and bytes.

export const durationUnits = [
  { value: 'ms', label: 'ms', size: 1 },
  { value: 's', label: 'seconds', size: 1000 },
  { value: 'min', label: 'minutes', size: 60_000 },
  { value: 'h', label: 'hours', size: 3_600_000 },
  { value: 'd', label: 'days', size: 86_400_000 }
] as const
export type DurationUnit = (typeof durationUnits)[number]['value']

export const byteUnits = [
  { value: 'B', label: 'bytes', size: 1 },
  { value: 'KiB', label: 'KiB', size: 1024 },
  { value: 'MiB', label: 'MiB', size: 1024 ** 2 },
  { value: 'GiB', label: 'GiB', size: 1024 ** 3 },
  { value: 'TiB', label: 'TiB', size: 1024 ** 4 }
] as const
export type ByteUnit = (typeof byteUnits)[number]['value']

interface Unit<U> {
  value: U
  size: number
}

function split<U>(n: number, units: readonly Unit<U>[]): { amount: number; unit: U } {
  for (let i = units.length - 1; i > 0; i--) {
    if (n >= units[i].size && n % units[i].size === 0)
      return { amount: n / units[i].size, unit: units[i].value }
  }
  return { amount: n, unit: units[0].value }
}

function join<U>(amount: number, unit: U, units: readonly Unit<U>[]): number {
  const size = units.find((u) => u.value === unit)?.size ?? 1
  return Math.round(amount * size)
}

/** 604800000 -> {amount: 7, unit: 'd'}; the largest unit that divides evenly. */
export function splitDuration(ms: number): { amount: number; unit: DurationUnit } {
  return split(ms, durationUnits)
}

export function joinDuration(amount: number, unit: DurationUnit): number {
  return join(amount, unit, durationUnits)
}

export function splitBytes(bytes: number): { amount: number; unit: ByteUnit } {
  return split(bytes, byteUnits)
}

export function joinBytes(amount: number, unit: ByteUnit): number {
  return join(amount, unit, byteUnits)
}
