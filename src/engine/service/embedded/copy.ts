// Embedded backend, copy (replay): what a copy reads from the embedded cluster's logs, counted
// before it starts, and a sink that appends copied records to one of its topics.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { CopyCount } from '../../../shared/api/messages'
import type { Params } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import type { Engine } from '../../engine'
import type { Topic } from '../../log/topic-registry'
import type { PartitionLog } from '../../log/partition-log'
import { encodeBatch } from '../../records'
import { Murmur2Partitioner } from '../../producers/partitioner'
import { compileFilters } from '../../messages/filters'
import { countRecords, partitionRecords } from '../../messages/partition-reader'
import type { Operations } from '../operations'
import { missingTarget, type CopyHalves, type CopyRecord, type CopySink } from '../copy'
import { requirePartitions } from './require-partitions'
import type { TypedSchemas } from './typed-schemas'

export interface EmbeddedCopy extends CopyHalves {
  count(params: Params<'messages.copyCount'>): Promise<CopyCount>
}

interface CopySource {
  p: number
  log: PartitionLog
  /** Offset ranges [from, until) to copy, in offset order. */
  ranges: Array<[number, number]>
}

interface CopyPlan {
  source: Topic
  sources: CopySource[]
  /** How many records were asked for by offset; null for a range. */
  selected: number | null
}

/**
 * What a copy reads: the given records (consecutive offsets read as one range), or ranges. A
 * range copied onto its own topic needs an end (`ontoItself`), or it would never finish.
 */
function copyPlan(
  engine: Engine,
  params: Params<'messages.copyCount'>,
  ontoItself: boolean
): CopyPlan {
  const source = engine.requireTopic(params.source)
  if (params.records) {
    if (params.partitions || params.fromOffset !== undefined || params.untilOffset !== undefined)
      throw new ApiError(
        'BAD_REQUEST',
        'Copy either the given records or an offset range, not both',
        'records'
      )
    const byPartition = new Map<number, Set<number>>()
    for (const r of params.records) {
      const set = byPartition.get(r.partition) ?? new Set<number>()
      set.add(r.offset)
      byPartition.set(r.partition, set)
    }
    const parts = requirePartitions(
      source,
      [...byPartition.keys()].sort((a, b) => a - b),
      'records'
    )
    let selected = 0
    const sources = parts.map((p) => {
      const offsets = [...byPartition.get(p)!].sort((a, b) => a - b)
      selected += offsets.length
      const ranges: Array<[number, number]> = []
      for (const o of offsets) {
        const last = ranges[ranges.length - 1]
        if (last && last[1] === o) last[1] = o + 1
        else ranges.push([o, o + 1])
      }
      return { p, log: engine.partitionLog(source, p), ranges }
    })
    return { source, sources, selected }
  }
  if (ontoItself && params.target === source.name && params.untilOffset === undefined)
    throw new ApiError(
      'BAD_REQUEST',
      'Copying a topic onto itself needs an end offset, or it would never finish',
      'untilOffset'
    )
  const parts = requirePartitions(source, params.partitions, 'partitions')
  const sources = parts.map((p) => {
    const log = engine.partitionLog(source, p)
    const from = Math.max(params.fromOffset ?? log.logStartOffset, log.logStartOffset)
    const until = Math.min(params.untilOffset ?? log.highWatermark, log.highWatermark)
    return { p, log, ranges: [[from, Math.max(from, until)]] as Array<[number, number]> }
  })
  return { source, sources, selected: null }
}

/** Appends to a topic of the embedded cluster as its leaders, 1,000 records a batch. */
function embeddedSink(engine: Engine, name: string): CopySink {
  const target = engine.topic(name)
  if (!target) {
    const { code, message } = missingTarget(name)
    throw new ApiError(code, message, 'target')
  }
  return {
    topic: target.name,
    partitions: target.partitions.length,
    write(partition: number, records: CopyRecord[]) {
      const now = Date.now()
      for (let i = 0; i < records.length; i += 1000) {
        const slice = records.slice(i, i + 1000)
        const outcome = engine.appendAsLeader(
          target,
          partition,
          encodeBatch(slice, { now }),
          1,
          now
        )
        if (outcome.errorCode !== ErrorCode.NONE)
          throw new Error(
            `writing to ${target.name}-${partition} failed: ${outcome.errorMessage ?? outcome.errorCode}`
          )
      }
    }
  }
}

