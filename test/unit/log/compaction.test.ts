// Log compaction: latest record per key, offsets kept, tombstones dropped after
// delete.retention.ms, min.cleanable.dirty.ratio honoured, the active segment never touched.
import { afterEach, describe, expect, it } from 'vitest'
import { LogCleaner } from '../../../src/engine/log/cleaner'
import type { PartitionLog } from '../../../src/engine/log/partition-log'
import {
  CompressionType,
  type RecordInput,
  decodeBatch,
  parseBatchHeader
} from '../../../src/engine/records'
import { batch, cleanup, contents, harness, tempDir } from './helpers'

const NOW = Date.now()
const HOUR = 3_600_000
const cleaners: LogCleaner[] = []
afterEach(async () => {
  for (const c of cleaners.splice(0)) await c.close()
  cleanup()
})

const COMPACT = {
  'cleanup.policy': 'compact',
  'segment.bytes': '150',
  'delete.retention.ms': String(HOUR)
}

function put(log: PartitionLog, pairs: Array<[string, string | null]>, opts: { ts?: number } = {}) {
  const input: RecordInput[] = pairs.map(([key, value]) => ({
    key,
    value,
    timestamp: opts.ts ?? NOW
  }))
  return log.append(batch(input), { now: NOW })
}

/** The log's records as "offset:key=value" ("key=" for a tombstone). */
function view(log: PartitionLog): string[] {
  return contents(log.read(log.logStartOffset, 1 << 30)).map(([o, k, v]) => `${o}:${k}=${v ?? ''}`)
}

