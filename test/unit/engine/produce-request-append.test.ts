// The partitions of one Produce request go in together (Engine.appendAllAsLeader): one SQLite
// transaction, a savepoint per partition so a refused partition leaves the others in, waiting
// fetches woken only once it has committed, and after a failed commit every partition's log
// back at the offsets the database holds.
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService } from '../../../src/engine/service/service'
import { encodeBatch } from '../../../src/engine/records'
import { partitionKey } from '../../../src/engine/cluster/append-signals'
import { ErrorCode, errorCodeInfo } from '../../../src/shared/kafka/error-codes'
import { engineInternals } from '../../support/engine-internals'

const engines: Engine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})

async function setup(compacted = false) {
  const engine = Engine.open({ dataDir: ':memory:', brokers: 1, port: 0 })
  engines.push(engine)
  const svc = createService(embeddedBackend(engine))
  await svc.call('topics.create', {
    name: 'orders',
    partitions: 3,
    replicationFactor: 1,
    configs: compacted ? { 'cleanup.policy': 'compact' } : {}
  })
  return { engine, topic: engine.requireTopic('orders') }
}

/** A batch of `count` records, keyed unless `keyless`. */
function batch(partition: number, count: number, keyless = false): Buffer {
  return encodeBatch(
    Array.from({ length: count }, (_, i) => ({
      key: keyless ? null : `k${i}`,
      value: `p${partition}-${i}`
    })),
    { now: Date.now() }
  )
}

const names = (codes: number[]) => codes.map((c) => errorCodeInfo(c).name)

describe('Engine.appendAllAsLeader', () => {
  it('appends every partition of the request, each at its own offsets', async () => {
    const { engine, topic } = await setup()
    engine.appendAsLeader(topic, 1, batch(1, 4), 1)
    const outcomes = engine.appendAllAsLeader(
      [0, 1, 2].map((p) => ({ topic, partition: p, records: batch(p, 10), acks: 1 }))
    )
    expect(names(outcomes.map((o) => o.errorCode))).toEqual(['NONE', 'NONE', 'NONE'])
    expect(outcomes.map((o) => [o.baseOffset, o.lastOffset])).toEqual([
      [0, 9],
      [4, 13],
      [0, 9]
    ])
    expect([0, 1, 2].map((p) => engine.partitionLog(topic, p).highWatermark)).toEqual([10, 14, 10])
  })

  it('keeps the partitions that pass when one of them is refused', async () => {
    const { engine, topic } = await setup(true)
    const outcomes = engine.appendAllAsLeader([
      { topic, partition: 0, records: batch(0, 5), acks: 1 },
      // A compacted topic refuses records without a key.
      { topic, partition: 1, records: batch(1, 5, true), acks: 1 },
      { topic, partition: 2, records: batch(2, 5), acks: 1 }
    ])
    expect(names(outcomes.map((o) => o.errorCode))).toEqual(['NONE', 'INVALID_RECORD', 'NONE'])
    expect(outcomes[1].recordErrors?.map((e) => e.batchIndex)).toEqual([0, 1, 2, 3, 4])
    expect([0, 1, 2].map((p) => engine.partitionLog(topic, p).logEndOffset)).toEqual([5, 0, 5])
    const db = engineInternals(engine).db
    const stored = db
      .prepare('SELECT partition, SUM(record_count) AS n FROM log_batches GROUP BY partition')
      .all()
    expect(stored).toEqual([
      { partition: 0, n: 5 },
      { partition: 2, n: 5 }
    ])
  })

  it('wakes a waiting fetch once the request has gone in', async () => {
    const { engine, topic } = await setup()
    // Without the wake-up this waits past the test's own timeout, and the test fails.
    const waiting = engine.waitForAppends([partitionKey(topic.id, 2)], 600_000)
    engine.appendAllAsLeader(
      [0, 2].map((p) => ({ topic, partition: p, records: batch(p, 3), acks: 1 }))
    )
    await waiting
    expect(engine.partitionLog(topic, 2).highWatermark).toBe(3)
  })

  it('puts every log back at the offsets the database holds when the commit fails', async () => {
    const { engine, topic } = await setup()
    engine.appendAllAsLeader(
      [0, 1, 2].map((p) => ({ topic, partition: p, records: batch(p, 2), acks: 1 }))
    )
    const db = engineInternals(engine).db
    // A foreign key checked at COMMIT, broken by an append to partition 2: the commit fails
    // after every partition's append went through.
    db.exec(`
      CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TEMP TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TEMP TRIGGER break_commit AFTER INSERT ON log_batches WHEN NEW.partition = 2
      BEGIN INSERT INTO child VALUES (42); END;
    `)
    expect(() =>
      engine.appendAllAsLeader(
        [0, 1, 2].map((p) => ({ topic, partition: p, records: batch(p, 7), acks: 1 }))
      )
    ).toThrow(/FOREIGN KEY/)
    expect([0, 1, 2].map((p) => engine.partitionLog(topic, p).logEndOffset)).toEqual([2, 2, 2])
    db.exec('DROP TRIGGER break_commit')
    const outcomes = engine.appendAllAsLeader(
      [0, 1, 2].map((p) => ({ topic, partition: p, records: batch(p, 3), acks: 1 }))
    )
    expect(outcomes.map((o) => o.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.NONE, ErrorCode.NONE])
    expect(outcomes.map((o) => o.baseOffset)).toEqual([2, 2, 2])
  })
})
