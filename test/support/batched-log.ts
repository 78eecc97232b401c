// Builds partitions the way batching clients and the broker shape them - batches of many records,
// compressed with every codec, transaction markers, compaction gaps, a log start moved into a
// batch - on a real engine, and gives the records a reader must return (the model).
import fc from 'fast-check'
import type { Engine } from '../../src/engine/engine'
import {
  CompressionType,
  ControlRecordType,
  decodeBatch,
  encodeBatch,
  encodeControlKey,
  parseBatchHeader
} from '../../src/engine/records'
import type { Service } from '../../src/engine/service/service'
import type { MessageRecord } from '../../src/shared/api/messages'
import { engineInternals } from './engine-internals'
import { compressionCodec } from './generators'

export const T0 = Date.now() - 3_600_000

export interface ModelRecord {
  partition: number
  offset: number
  timestamp: number
  key: string
  value: string
}

export type LogItem =
  | { kind: 'data'; codec: CompressionType; records: Array<{ key: string; ts: number }> }
  | { kind: 'control' }

export interface PartitionPlan {
  items: LogItem[]
  /** Fraction (0..1) of the high watermark where DeleteRecords moves the log start; null: none. */
  deleteBefore: number | null
}

export interface TopicPlan {
  partitions: PartitionPlan[]
  compact: boolean
  /** message.timestamp.type=LogAppendTime: the broker's clock stamps every batch. */
  logAppendTime?: boolean
}

const dataBatch = fc.record({
  kind: fc.constant('data' as const),
  codec: compressionCodec,
  records: fc.array(
    fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      // CreateTime as clients send it: mostly rising, sometimes out of order.
      ts: fc.integer({ min: 0, max: 600_000 })
    }),
    { minLength: 1, maxLength: 40 }
  )
})

const logItem: fc.Arbitrary<LogItem> = fc.oneof(
  { weight: 6, arbitrary: dataBatch },
  { weight: 1, arbitrary: fc.constant({ kind: 'control' as const }) }
)

export const partitionPlan: fc.Arbitrary<PartitionPlan> = fc.record({
  items: fc.array(logItem, { minLength: 0, maxLength: 12 }),
  deleteBefore: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null })
})

export const topicPlan = (maxPartitions = 3): fc.Arbitrary<TopicPlan> =>
  fc.record({
    partitions: fc.array(partitionPlan, { minLength: 1, maxLength: maxPartitions }),
    compact: fc.boolean(),
    logAppendTime: fc.boolean()
  })

let topicSeq = 0

export interface BuiltTopic {
  name: string
  /** Per partition, the records a reader must return, in offset order. */
  model: ModelRecord[][]
  logStart: number[]
  highWatermark: number[]
}

/**
 * A transaction marker as the transaction coordinator writes it: a control batch of one record,
 * stored after the partition's last batch (clients cannot produce one).
 */
function appendMarker(engine: Engine, topicId: number, partition: number, ts: number): void {
  const internals = engineInternals(engine)
  const log = internals.logs.log(topicId, partition)
  const base = log.logEndOffset
  const value = Buffer.alloc(6)
  const data = encodeBatch(
    [{ key: encodeControlKey(ControlRecordType.Commit), value, timestamp: ts }],
    { control: true, transactional: true, producerId: 4242, producerEpoch: 0, baseOffset: base }
  )
  const h = parseBatchHeader(data)
  const q = internals.logs.q
  q.batchesInsert.run(
    topicId,
    partition,
    base,
    base,
    ts,
    ts,
    1,
    data.length,
    4242,
    0,
    -1,
    h.attributes,
    0,
    data
  )
  q.partitionLogsUpdateLogEnd.run(base + 1, topicId, partition)
  log.reload()
}

