// Fetch's reads keep their SQLite plan from one run to the next: the log's ordered reads and the
// last stable offset of a partition with transactions. SQLite plans a statement again on every
// run when it has an ORDER BY (or a MIN) and compares an index column with `=` to a bound
// parameter. Their plans stay the index searches.
import { afterEach, describe, expect, it } from 'vitest'
import { logQueries } from '../../../src/engine/storage/log-queries'
import { transactionQueries } from '../../../src/engine/storage/transaction-queries'
import { PartitionTransactions } from '../../../src/engine/transactions/partition-transactions'
import { functionsBuilt } from '../../support/statement-replans'
import { batch, cleanup, harness, records } from './helpers'

afterEach(cleanup)

const MiB = 1 << 20

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
        .all(
          ...sql
            .split('?')
            .slice(1)
            .map(() => 1)
        )
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

describe('partition transactions: last stable offset', () => {
  it('answers each fetch of a partition with an open transaction without planning again', () => {
    const h = harness()
    const topicId = h.topic('t', 1)
    const txns = new PartitionTransactions(h.db)
    txns.recordAppend(topicId, 0, 7, 10, 12)
    expect(txns.lastStableOffset(topicId, 0, 20)).toBe(10)
    const built = functionsBuilt(() => {
      for (let hw = 5; hw < 25; hw++) txns.lastStableOffset(topicId, 0, hw)
    })
    expect(built).toBe(0)
    expect(txns.lastStableOffset(topicId, 0, 8)).toBe(8)
  })

  it('searches the open transactions by the partition key, as before', () => {
    const h = harness()
    const { source } = transactionQueries(h.db).firstUnstable
    const plan = h.db
      .prepare<number[], { detail: string }>(`EXPLAIN QUERY PLAN ${source}`)
      .all(1, 0, 5)
      .map((r) => r.detail)
    expect(plan).toEqual([
      'SEARCH partition_transactions USING PRIMARY KEY (topic_id=? AND partition=?)'
    ])
  })
})
