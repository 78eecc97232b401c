// The message browser store against a fake engine: first page from each start position, exact
// paging forward and back over one partition and over all of them, and search results.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { MessageRecord, ReadResult } from '../../../src/shared/api/messages'
import type { Params } from '../../../src/shared/contract'
import { CallError } from '../../../src/renderer/src/api/call-error'
import { mergeHead, mergeTail } from '../../../src/shared/paging'
import { pageNote, pageRange } from '../../../src/renderer/src/lib/page-note'

const call = vi.fn()
vi.mock('../../../src/renderer/src/api/client', () => ({ api: { call, on: vi.fn() } }))
const { useMessagesStore } = await import('../../../src/renderer/src/stores/messages')

/** Partition p holds offsets 0..n-1; record o of partition p was written at t = o * 10 + p. */
function fakeLog(
  sizes: number[],
  time = (p: number, o: number) => o * 10 + p
): (p: number) => MessageRecord[] {
  return (p) =>
    Array.from({ length: sizes[p] }, (_, o) => ({
      partition: p,
      offset: o,
      timestamp: time(p, o),
      timestampType: 'CreateTime' as const,
      key: null,
      value: `${p}:${o}`,
      headers: [],
      sizeBytes: 10
    }))
}

function fakeRead(log: (p: number) => MessageRecord[]) {
  return (params: Params<'messages.read'>): ReadResult => {
    const p = params.partition ?? 0
    const all = log(p)
    const hw = all.length
    const f = params.from
    let from =
      f === 'earliest'
        ? 0
        : f === 'latest'
          ? hw
          : 'offset' in f
            ? f.offset
            : 'timestamp' in f
              ? (all.find((r) => r.timestamp >= f.timestamp)?.offset ?? hw)
              : Math.max(0, hw - f.latest)
    let until = hw
    if (params.direction === 'backward') {
      until = from
      from = Math.max(0, from - params.limit)
    }
    const page = all.slice(from, until).slice(0, params.limit)
    return {
      records: page,
      nextOffsets: { [p]: page.length ? page[page.length - 1].offset + 1 : from },
      firstOffsets: { [p]: page[0]?.offset ?? from },
      bounds: { [p]: { logStartOffset: 0, highWatermark: hw } }
    }
  }
}

/** Without a partition, the engine reads each and merges them by time (shared/paging). */
function fakeMergedRead(sizes: number[], one: (params: Params<'messages.read'>) => ReadResult) {
  return (params: Params<'messages.read'>): ReadResult => {
    if (params.partition !== undefined) return one(params)
    const reads = sizes.map((_, p) => one({ ...params, partition: p }))
    const tail =
      params.direction === 'backward' ||
      params.from === 'latest' ||
      (typeof params.from === 'object' && 'latest' in params.from)
    const merged = tail
      ? mergeTail(
          reads.map((r, p) => ({
            partition: p,
            records: r.records,
            endOffset: r.bounds[p].highWatermark
          })),
          params.limit
        )
      : mergeHead(
          reads.map((r, p) => ({ partition: p, records: r.records, nextOffset: r.nextOffsets[p] })),
          params.limit
        )
    return {
      records: merged.records,
      firstOffsets: merged.start,
      nextOffsets: merged.next,
      bounds: Object.assign({}, ...reads.map((r) => r.bounds))
    }
  }
}

function serve(sizes: number[], time?: (p: number, o: number) => number) {
  const read = fakeMergedRead(sizes, fakeRead(fakeLog(sizes, time)))
  call.mockImplementation(async (method: string, params: unknown) => {
    if (method === 'topics.describe')
      return {
        name: 'orders',
        partitions: sizes.map((n, partition) => ({
          partition,
          logStartOffset: 0,
          highWatermark: n
        }))
      }
    if (method === 'messages.read') return read(params as Params<'messages.read'>)
    throw new Error(`unexpected ${method}`)
  })
}

const ids = (rs: MessageRecord[]): string[] => rs.map((r) => r.value ?? 'null')

