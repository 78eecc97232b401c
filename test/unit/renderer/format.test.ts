import { describe, expect, it } from 'vitest'
import {
  formatAge,
  formatBytes,
  formatClock,
  formatDelta,
  formatRanges,
  formatSpan,
  formatCompact,
  formatCount,
  formatDurationMs,
  formatMegabytes,
  formatPercent,
  formatRate,
  formatTimestamp,
  plural
} from '../../../src/renderer/src/lib/format'
import { localOffset, timeDisplay, timeZoneLabel } from '../../../src/renderer/src/lib/time-display'

describe('format', () => {
  it('counts with thousands separators', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(10_000)).toBe('10,000')
  })

  it('compacts large figures', () => {
    expect(formatCompact(999)).toBe('999')
    expect(formatCompact(1234)).toBe('1.2k')
    expect(formatCompact(56_000)).toBe('56k')
    expect(formatCompact(5_600_000)).toBe('5.6M')
    expect(formatCompact(2.5)).toBe('2.5')
  })

  it('megabytes in decimal units, with thousands separators', () => {
    expect(formatMegabytes(51_200_000)).toBe('51.2 MB')
    expect(formatMegabytes(1_024_000)).toBe('1 MB')
    expect(formatMegabytes(50_000)).toBe('0.05 MB')
    expect(formatMegabytes(1_024_000_000)).toBe('1,024 MB')
  })

  it('sizes in binary units, -1 as unlimited', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1,023 B')
    expect(formatBytes(1000 * 1024)).toBe('1,000 KiB')
    expect(formatBytes(1023 * 1024 ** 2)).toBe('1,023 MiB')
    expect(formatBytes(1024)).toBe('1.0 KiB')
    expect(formatBytes(1_073_741_824)).toBe('1.0 GiB')
    expect(formatBytes(50 * 1024 ** 3)).toBe('50 GiB')
    expect(formatBytes(-1)).toBe('unlimited')
  })

  it('rates', () => {
    expect(formatRate(0)).toBe('0 msg/s')
    expect(formatRate(0.5)).toBe('0.50 msg/s')
    expect(formatRate(1500)).toBe('1.5k msg/s')
    // One rule whether or not the rate is whole: "4.0" beside "4.2", never "4" beside "4.2".
    expect(formatRate(4)).toBe('4.0 msg/s')
    expect(formatRate(4.02)).toBe('4.0 msg/s')
    expect(formatRate(4.25)).toBe('4.3 msg/s')
    expect(formatRate(45)).toBe('45 msg/s')
    expect(formatRate(45.4)).toBe('45 msg/s')
    expect(formatRate(999.6)).toBe('1.0k msg/s')
  })

  it('durations in the largest unit that divides, -1 as forever', () => {
    expect(formatDurationMs(604_800_000)).toBe('7 d')
    expect(formatDurationMs(3_600_000)).toBe('1 h')
    expect(formatDurationMs(90_000)).toBe('90 s')
    expect(formatDurationMs(90_500)).toBe('1.5 min')
    expect(formatDurationMs(250)).toBe('250 ms')
    expect(formatDurationMs(-1)).toBe('forever')
  })

  it('timestamps in local time, UTC or ISO 8601, with milliseconds and the zone', () => {
    const t = new Date(2026, 10, 22, 14, 3, 7, 42).getTime()
    expect(formatTimestamp(t, { display: 'local', zone: false })).toBe('2026-11-22 14:03:07.042')
    expect(formatTimestamp(t, { display: 'local' })).toBe(
      `2026-11-22 14:03:07.042 ${localOffset(t)}`
    )
    expect(localOffset(t)).toMatch(/^[+-]\d\d:\d\d$/)
    const u = Date.UTC(2026, 10, 22, 13, 3, 7, 5)
    expect(formatTimestamp(u, { display: 'utc' })).toBe('2026-11-22 13:03:07.005 UTC')
    expect(formatTimestamp(u, { display: 'utc', zone: false })).toBe('2026-11-22 13:03:07.005')
    expect(formatTimestamp(u, { display: 'iso' })).toBe('2026-11-22T13:03:07.005Z')
    expect(formatClock(u, 'utc')).toBe('13:03:07')
    expect(timeZoneLabel('utc')).toBe('UTC')
    expect(timeZoneLabel('iso')).toBe('ISO 8601, UTC')
    expect(timeZoneLabel('local', t)).toBe(`local, UTC${localOffset(t)}`)
  })

  it('follows the Settings choice when no display is given', () => {
    const u = Date.UTC(2026, 0, 2, 3, 4, 5, 6)
    try {
      timeDisplay.value = 'iso'
      expect(formatTimestamp(u)).toBe('2026-01-02T03:04:05.006Z')
      timeDisplay.value = 'utc'
      expect(formatTimestamp(u)).toBe('2026-01-02 03:04:05.006 UTC')
    } finally {
      timeDisplay.value = 'local'
    }
  })

  it('ages', () => {
    const now = 1_000_000_000
    expect(formatAge(now - 500, now)).toBe('just now')
    expect(formatAge(now - 5000, now)).toBe('5 s ago')
    expect(formatAge(now - 3 * 60_000, now)).toBe('3 min ago')
    expect(formatAge(now + 10, now)).toBe('in the future')
  })

  it('percent and plurals', () => {
    expect(formatPercent(0.375)).toBe('38%')
    expect(formatPercent(0.375, 1)).toBe('37.5%')
    expect(plural(1, 'topic')).toBe('1 topic')
    expect(plural(10_000, 'topic')).toBe('10,000 topics')
  })

  it('spans of time to two units, as people say them', () => {
    expect(formatSpan(800)).toBe('800 ms')
    expect(formatSpan(27_400)).toBe('27 s')
    expect(formatSpan(60_000)).toBe('1 min')
    expect(formatSpan(250_000)).toBe('4 min 10 s')
    expect(formatSpan(21_573_066)).toBe('5 h 59 min')
    expect(formatSpan(3 * 86_400_000 + 2 * 3_600_000 + 5000)).toBe('3 d 2 h')
    expect(formatSpan(-90_000)).toBe('-1 min 30 s')
    expect(formatSpan(Infinity)).toBe('never')
  })

  it('clock times, partition ranges and signed deltas', () => {
    expect(formatClock(new Date(2026, 10, 22, 4, 5, 6).getTime(), 'local')).toBe('04:05:06')
    expect(formatRanges([5, 0, 1, 2, 7, 8, 2])).toBe('0–2, 5, 7–8')
    expect(formatRanges([3])).toBe('3')
    expect(formatRanges([])).toBe('')
    expect(formatDelta(10)).toBe('+10')
    expect(formatDelta(-1200)).toBe('-1,200')
    expect(formatDelta(0)).toBe('0')
  })
})