describe.each(['inline', 'worker'] as const)('compaction (%s cleaner)', (mode) => {
  function setup(configs: Record<string, string> = COMPACT) {
    const h = harness(mode === 'worker' ? tempDir() : ':memory:')
    const log = h.logs.log(h.topic('t', 1, configs), 0)
    const cleaner = new LogCleaner(h.logs, { clock: () => NOW })
    cleaners.push(cleaner)
    expect(cleaner.mode).toBe(mode)
    return { h, log, cleaner }
  }

  it('keeps the latest record per key at its original offset and spares the active segment', async () => {
    const { log, cleaner } = setup()
    put(log, [
      ['a', '1'],
      ['b', '1']
    ]) // 0, 1
    put(log, [
      ['a', '2'],
      ['c', '1']
    ]) // 2, 3
    put(log, [
      ['b', '2'],
      ['a', '3']
    ]) // 4, 5
    put(log, [
      ['d', '1'],
      ['c', '2']
    ]) // 6, 7
    put(log, [['a', '4']]) // 8
    put(log, [['c', '3']]) // 9: in the active segment
    const active = log.segments.at(-1)!
    expect(log.segments.length).toBeGreaterThan(2)
    const report = await cleaner.runOnce(NOW)
    expect(report.compactions).toHaveLength(1)
    const kept = view(log)
    // Everything before the active segment holds each key once, at its latest offset there.
    const cleaned = kept.filter((r) => Number(r.split(':')[0]) < active.baseOffset)
    const keys = cleaned.map((r) => r.split(':')[1].split('=')[0])
    expect(new Set(keys).size).toBe(keys.length)
    expect(kept).toContain('4:b=2')
    expect(kept).toContain('9:c=3')
    expect(kept).not.toContain('0:a=1')
    expect(kept).not.toContain('1:b=1')
    // Offsets never move: the log end and the last batch's offsets are unchanged.
    expect(log.logEndOffset).toBe(10)
    expect(log.cleanerCheckpoint).toBe(active.baseOffset)
    expect(log.segments.at(-1)).toEqual(active)
    const batches = log.read(0, 1 << 30)
    for (const b of batches) {
      const { header, records } = decodeBatch(b)
      expect(header.lastOffsetDelta + 1).toBeGreaterThanOrEqual(records.length)
    }
  })

  it('keeps batch headers: base offset, lastOffsetDelta, producer fields, codec, timestamps', async () => {
    const { log, cleaner } = setup()
    const ts = NOW - 5000
    log.append(
      batch(
        [
          { key: 'x', value: 'old', timestamp: ts },
          { key: 'y', value: 'keep', timestamp: ts + 1 },
          { key: 'x', value: 'mid', timestamp: ts + 2 }
        ],
        { compression: CompressionType.Lz4, producerId: 42, producerEpoch: 3, baseSequence: 10 }
      ),
      { now: NOW }
    )
    put(log, [['x', 'new']])
    for (let i = 0; i < 6; i++) put(log, [[`k${i}`, 'v']])
    await cleaner.runOnce(NOW)
    const first = log.read(0, 1)[0]
    const { header, records } = decodeBatch(first)
    expect(header).toMatchObject({
      baseOffset: 0,
      lastOffsetDelta: 2,
      producerId: 42,
      producerEpoch: 3,
      baseSequence: 10,
      compression: CompressionType.Lz4
    })
    expect(records.map((r) => [r.offset, r.key?.toString(), r.timestamp])).toEqual([
      [1, 'y', ts + 1]
    ])
    expect(header.maxTimestamp).toBe(ts + 1)
    expect(log.offsetForTimestamp(ts)?.offset).toBe(1)
  })

  it('drops tombstones only once delete.retention.ms has passed since they were first cleaned', async () => {
    const { log, cleaner } = setup({ ...COMPACT, 'min.cleanable.dirty.ratio': '0.9' })
    put(log, [
      ['a', '1'],
      ['b', '1']
    ])
    put(log, [['a', null]]) // tombstone at 2
    put(log, [['b', '2']])
    for (let i = 0; i < 4; i++) put(log, [[`f${i}`, 'v']])
    await cleaner.runOnce(NOW)
    expect(view(log)).toContain('2:a=')
    expect(view(log)).not.toContain('0:a=1')
    const horizon = log.deleteHorizonMs
    expect(horizon).toBe(NOW + HOUR)
    // Nothing is dirty, but the horizon alone brings the cleaner back once it has passed.
    expect((await cleaner.runOnce(NOW + HOUR - 1)).compactions).toHaveLength(0)
    expect((await cleaner.runOnce(NOW + HOUR)).compactions).toHaveLength(1)
    expect(view(log).some((r) => r.startsWith('2:'))).toBe(false)
    expect(log.deleteHorizonMs).toBeNull()
    expect(view(log)).toContain('3:b=2')
  })

  it('waits for min.cleanable.dirty.ratio', async () => {
    const { h, log, cleaner } = setup({ ...COMPACT, 'min.cleanable.dirty.ratio': '0.5' })
    for (let i = 0; i < 12; i++) put(log, [[`k${i}`, 'v1']])
    expect((await cleaner.runOnce(NOW)).compactions).toHaveLength(1)
    // A little new dirty data against a large clean part: below the ratio.
    put(log, [['k0', 'v2']])
    put(log, [['k1', 'v2']])
    put(log, [['k2', 'v2']])
    expect((await cleaner.runOnce(NOW)).compactions).toHaveLength(0)
    h.logs.configureTopic(log.topicId, { ...COMPACT, 'min.cleanable.dirty.ratio': '0.01' })
    expect((await cleaner.runOnce(NOW)).compactions).toHaveLength(1)
    expect(view(log)).not.toContain('0:k0=v1')
  })

  it('waits for min.compaction.lag.ms', async () => {
    const { log, cleaner } = setup({ ...COMPACT, 'min.compaction.lag.ms': String(HOUR) })
    for (let i = 0; i < 6; i++) put(log, [['k', `v${i}`]])
    expect((await cleaner.runOnce(NOW)).compactions).toHaveLength(0)
    expect((await cleaner.runOnce(NOW + HOUR + 1)).compactions).toHaveLength(1)
    expect(view(log).filter((r) => r.includes('k=')).length).toBeLessThan(6)
  })

  it('cleans in several passes when the offset map is full', async () => {
    const { h, log } = setup({ ...COMPACT, 'min.cleanable.dirty.ratio': '0.01' })
    const small = new LogCleaner(h.logs, { clock: () => NOW, maxKeysPerPass: 2 })
    cleaners.push(small)
    for (let i = 0; i < 16; i++) put(log, [[`k${i % 4}`, `v${i}`]])
    const end = log.segments.at(-1)!.baseOffset
    const first = await small.runOnce(NOW)
    expect(first.compactions[0].cleanedUpTo).toBeLessThan(end)
    for (let i = 0; i < 10 && log.cleanerCheckpoint < end; i++) await small.runOnce(NOW)
    expect(log.cleanerCheckpoint).toBe(end)
    const keys = view(log)
      .filter((r) => Number(r.split(':')[0]) < end)
      .map((r) => r.split(':')[1].split('=')[0])
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('keeps compaction results across a reopen', async () => {
    if (mode === 'inline') return
    const { h, log, cleaner } = setup()
    for (let i = 0; i < 10; i++) put(log, [['same', `v${i}`]])
    await cleaner.runOnce(NOW)
    const before = { view: view(log), checkpoint: log.cleanerCheckpoint, size: log.sizeBytes }
    const again = h.reopen()
    const reopened = again.logs.log(log.topicId, 0)
    expect(view(reopened)).toEqual(before.view)
    expect(reopened.cleanerCheckpoint).toBe(before.checkpoint)
    expect(reopened.sizeBytes).toBe(before.size)
  })
})

describe('compaction alongside appends (worker)', () => {
  it('lets appends go on while a pass runs and keeps every appended record', async () => {
    const h = harness(tempDir())
    const log = h.logs.log(h.topic('t', 1, { ...COMPACT, 'segment.bytes': '20000' }), 0)
    const cleaner = new LogCleaner(h.logs, { clock: () => NOW })
    cleaners.push(cleaner)
    for (let i = 0; i < 400; i++) put(log, [[`k${i % 50}`, `v${i}`]])
    const pass = cleaner.runOnce(NOW)
    for (let i = 400; i < 500; i++) put(log, [[`k${i % 50}`, `v${i}`]])
    await pass
    expect(log.logEndOffset).toBe(500)
    const records = view(log)
    // The latest value of every key is still there, and the tail appended meanwhile is whole.
    for (let k = 0; k < 50; k++) expect(records).toContain(`${450 + k}:k${k}=v${450 + k}`)
    expect(records.filter((r) => Number(r.split(':')[0]) >= 400)).toHaveLength(100)
    expect(parseBatchHeader(log.read(499, 1)[0]).baseOffset).toBe(499)
  })
})
