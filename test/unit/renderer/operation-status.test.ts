// A long operation's duration runs until it ends, not until now; its outcome is said once.
import { describe, expect, it } from 'vitest'
import type { OperationStatus } from '../../../src/shared/api/metrics'
import {
  formatElapsed,
  operationDuration,
  operationElapsedMs,
  operationOutcome
} from '../../../src/renderer/src/lib/operation-status'

const status = (over: Partial<OperationStatus> = {}): OperationStatus => ({
  operationId: 'op',
  kind: 'search',
  description: 'Search',
  startedAt: 1_000_000,
  done: false,
  cancelled: false,
  progress: null,
  processed: 0,
  matched: 0,
  ...over
})

describe('operation duration', () => {
  it('stops at the end: a 1.2 s search still took 1.2 s five minutes later', () => {
    const s = status({ done: true, finishedAt: 1_001_200 })
    expect(operationDuration(s, 1_001_300)).toBe('took 1.2 s')
    expect(operationDuration(s, 1_000_000 + 330_000)).toBe('took 1.2 s')
  })

  it('counts to now while running', () => {
    expect(operationDuration(status(), 1_000_000 + 330_000)).toBe('5 min 30 s')
  })

  it('says nothing rather than something wrong when the end is unknown', () => {
    expect(operationDuration(status({ done: true }), 1_000_000 + 330_000)).toBeNull()
  })

  it('never depends on the clock once finished', () => {
    for (const took of [0, 40, 999, 1000, 9_950, 59_400, 61_000, 3_600_000])
      for (const later of [0, 1, 500, 330_000, 86_400_000]) {
        const s = status({ done: true, finishedAt: 1_000_000 + took })
        const now = 1_000_000 + took + later
        expect(operationElapsedMs(s, now)).toBe(took)
        expect(operationDuration(s, now)).toBe(`took ${formatElapsed(took)}`)
      }
  })
})

describe('operation outcome', () => {
  it('is one line with the summary', () => {
    expect(operationOutcome(status({ done: true, summary: '3 matches in 30 records' }))).toEqual({
      type: 'success',
      label: 'Done',
      rest: ': 3 matches in 30 records'
    })
  })

  it('does not repeat the counts or say "Cancelled" twice', () => {
    const counts = { processed: 5, matched: 1 }
    expect(
      operationOutcome(
        status({
          ...counts,
          done: true,
          cancelled: true,
          summary: 'Cancelled after 5 record(s); 1 matched'
        })
      )
    ).toEqual({ type: 'warning', label: 'Cancelled', rest: '' })
    expect(
      operationOutcome(status({ ...counts, done: true, summary: 'Scanned 5 record(s); 1 matched' }))
    ).toEqual({ type: 'success', label: 'Done', rest: '' })
    const o = operationOutcome(
      status({ done: true, cancelled: true, summary: 'Cancelled by the user after 7 records' })
    )
    expect(`${o?.label}${o?.rest}`).toBe('Cancelled by the user after 7 records')
  })

  it('leads with the warning of one that finished but did not do what was asked', () => {
    expect(
      operationOutcome(
        status({
          done: true,
          warning: 'Nothing was copied: no record matched the filters',
          summary: 'Copied 0 record(s) to b (partitions none); 100 did not match the filters'
        })
      )
    ).toEqual({
      type: 'warning',
      label: 'Nothing was copied: no record matched the filters',
      rest: ' — Copied 0 record(s) to b (partitions none); 100 did not match the filters'
    })
  })

  it('reports failures and nothing while running', () => {
    expect(operationOutcome(status({ done: true, error: 'disk full' }))?.type).toBe('error')
    expect(operationOutcome(status())).toBeNull()
  })
})
