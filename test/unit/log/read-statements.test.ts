// The log's ordered reads keep their SQLite plan from one run to the next. SQLite plans a
// statement again on every run when it has an ORDER BY and compares an index column with `=` to
// a bound parameter; better-sqlite3 then builds the statement's row shape anew, with the global
// Function constructor, which is what this test counts. Their plans stay the index searches.
import { afterEach, describe, expect, it } from 'vitest'
import { logQueries } from '../../../src/engine/storage/log-queries'
import { batch, cleanup, harness, records } from './helpers'

afterEach(cleanup)

const MiB = 1 << 20

/** Calls of the global Function constructor while `run` runs. */
function functionsBuilt(run: () => void): number {
  const original = globalThis.Function
  let built = 0
  globalThis.Function = new Proxy(original, {
    apply(target, self, args: string[]) {
      built++
      return Reflect.apply(target, self, args) as unknown
    },
    construct(target, args: string[]) {
      built++
      return Reflect.construct(target, args) as object
    }
  })
  try {
    run()
  } finally {
    globalThis.Function = original
  }
  return built
}

describe('partition log: ordered reads', () => {
  it('reads forward, backward and by time without planning their statements again', () => {
    const h = harness()
    const log = h.logs.log(h.topic('t'), 0)
    for (let i = 0; i < 20; i++) log.append(batch(records(1, { from: i })))
    // First runs: each statement builds its row shape once.
    log.read(0, MiB)
    log.readBefore(20, MiB)
    log.offsetForTimestamp(0)
    const built = functionsBuilt(() => {
      for (let from = 0; from < 20; from++) {
        expect(log.read(from, 1)).toHaveLength(1)
        expect(log.readBefore(from + 1, 1)).toHaveLength(1)
        log.offsetForTimestamp(from)
      }
    })
    expect(built).toBe(0)
  })

  it('searches the batches index by partition and offset, as before', () => {
    const h = harness()
    const q = logQueries(h.db)
    const plan = (sql: string) =>
      h.db
        .prepare<number[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...sql.split('?').slice(1).map(() => 1))
        .map((r) => r.detail)
    expect(plan(q.batchesPlanRead.source)).toEqual([
      'SEARCH log_batches USING COVERING INDEX log_batches_by_last_offset (topic_id=? AND partition=? AND last_offset>? AND last_offset<?)'
    ])
    expect(plan(q.batchesSelectData.source)).toEqual([
      'SEARCH log_batches USING INDEX log_batches_by_last_offset (topic_id=? AND partition=? AND last_offset>? AND last_offset<?)'
    ])
    expect(plan(q.batchesSelectContaining.source)).toEqual([
      'SEARCH log_batches USING INDEX log_batches_by_last_offset (topic_id=? AND partition=? AND last_offset>?)'
    ])
    expect(plan(q.segmentsSelectPartition.source)).toEqual([
      'SEARCH log_segments USING PRIMARY KEY (topic_id=? AND partition=?)'
    ])
  })
})
