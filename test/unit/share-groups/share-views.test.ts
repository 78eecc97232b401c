// What the console shows of a share group: its share partitions' start offsets with the lag
// behind the high watermark (none below the log start, none for records already acknowledged or
// archived past the start offset), and members heading for their targets.
import { describe, expect, it } from 'vitest'
import { shareGroupOffsets } from '../../../src/engine/share-groups/share-views'

describe('share group views', () => {
  it('counts lag from the start offset (or the log start past it), less what is already done', () => {
    const hw: Record<string, { logStartOffset: number; highWatermark: number }> = {
      'jobs-0': { logStartOffset: 0, highWatermark: 50 },
      'jobs-1': { logStartOffset: 40, highWatermark: 60 }
    }
    const offsets = shareGroupOffsets(
      [
        { topic: 'jobs', partition: 1, startOffset: 10 },
        { topic: 'jobs', partition: 0, startOffset: 20, deliveryComplete: 4 },
        { topic: 'gone', partition: 0, startOffset: 5 }
      ],
      (t, p) => hw[`${t}-${p}`]
    )
    expect(offsets.map((o) => [o.topic, o.partition, o.committedOffset, o.lag])).toEqual([
      ['gone', 0, 5, 0],
      ['jobs', 0, 20, 26],
      ['jobs', 1, 10, 20]
    ])
  })
})
