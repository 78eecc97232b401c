// What becomes of the __consumer_offsets records an offset commit writes inside a caller's SQLite
// transaction (a transaction's offsets, committed with its markers): they are announced when
// that outer transaction commits and undone (the logs reloaded) when it rolls back, never
// announced for a rollback, as they were when the announcement only waited for a microtask.
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../src/engine/storage/database'
import { OffsetStore, type CommittedOffset } from '../../../src/engine/groups/offset-store'
import type { CoordinatorRecordSink } from '../../../src/engine/cluster/internal-topic'

let db: Db | null = null
afterEach(() => db?.close())

function recordingSink() {
  const events: string[] = []
  const sink: CoordinatorRecordSink = {
    ensure: () => events.push('ensure'),
    write: (key, records) => void events.push(`write ${key} ${records.length}`),
    committed: () => void events.push('committed'),
    rolledBack: () => void events.push('rolledBack')
  }
  return { sink, events }
}

const offset = (partition: number): CommittedOffset => ({
  topic: 'orders',
  partition,
  committedOffset: 10 + partition,
  leaderEpoch: -1,
  metadata: '',
  commitTimestamp: 1_000
})

describe('OffsetStore records inside a caller transaction', () => {
  it('announces them when the outer transaction commits, not before', () => {
    db = openDatabase({ dataDir: ':memory:' })
    const { sink, events } = recordingSink()
    const store = new OffsetStore(db, sink, () => 1_000)
    db.transaction(() => {
      store.commit('g', [offset(0), offset(1)])
      events.push('outer goes on')
    })()
    expect(events).toEqual(['write g 2', 'outer goes on', 'committed'])
    expect(store.offsets('g')).toHaveLength(2)
  })

  it('undoes them when the outer transaction rolls back, and never announces them', async () => {
    db = openDatabase({ dataDir: ':memory:' })
    const { sink, events } = recordingSink()
    const store = new OffsetStore(db, sink, () => 1_000)
    expect(() =>
      db!.transaction(() => {
        store.commit('g', [offset(0)])
        throw new Error('the markers could not be written')
      })()
    ).toThrow('the markers could not be written')
    await Promise.resolve()
    expect(events).toEqual(['write g 1', 'rolledBack'])
    expect(store.offsets('g')).toEqual([])
  })

  it('announces them at once without a caller transaction', () => {
    db = openDatabase({ dataDir: ':memory:' })
    const { sink, events } = recordingSink()
    new OffsetStore(db, sink, () => 1_000).commit('g', [offset(0)])
    expect(events).toEqual(['ensure', 'write g 1', 'committed'])
  })
})