describe('message browser store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    call.mockReset()
  })

  it('opens on the latest page of one partition and pages back and forth exactly', async () => {
    serve([0, 25])
    const m = useMessagesStore()
    m.pageSize = 10
    await m.open('orders', 1)
    expect(ids(m.records)).toEqual(Array.from({ length: 10 }, (_, i) => `1:${15 + i}`))
    expect(m.canNewer).toBe(false)
    expect(m.canOlder).toBe(true)
    await m.older()
    expect(ids(m.records)[0]).toBe('1:5')
    await m.older()
    expect(ids(m.records)).toEqual(['1:0', '1:1', '1:2', '1:3', '1:4'])
    expect(m.canOlder).toBe(false)
    await m.newer()
    expect(ids(m.records)[0]).toBe('1:5')
    await m.newer()
    await m.newer()
    expect(m.canNewer).toBe(false)
  })

  it('reads from an offset and from a time', async () => {
    serve([0, 25])
    const m = useMessagesStore()
    m.pageSize = 5
    await m.open('orders', 1)
    m.mode = 'offset'
    m.offset = 7
    await m.load()
    expect(ids(m.records)).toEqual(['1:7', '1:8', '1:9', '1:10', '1:11'])
    m.mode = 'timestamp'
    m.timestamp = 201 // record 20 of partition 1 was written at 201
    await m.load()
    expect(ids(m.records)[0]).toBe('1:20')
  })

  it('merges all partitions by time and pages without gaps or repeats', async () => {
    serve([7, 5, 9])
    const m = useMessagesStore()
    m.pageSize = 4
    m.mode = 'earliest'
    await m.open('orders')
    const seen: string[] = [...ids(m.records)]
    while (m.canNewer) {
      await m.newer()
      seen.push(...ids(m.records))
    }
    expect(seen).toHaveLength(21)
    expect(new Set(seen).size).toBe(21)
    // In time order: t = offset * 10 + partition.
    const times = seen.map((v) => {
      const [p, o] = v.split(':').map(Number)
      return o * 10 + p
    })
    expect(times).toEqual([...times].sort((a, b) => a - b))
    // And back to the start again.
    while (m.canOlder) await m.older()
    expect(ids(m.records)).toEqual(['0:0', '1:0', '2:0', '0:1'])
  })

  it('takes the latest records over all partitions', async () => {
    serve([3, 3, 3])
    const m = useMessagesStore()
    m.pageSize = 4
    await m.open('orders')
    expect(ids(m.records)).toEqual(['2:1', '0:2', '1:2', '2:2'])
    await m.older()
    expect(ids(m.records)).toEqual(['1:0', '2:0', '0:1', '1:1'])
    await m.older()
    expect(ids(m.records)).toEqual(['0:0'])
    expect(m.canOlder).toBe(false)
  })

  it('keeps what the cluster said when reading is not available', async () => {
    call.mockImplementation(async (method: string) => {
      if (method === 'topics.describe') return { name: 'orders', partitions: [] }
      throw new CallError(
        'UNAVAILABLE',
        'messages.read is not available yet: it needs the partition log'
      )
    })
    const m = useMessagesStore()
    await m.open('orders')
    // No partition to read: nothing is fetched, nothing is faked.
    expect(m.records).toEqual([])
    m.partitionCount = 1
    await m.load()
    expect(m.problem).toMatchObject({
      unavailable: true,
      message: expect.stringContaining('messages.read')
    })
  })

  it('shows the latest page newest first and the earliest oldest first, unless told', async () => {
    serve([0, 25])
    const m = useMessagesStore()
    m.pageSize = 3
    await m.open('orders', 1)
    expect(m.order).toBe('newest')
    expect(ids(m.shownRecords)).toEqual(['1:24', '1:23', '1:22'])
    m.mode = 'earliest'
    await m.load()
    expect(m.order).toBe('oldest')
    expect(ids(m.shownRecords)).toEqual(['1:0', '1:1', '1:2'])
    m.setOrder('newest')
    expect(ids(m.shownRecords)).toEqual(['1:2', '1:1', '1:0'])
    m.mode = 'latest'
    await m.load()
    expect(m.order).toBe('newest')
    m.setOrder('oldest')
    await m.load()
    expect(ids(m.shownRecords)).toEqual(['1:22', '1:23', '1:24'])
  })

  it('stops at an end offset and at an end time, forward and from the latest', async () => {
    serve([0, 25])
    const m = useMessagesStore()
    m.pageSize = 4
    await m.open('orders', 1)
    m.mode = 'offset'
    m.offset = 5
    m.endMode = 'offset'
    m.endOffset = 11
    await m.load()
    const seen = [...ids(m.records)]
    while (m.canNewer) {
      await m.newer()
      seen.push(...ids(m.records))
    }
    expect(seen).toEqual(['1:5', '1:6', '1:7', '1:8', '1:9', '1:10'])
    // Time: record o of partition 1 was written at o * 10 + 1; up to 131 is offsets 0..13.
    m.mode = 'earliest'
    m.endMode = 'timestamp'
    m.endTimestamp = 131
    m.pageSize = 5
    await m.load()
    const timed = [...ids(m.records)]
    while (m.canNewer) {
      await m.newer()
      timed.push(...ids(m.records))
    }
    expect(timed).toEqual(Array.from({ length: 14 }, (_, i) => `1:${i}`))
    // The latest before the end offset.
    m.mode = 'latest'
    m.endMode = 'offset'
    m.endOffset = 20
    m.pageSize = 3
    await m.load()
    expect(ids(m.records)).toEqual(['1:17', '1:18', '1:19'])
    expect(m.canNewer).toBe(false)
  })

  it('says why an all-partitions page from an offset shows one partition', async () => {
    // Partition 1 is hot: its offset 10 was written long before the others reached it, and
    // partition 2 never got that far.
    serve([30, 300, 8], (p, o) => (p === 1 ? o : o * 10 + p))
    const m = useMessagesStore()
    m.pageSize = 5
    m.mode = 'offset'
    m.offset = 10
    await m.open('orders')
    expect(new Set(m.records.map((r) => r.partition))).toEqual(new Set([1]))
    expect(m.note).toContain(
      'This page shows partition 1 only: partition 2 has no records from offset 10 on'
    )
    expect(m.note).toContain('Partition 0 has records from offset 10 on, but written later')
    m.partition = 1
    expect(m.note).toBeNull()
  })

  it('keeps the position for the URL, with the page offsets once paged', async () => {
    serve([10, 10])
    const m = useMessagesStore()
    m.pageSize = 4
    m.mode = 'earliest'
    await m.open('orders')
    expect(m.position).toMatchObject({ topic: 'orders', mode: 'earliest', at: null })
    await m.newer()
    expect(m.position?.at).toEqual({ 0: 2, 1: 2 })
    const page = ids(m.records)
    // A reload of that URL reads the same page.
    setActivePinia(createPinia())
    const again = useMessagesStore()
    again.pageSize = 4
    again.applyPosition({ mode: 'earliest' })
    await again.open('orders', 'all', { 0: 2, 1: 2 })
    expect(ids(again.records)).toEqual(page)
  })
})

