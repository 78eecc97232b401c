// How timestamps are shown across the console: local time, UTC, or ISO 8601 (UTC, with
// milliseconds). One reactive choice, set from Settings, read by every formatter, so a change
// re-renders whatever shows a time.
import { ref } from 'vue'

export type TimeDisplay = 'local' | 'utc' | 'iso'

export const timeDisplay = ref<TimeDisplay>('local')

export function isTimeDisplay(v: unknown): v is TimeDisplay {
  return v === 'local' || v === 'utc' || v === 'iso'
}

/** The local zone's offset from UTC at `ms`: "+01:00", "-05:30", "+00:00". */
export function localOffset(ms: number): string {
  const minutes = -new Date(ms).getTimezoneOffset()
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** The local zone's name where the platform knows it ("Europe/Berlin"), else null. */
export function localZoneName(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null
  } catch {
    return null
  }
}

/** What a column of times is in, for its header: "local, UTC+01:00", "UTC", "ISO 8601, UTC". */
export function timeZoneLabel(display: TimeDisplay = timeDisplay.value, at = Date.now()): string {
  if (display === 'utc') return 'UTC'
  if (display === 'iso') return 'ISO 8601, UTC'
  return `local, UTC${localOffset(at)}`
}

/** Settings' description of each choice, with an example. */
export function timeDisplayChoices(at = Date.now()): { value: TimeDisplay; label: string }[] {
  const zone = localZoneName()
  return [
    { value: 'local', label: `Local time (${zone ? `${zone}, ` : ''}UTC${localOffset(at)})` },
    { value: 'utc', label: 'UTC' },
    { value: 'iso', label: 'ISO 8601 with milliseconds (UTC)' }
  ]
}
