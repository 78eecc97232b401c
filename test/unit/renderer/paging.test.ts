import { describe, expect, it } from 'vitest'
import type { MessageRecord } from '../../../src/shared/api/messages'
import {
  cutAtEnd,
  hasNewer,
  hasOlder,
  mergeHead,
  mergeTail
} from '../../../src/renderer/src/lib/paging'

const r = (partition: number, offset: number, timestamp: number): MessageRecord => ({
  partition,
  offset,
  timestamp,
  timestampType: 'CreateTime',
  key: null,
  value: `${partition}:${offset}`,
  headers: [],
  sizeBytes: 10
})
const ids = (rs: MessageRecord[]) => rs.map((x) => `${x.partition}:${x.offset}`)

describe('merging pages over partitions', () => {
  it('takes the earliest records by time, each partition in offset order', () => {
    const page = mergeHead(
      [
        { partition: 0, records: [r(0, 10, 100), r(0, 11, 300), r(0, 12, 500)], nextOffset: 13 },
        { partition: 1, records: [r(1, 4, 200), r(1, 5, 400)], nextOffset: 6 }
      ],
      3
    )
    expect(ids(page.records)).toEqual(['0:10', '1:4', '0:11'])
    expect(page.start).toEqual({ 0: 10, 1: 4 })
    expect(page.next).toEqual({ 0: 12, 1: 5 })
  })

  it('keeps a partition contiguous even when its timestamps go backwards', () => {
    const page = mergeHead(
      [
        { partition: 0, records: [r(0, 0, 500), r(0, 1, 100)], nextOffset: 2 },
        { partition: 1, records: [r(1, 0, 200)], nextOffset: 1 }
      ],
      2
    )
    // 0:1 (t=100) cannot come before 0:0; the merge looks at each partition's head only.
    expect(ids(page.records)).toEqual(['1:0', '0:0'])
    expect(page.next).toEqual({ 0: 1, 1: 1 })
  })

  it('continues at nextOffset when a partition is used up or empty', () => {
    const page = mergeHead(
      [
        { partition: 0, records: [r(0, 3, 1)], nextOffset: 4 },
        { partition: 1, records: [], nextOffset: 9 }
      ],
      10
    )
    expect(page.next).toEqual({ 0: 4, 1: 9 })
    expect(page.start).toEqual({ 0: 3, 1: 9 })
  })

  it('takes the latest records by time from the end of each partition', () => {
    const page = mergeTail(
      [
        { partition: 0, records: [r(0, 10, 100), r(0, 11, 300), r(0, 12, 500)], endOffset: 13 },
        { partition: 1, records: [r(1, 4, 200), r(1, 5, 400)], endOffset: 6 },
        { partition: 2, records: [r(2, 0, 50)], endOffset: 1 }
      ],
      3
    )
    expect(ids(page.records)).toEqual(['0:11', '1:5', '0:12'])
    expect(page.start).toEqual({ 0: 11, 1: 5, 2: 1 })
    expect(page.next).toEqual({ 0: 13, 1: 6, 2: 1 })
  })

  it('tells whether there is more on either side', () => {
    const bounds = {
      0: { logStartOffset: 0, highWatermark: 20 },
      1: { logStartOffset: 5, highWatermark: 5 }
    }
    expect(hasNewer({ 0: 20, 1: 5 }, bounds)).toBe(false)
    expect(hasNewer({ 0: 19, 1: 5 }, bounds)).toBe(true)
    expect(hasOlder({ 0: 0, 1: 5 }, bounds)).toBe(false)
    expect(hasOlder({ 0: 3, 1: 5 }, bounds)).toBe(true)
  })

  it('cuts a partition at an end offset or an end time, and says it is finished', () => {
    const read = { partition: 0, records: [r(0, 5, 50), r(0, 6, 60), r(0, 7, 70)], nextOffset: 8 }
    expect(cutAtEnd(read, null)).toMatchObject({ nextOffset: 8, finished: false })
    const byOffset = cutAtEnd(read, { offset: 7 })
    expect(byOffset.records.map((r) => r.offset)).toEqual([5, 6])
    expect(byOffset).toMatchObject({ nextOffset: 7, finished: true })
    expect(cutAtEnd(read, { offset: 8 })).toMatchObject({ nextOffset: 8, finished: true })
    expect(cutAtEnd(read, { offset: 9 })).toMatchObject({ nextOffset: 8, finished: false })
    const byTime = cutAtEnd(read, { timestamp: 60 })
    expect(byTime.records.map((r) => r.offset)).toEqual([5, 6])
    expect(byTime).toMatchObject({ nextOffset: 7, finished: true })
    const bounds = { 0: { logStartOffset: 0, highWatermark: 100 } }
    expect(hasNewer({ 0: 7 }, bounds)).toBe(true)
    expect(hasNewer({ 0: 7 }, bounds, new Set([0]))).toBe(false)
    expect(hasNewer({ 0: 7 }, bounds, new Set(), 7)).toBe(false)
  })
})
