// The delete-records preview: per partition, the new log start and the records that go.
import { describe, expect, it } from 'vitest'
import { planDeleteRecords } from '../../../src/renderer/src/lib/delete-records'

const parts = [
  { partition: 0, logStartOffset: 0, highWatermark: 50 },
  { partition: 1, logStartOffset: 30, highWatermark: 40 }
]

describe('planDeleteRecords', () => {
  it('purges every partition up to its high watermark', () => {
    expect(planDeleteRecords(parts, null, null)).toEqual({
      rows: [
        { partition: 0, from: 0, to: 50, deleted: 50 },
        { partition: 1, from: 30, to: 40, deleted: 10 }
      ],
      total: 60,
      error: null
    })
  })

  it('deletes before an offset; a partition already past it loses nothing', () => {
    const plan = planDeleteRecords(parts, null, 20)
    expect(plan.rows).toEqual([
      { partition: 0, from: 0, to: 20, deleted: 20 },
      { partition: 1, from: 30, to: 30, deleted: 0 }
    ])
    expect(plan.total).toBe(20)
  })

  it('names each partition whose high watermark the offset passes', () => {
    expect(planDeleteRecords(parts, null, 45).error).toBe(
      'Offset 45 is past the high watermark of partition 1 (40): records can be deleted up to it, not beyond'
    )
    expect(planDeleteRecords(parts, 0, 45).error).toBeNull()
    expect(planDeleteRecords(parts, 7, 1).error).toBe('Partition 7 does not exist')
  })
})
