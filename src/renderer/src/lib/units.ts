// Durations and sizes as a number and a unit, for inputs where people think in days and GiB
// while Kafka's configs count milliseconds and bytes.

interface Unit {
  value: string
  label: string
  size: number
}

/** What an amount input counts, with its units (smallest first) and the input's particulars. */
const quantities = {
  duration: {
    units: [
      { value: 'ms', label: 'ms', size: 1 },
      { value: 's', label: 'seconds', size: 1000 },
      { value: 'min', label: 'minutes', size: 60_000 },
      { value: 'h', label: 'hours', size: 3_600_000 },
      { value: 'd', label: 'days', size: 86_400_000 }
    ],
    /** The value an input takes when "forever" is unticked: a week. */
    fallback: 7 * 86_400_000,
    selectWidth: '120px',
    unlimitedTestid: 'forever'
  },
  bytes: {
    units: [
      { value: 'B', label: 'bytes', size: 1 },
      { value: 'KiB', label: 'KiB', size: 1024 },
      { value: 'MiB', label: 'MiB', size: 1024 ** 2 },
      { value: 'GiB', label: 'GiB', size: 1024 ** 3 },
      { value: 'TiB', label: 'TiB', size: 1024 ** 4 }
    ],
    /** The value an input takes when "no limit" is unticked: 1 GiB. */
    fallback: 1024 ** 3,
    selectWidth: '100px',
    unlimitedTestid: 'unlimited'
  }
} satisfies Record<
  string,
  { units: Unit[]; fallback: number; selectWidth: string; unlimitedTestid: string }
>

export type Quantity = keyof typeof quantities

export function unitsOf(q: Quantity): (typeof quantities)[Quantity] {
  return quantities[q]
}

/** 604800000 ms -> {amount: 7, unit: 'd'}; the largest unit that divides evenly. */
export function splitAmount(n: number, q: Quantity): { amount: number; unit: string } {
  const units = quantities[q].units
  for (let i = units.length - 1; i > 0; i--) {
    if (n >= units[i].size && n % units[i].size === 0)
      return { amount: n / units[i].size, unit: units[i].value }
  }
  return { amount: n, unit: units[0].value }
}

/** {amount: 3, unit: 'd'} -> 259200000 ms. */
export function joinAmount(amount: number, unit: string, q: Quantity): number {
  const size = quantities[q].units.find((u: Unit) => u.value === unit)?.size ?? 1
  return Math.round(amount * size)
}
