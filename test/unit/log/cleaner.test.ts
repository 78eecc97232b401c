// The cleaner's lifecycle: periodic passes, the worker taking WAL checkpoints, failures.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LogCleaner, type CleanerPassReport } from '../../../src/engine/log/cleaner'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DB_FILE } from '../../../src/engine/storage/database'
import { batch, cleanup, harness, records, tempDir } from './helpers'

const cleaners: LogCleaner[] = []
afterEach(async () => {
  for (const c of cleaners.splice(0)) await c.close()
  cleanup()
})

/** The checkpoint sequence number of a WAL file's header, which changes each time it starts over. */
function walCheckpointSequence(walFile: string): number {
  const fd = openSync(walFile, 'r')
  try {
    const header = Buffer.alloc(16)
    readSync(fd, header, 0, 16, 0)
    return header.readUInt32BE(12)
  } finally {
    closeSync(fd)
  }
}

/**
 * About 100 MB in appends of 100 KB, one at a time without a pause, with the cleaner's worker
 * started and a WAL restart size of 1 MiB: the WAL's largest size and how often it started over.
 */
async function steadyAppends(options: {
  checkpointIntervalMs: number
}): Promise<{ largest: number; restarts: number }> {
  const h = harness(tempDir())
  const log = h.logs.log(h.topic('steady', 1), 0)
  const cleaner = new LogCleaner(h.logs, { ...options, walRestartBytes: 1 << 20 }).start()
  cleaners.push(cleaner)
  const dbFile = join(h.dataDir, DB_FILE)
  const walFile = `${dbFile}-wal`
  const value = 'x'.repeat(10_000)
  if (options.checkpointIntervalMs < 1000) {
    // The worker is up once it has checkpointed a first append.
    const dbBytes = statSync(dbFile).size
    log.append(batch([{ key: 'first', value }]))
    await vi.waitFor(() => expect(statSync(dbFile).size).toBeGreaterThan(dbBytes), {
      timeout: 10_000,
      interval: 10
    })
  }
  const start = log.logEndOffset
  let largest = 0
  const sequences = new Set<number>()
  for (let i = 0; i < 1000; i++) {
    log.append(batch(Array.from({ length: 10 }, (_, k) => ({ key: `k${k}`, value }))))
    largest = Math.max(largest, statSync(walFile).size)
    sequences.add(walCheckpointSequence(walFile))
    await new Promise((resolve) => setImmediate(resolve))
  }
  expect(log.logEndOffset - start).toBe(10_000)
  return { largest, restarts: sequences.size - 1 }
}

describe('log cleaner', () => {
  it('runs passes on its interval once started', async () => {
    const h = harness(tempDir())
    const log = h.logs.log(h.topic('t', 1, { 'retention.ms': '50' }), 0)
    log.append(batch(records(3, { timestamp: Date.now() - 1000 })))
    const passes: number[] = []
    const cleaner = new LogCleaner(h.logs, {
      intervalMs: 20,
      onPass: (r) => passes.push(r.segmentsDeleted)
    }).start()
    cleaners.push(cleaner)
    await vi.waitFor(() => expect(log.logStartOffset).toBe(3), { timeout: 5000, interval: 10 })
    expect(passes).toContain(1)
  })

  it('applies retention once every retentionCheckIntervalMs, not on every pass', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const h = harness()
      const expired = h.logs.log(h.topic('expired', 1, { 'retention.ms': '50' }), 0)
      expired.append(batch(records(3, { timestamp: Date.now() - 1000 })))
      const passes: CleanerPassReport[] = []
      const cleaner = new LogCleaner(h.logs, {
        intervalMs: 20,
        retentionCheckIntervalMs: 100,
        onPass: (r) => passes.push(r)
      }).start()
      cleaners.push(cleaner)
      await vi.advanceTimersByTimeAsync(80)
      expect(passes.map((r) => r.segmentsDeleted)).toEqual([0, 0, 0, 0])
      expect(expired.logStartOffset).toBe(0)
      await vi.advanceTimersByTimeAsync(20)
      expect(passes.map((r) => r.segmentsDeleted)).toEqual([0, 0, 0, 0, 1])
      expect(expired.logStartOffset).toBe(3)
    } finally {
      vi.useRealTimers()
    }
  })

  it('passes as often as a retention check shorter than its interval asks', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const h = harness()
      const passes: CleanerPassReport[] = []
      const cleaner = new LogCleaner(h.logs, {
        intervalMs: 5000,
        retentionCheckIntervalMs: 1000,
        onPass: (r) => passes.push(r)
      }).start()
      cleaners.push(cleaner)
      await vi.advanceTimersByTimeAsync(3000)
      expect(passes).toHaveLength(3)
    } finally {
      vi.useRealTimers()
    }
  })

  it('takes WAL checkpoints off the main connection while its worker runs', async () => {
    const h = harness(tempDir())
    const before = h.db.pragma('wal_autocheckpoint', { simple: true })
    const cleaner = new LogCleaner(h.logs).start()
    expect(cleaner.mode).toBe('worker')
    // The main connection checkpoints only past twice the restart size (64 MiB by default).
    const pageSize = h.db.pragma('page_size', { simple: true }) as number
    expect(h.db.pragma('wal_autocheckpoint', { simple: true })).toBe((128 << 20) / pageSize)
    await cleaner.close()
    expect(h.db.pragma('wal_autocheckpoint', { simple: true })).toBe(before)
  })

  it('keeps the WAL from growing under appends that never pause', async () => {
    const { largest, restarts } = await steadyAppends({ checkpointIntervalMs: 10 })
    // Left alone, the WAL grows past the data appended (about 130 MB). Past walRestartBytes the
    // main connection starts it over from its beginning between two appends (a new checkpoint
    // sequence in its header) once the worker's checkpoint has copied it.
    expect(restarts).toBeGreaterThan(1)
    expect(largest).toBeLessThan(48 << 20)
  })

  it('bounds the WAL from the main connection when the worker does not checkpoint in time', async () => {
    // The worker's first checkpoint is a minute away: only the backstop, twice walRestartBytes,
    // keeps the WAL in check.
    const { largest, restarts } = await steadyAppends({ checkpointIntervalMs: 60_000 })
    expect(restarts).toBeGreaterThan(10)
    expect(largest).toBeLessThan(4 << 20)
  })

  it('runs inline for in-memory databases and refuses a worker for them', () => {
    const h = harness()
    expect(new LogCleaner(h.logs).mode).toBe('inline')
    expect(() => new LogCleaner(h.logs, { mode: 'worker' })).toThrow(/in-memory/)
    expect(new LogCleaner(harness(tempDir()).logs, { mode: 'inline' }).mode).toBe('inline')
  })

  it('reports a failing job and goes on with the pass', async () => {
    const h = harness(tempDir())
    const compacted = h.logs.log(
      h.topic('c', 1, { 'cleanup.policy': 'compact', 'segment.bytes': '100' }),
      0
    )
    for (let i = 0; i < 4; i++) compacted.append(batch([{ key: 'k', value: `v${i}` }]))
    const errors: Error[] = []
    const cleaner = new LogCleaner(h.logs, {
      worker: { filename: '/nonexistent/log-cleaner-worker.js' },
      onError: (e) => errors.push(e)
    })
    cleaners.push(cleaner)
    const report = await cleaner.runOnce()
    expect(report.compactions).toHaveLength(0)
    expect(errors.length).toBeGreaterThan(0)
    expect(compacted.logEndOffset).toBe(4)
  })
})