describe('the page range above the list', () => {
  const rec = (partition: number, offset: number) => ({ partition, offset }) as MessageRecord

  it('names one offset for a single record, a span for more, the partitions across several', () => {
    expect(pageRange([])).toBeNull()
    expect(pageRange([rec(0, 20_000)])).toBe('partition 0, offset 20,000')
    expect(pageRange([rec(0, 20_001), rec(0, 20_000)])).toBe('partition 0, offsets 20,000–20,001')
    expect(pageRange([rec(0, 5), rec(2, 5)])).toBe('2 partitions')
  })
})

describe('the note on an all-partitions page', () => {
  it('goes on in lower case after its colon', () => {
    const records = [rec(1, 10)]
    const note = pageNote({
      partitions: [0, 1],
      records,
      start: { 0: 10, 1: 10 },
      next: { 0: 10, 1: 11 },
      bounds: {
        0: { logStartOffset: 0, highWatermark: 30 },
        1: { logStartOffset: 0, highWatermark: 300 }
      },
      merge: 'head',
      position: 'offset 10'
    })
    expect(note).toMatch(
      /^This page shows partition 1 only: partition 0 has records from offset 10 on/
    )
  })
  function rec(partition: number, offset: number): MessageRecord {
    return { partition, offset } as MessageRecord
  }
})
