// groups.resetOffsets: earliest, latest, offset, timestamp and shift-by; dry runs; active groups.
import { describe, expect, it } from 'vitest'
import { resetOffsets, type ResetOffsetsParams } from '../../../src/engine/groups/offset-reset'
import type { ApiError } from '../../../src/shared/errors'
import { EngineError } from '../../../src/engine/engine-error'
import { apiErrorFromEngine } from '../../../src/engine/service/api-errors'
import { setup, stableGroup, type Setup } from './helpers'

function prepared(): Setup {
  const s = setup()
  s.partitions.add('orders', 3)
  s.partitions.set('orders', 0, { logStartOffset: 10, highWatermark: 100 })
  s.partitions.set('orders', 1, { logStartOffset: 0, highWatermark: 50 })
  s.partitions.set('orders', 2, { logStartOffset: 0, highWatermark: 0 })
  s.partitions.timestamps.set('orders-0', (ts) => (ts <= 1_000 ? 40 : null))
  s.partitions.timestamps.set('orders-1', () => 5)
  s.coordinator.commitAdminOffsets('g', [
    {
      topic: 'orders',
      partition: 0,
      committedOffset: 30,
      leaderEpoch: 1,
      metadata: 'x',
      commitTimestamp: 1
    }
  ])
  return s
}

const reset = (s: Setup, p: Partial<ResetOffsetsParams> & Pick<ResetOffsetsParams, 'to'>) =>
  resetOffsets(s.coordinator, s.partitions, { groupId: 'g', topic: 'orders', ...p })

const failure = (f: () => unknown): ApiError => {
  try {
    f()
  } catch (err) {
    // As the contract reports it.
    if (err instanceof EngineError) return apiErrorFromEngine(err)
    throw err
  }
  throw new Error('expected an EngineError')
}

describe('groups.resetOffsets', () => {
  it('plans earliest, latest and an offset clamped to the log', () => {
    const s = prepared()
    expect(reset(s, { to: { earliest: true }, dryRun: true })).toEqual({
      groupId: 'g',
      dryRun: true,
      offsets: [
        { topic: 'orders', partition: 0, previousOffset: 30, newOffset: 10, lag: 90 },
        { topic: 'orders', partition: 1, previousOffset: null, newOffset: 0, lag: 50 },
        { topic: 'orders', partition: 2, previousOffset: null, newOffset: 0, lag: 0 }
      ]
    })
    expect(
      reset(s, { to: { latest: true }, dryRun: true }).offsets.map((o) => o.newOffset)
    ).toEqual([100, 50, 0])
    expect(reset(s, { to: { offset: 70 }, dryRun: true }).offsets.map((o) => o.newOffset)).toEqual([
      70, 50, 0
    ])
    expect(reset(s, { to: { offset: 0 }, partitions: [0], dryRun: true }).offsets).toEqual([
      { topic: 'orders', partition: 0, previousOffset: 30, newOffset: 10, lag: 90 }
    ])
    // Nothing was written.
    expect(s.coordinator.store.offsets('g').map((o) => o.committedOffset)).toEqual([30])
  })

  it('resets to the first offset at a timestamp, or the end when none is that late', () => {
    const s = prepared()
    const plan = reset(s, { to: { timestamp: 5_000 }, partitions: [0, 1] })
    expect(plan.offsets.map((o) => o.newOffset)).toEqual([100, 5])
    expect(
      reset(s, { to: { timestamp: 500 }, partitions: [0], dryRun: true }).offsets[0].newOffset
    ).toBe(40)
  })

  it('shifts committed offsets, and refuses to shift a partition without one', () => {
    const s = prepared()
    const plan = reset(s, { to: { shiftBy: -25 }, partitions: [0] })
    expect(plan).toMatchObject({ dryRun: false, offsets: [{ previousOffset: 30, newOffset: 10 }] })
    expect(s.coordinator.store.offset('g', 'orders', 0)).toMatchObject({
      committedOffset: 10,
      metadata: '',
      leaderEpoch: -1
    })
    expect(reset(s, { to: { shiftBy: 1_000 }, partitions: [0] }).offsets[0].newOffset).toBe(100)
    const err = failure(() => reset(s, { to: { shiftBy: 1 }, partitions: [1] }))
    expect(err).toMatchObject({ code: 'BAD_REQUEST', field: 'to' })
  })

  it('applies a plan by committing every partition and creates a new group if needed', () => {
    const s = prepared()
    reset(s, { groupId: 'fresh', to: { latest: true } })
    expect(
      s.coordinator.store.offsets('fresh').map((o) => [o.partition, o.committedOffset])
    ).toEqual([
      [0, 100],
      [1, 50],
      [2, 0]
    ])
    expect(s.coordinator.group('fresh')?.state).toBe('Empty')
  })

  it('is refused with CONFLICT while the group has members, even as a dry run', async () => {
    const s = prepared()
    await stableGroup(s, 1)
    const err = failure(() => reset(s, { to: { earliest: true }, dryRun: true }))
    expect(err.code).toBe('CONFLICT')
    expect(err.status).toBe(409)
    expect(err.message).toContain("group 'g'")
    expect(err.message).toContain('Stable with 1 member')
  })

  it('answers NOT_FOUND for an unknown topic or partition', () => {
    const s = prepared()
    expect(failure(() => reset(s, { topic: 'nope', to: { earliest: true } }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'topic'
    })
    expect(failure(() => reset(s, { partitions: [3], to: { earliest: true } }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'partitions'
    })
  })
})