/** Every user record stored in [logStart, HW), read straight from the batch table. */
export function storedRecords(engine: Engine, topicId: number, partition: number): ModelRecord[] {
  const internals = engineInternals(engine)
  const log = internals.logs.log(topicId, partition)
  const rows = internals.db
    .prepare<[number, number], { data: Buffer }>(
      'SELECT data FROM log_batches WHERE topic_id = ? AND partition = ? ORDER BY base_offset'
    )
    .all(topicId, partition)
  const out: ModelRecord[] = []
  for (const { data } of rows) {
    const { header, records } = decodeBatch(data)
    if (header.isControl) continue
    for (const r of records)
      if (r.offset >= log.logStartOffset && r.offset < log.highWatermark)
        out.push({
          partition,
          offset: r.offset,
          timestamp: r.timestamp,
          key: r.key?.toString() ?? '',
          value: r.value?.toString() ?? ''
        })
  }
  return out
}

/** Creates the topic and writes the plan; the model is what was written, less what went. */
export async function buildTopic(
  engine: Engine,
  svc: Service,
  plan: TopicPlan
): Promise<BuiltTopic> {
  const name = `prop-${++topicSeq}`
  await svc.call('topics.create', {
    name,
    partitions: plan.partitions.length,
    replicationFactor: 1,
    configs: {
      ...(plan.compact
        ? {
            'cleanup.policy': 'compact',
            'segment.bytes': '400',
            'min.cleanable.dirty.ratio': '0.01'
          }
        : {}),
      ...(plan.logAppendTime ? { 'message.timestamp.type': 'LogAppendTime' } : {})
    }
  })
  const topic = engine.requireTopic(name)
  const written: ModelRecord[][] = []
  plan.partitions.forEach((pp, p) => {
    const mine: ModelRecord[] = []
    let ts = T0
    for (const item of pp.items) {
      const log = engine.partitionLog(topic, p)
      if (item.kind === 'control') {
        appendMarker(engine, topic.id, p, ts)
        continue
      }
      const base = log.logEndOffset
      const input = item.records.map((r, i) => ({
        key: r.key,
        value: `${p}/${base + i}`,
        timestamp: T0 + r.ts
      }))
      ts = Math.max(ts, ...input.map((r) => r.timestamp))
      const outcome = engine.appendAsLeader(
        topic,
        p,
        encodeBatch(input, { compression: item.codec }),
        1
      )
      if (outcome.errorCode !== 0) throw new Error(`append failed: ${outcome.errorMessage}`)
      input.forEach((r, i) =>
        mine.push({
          partition: p,
          offset: outcome.baseOffset + i,
          timestamp: r.timestamp,
          key: r.key,
          value: r.value
        })
      )
    }
    written.push(mine)
  })
  if (plan.compact) await engineInternals(engine).cleaner.runOnce()
  const model: ModelRecord[][] = []
  const logStart: number[] = []
  const highWatermark: number[] = []
  plan.partitions.forEach((pp, p) => {
    const log = engine.partitionLog(topic, p)
    if (pp.deleteBefore !== null)
      log.deleteRecordsBefore(Math.floor(pp.deleteBefore * log.highWatermark))
    const stored = storedRecords(engine, topic.id, p)
    if (!plan.compact) {
      // Without compaction the store must hold exactly what was written, from the log start.
      const expected = written[p].filter(
        (r) => r.offset >= log.logStartOffset && r.offset < log.highWatermark
      )
      const same = (x: ModelRecord, y: ModelRecord) =>
        x.offset === y.offset &&
        x.key === y.key &&
        x.value === y.value &&
        (plan.logAppendTime || x.timestamp === y.timestamp)
      if (stored.length !== expected.length || stored.some((r, i) => !same(r, expected[i])))
        throw new Error(`partition ${p} does not hold what was written`)
    }
    model.push(stored)
    logStart.push(log.logStartOffset)
    highWatermark.push(log.highWatermark)
  })
  return { name, model, logStart, highWatermark }
}

/** A record as "partition:offset:key:value@timestamp", to compare with the model. */
export const ident = (r: ModelRecord | MessageRecord): string =>
  `${r.partition}:${r.offset}:${r.key}:${r.value}@${r.timestamp}`