export function embeddedCopy(
  engine: Engine,
  ops: Operations,
  typedSchemas: TypedSchemas
): EmbeddedCopy {
  return {
    async count(params) {
      const plan = copyPlan(engine, params, true)
      if (params.target !== undefined) embeddedSink(engine, params.target)
      const partitions: Record<number, number> = {}
      let records = 0
      for (const r of plan.sources) {
        const n = r.ranges.reduce((sum, [a, b]) => sum + countRecords(r.log, a, b), 0)
        partitions[r.p] = (partitions[r.p] ?? 0) + n
        records += n
      }
      return {
        records,
        partitions,
        filtered: (params.filters ?? []).length > 0,
        missing: plan.selected === null ? 0 : plan.selected - records
      }
    },

    async sink(topic) {
      return embeddedSink(engine, topic)
    },

    async start(params, sink, intoAnotherCluster) {
      const plan = copyPlan(engine, params, !intoAnotherCluster)
      const { source } = plan
      const decoder = params.filters?.length ? (await typedSchemas())?.decoder : undefined
      // Records are copied as stored (typed ones keep their schema id); filters see them decoded.
      const match = compileFilters(params.filters ?? [], decoder && ((b) => decoder.text(b)))
      const total = plan.sources.reduce(
        (n, r) => n + r.ranges.reduce((m, [a, b]) => m + (b - a), 0),
        0
      )
      const partitioner = new Murmur2Partitioner()
      const into = sink.connection ? `${sink.topic} on ${sink.connection}` : sink.topic
      const op = ops.start('copy', `Copy ${source.name} to ${into}`, function* (op) {
        let skipped = 0
        const touched = new Set<number>()
        for (const r of plan.sources) {
          for (const [from, until] of r.ranges) {
            for (const chunk of partitionRecords(r.log, from, until)) {
              const byPartition = new Map<number, CopyRecord[]>()
              for (const { record } of chunk) {
                op.status.processed++
                if (!match(record)) {
                  skipped++
                  continue
                }
                const tp =
                  params.keepPartition && r.p < sink.partitions
                    ? r.p
                    : partitioner.partition(record.key, sink.partitions)
                const list = byPartition.get(tp) ?? []
                list.push({
                  key: record.key,
                  value: record.value,
                  headers: record.headers,
                  timestamp: params.keepTimestamps === false ? undefined : record.timestamp
                })
                byPartition.set(tp, list)
              }
              partitioner.onNewBatch()
              for (const [tp, records] of byPartition) {
                // A sink on another cluster answers later: the operation waits for it.
                const written = sink.write(tp, records)
                if (written) yield written
                op.status.matched += records.length
                touched.add(tp)
              }
              op.status.progress = total === 0 ? 1 : Math.min(1, op.status.processed / total)
              yield
            }
          }
        }
        const missing = plan.selected === null ? 0 : plan.selected - op.status.processed
        if (op.status.matched === 0)
          op.status.warning =
            op.status.processed === 0
              ? plan.selected === null
                ? 'Nothing was copied: the range holds no records'
                : 'Nothing was copied: the selected records are no longer in the log'
              : 'Nothing was copied: no record matched the filters'
        else if (missing > 0)
          op.status.warning = `${missing} of the ${plan.selected} selected records are no longer in the log`
        const filtered = skipped > 0 ? `; ${skipped} did not match the filters` : ''
        return `Copied ${op.status.matched} record(s) to ${into} (partitions ${[...touched].sort((a, b) => a - b).join(', ') || 'none'})${filtered}`
      })
      return { operationId: op.status.operationId }
    }
  }
}
