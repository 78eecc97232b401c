// Embedded backend, messages area: browse, produce, search and copy (replay) records.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { messagesParams, MessageRecord, ReadResult } from '../../../shared/api/messages'
import type { Params } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import type { Engine } from '../../engine'
import type { Topic } from '../../log/topic-registry'
import { whyNoLeader } from '../../cluster/leaderless'
import { encodeBatch, type RecordInput } from '../../records'
import { Murmur2Partitioner } from '../../producers/partitioner'
import { compileFilters } from '../../messages/filters'
import { fromContractBytes, toMessageRecord } from '../../messages/message-view'
import {
  countRecords,
  lastRecords,
  partitionRecords,
  startOffset,
  type ReadRecord
} from '../../messages/partition-reader'
import type { PartitionLog } from '../../log/partition-log'
import { combinePages, tailCount, type PartitionPage } from '../../messages/read-pages'

import type { Area } from '../backend'
import type { Operations } from '../operations'
import { startSearch } from './search'
import type { SearchPlan } from '../../messages/search-job'
import type { SchemaRegistry } from '../../registry/registry'
import { TypedDecoder } from '../../registry/typed-decoder'

function requirePartitions(
  topic: Topic,
  partitions: number[] | undefined,
  field: string
): number[] {
  const all = topic.partitions.map((p) => p.partition)
  if (!partitions) return all
  for (const p of partitions)
    if (!all.includes(p))
      throw new ApiError('NOT_FOUND', `Topic '${topic.name}' has no partition ${p}`, field)
  return partitions
}

/**
 * Reads towards the end give the records just before a position: exactly that many when the
 * partition holds them, whatever the offset gaps (compaction) or control records in between.
 * A read_committed read ends at the last stable offset and leaves out aborted records.
 */
function readPartition(
  engine: Engine,
  topic: Topic,
  p: number,
  params: Params<'messages.read'>
): PartitionPage {
  const log = engine.partitionLog(topic, p)
  const committedOnly = params.isolation === 'read_committed'
  const end = committedOnly ? engine.lastStableOffset(topic, p) : log.highWatermark
  const tail = tailCount(params)
  let read: ReadRecord[]
  let from: number
  let until: number
  if (tail === null) {
    from = Math.min(startOffset(log, params.from, params.limit), end)
    read = []
    for (const chunk of partitionRecords(log, from, end, params.limit)) read.push(...chunk)
    until = read.length > 0 ? read[read.length - 1].record.offset + 1 : from
  } else {
    until =
      params.direction === 'backward'
        ? Math.min(startOffset(log, params.from, params.limit), end)
        : end
    read = lastRecords(log, until, tail)
    from = read[0]?.record.offset ?? until
  }
  const states = transactionStates(engine, topic, p, read)
  const records = read
    .map(({ record, logAppendTime }, i) => {
      const r = toMessageRecord(p, record, logAppendTime)
      return states[i] ? { ...r, transaction: states[i] } : r
    })
    .filter((r) => !committedOnly || r.transaction !== 'aborted')
  return tail === null
    ? { partition: p, records, first: records[0]?.offset ?? from, next: until, end: until }
    : {
        partition: p,
        records,
        first: from,
        next: read.length > 0 ? read[read.length - 1].record.offset + 1 : until,
        end: until
      }
}

/**
 * Each record's transaction: aborted when inside an aborted transaction's range, open when its
 * producer's transaction has no marker yet, committed otherwise; undefined outside transactions.
 */
function transactionStates(
  engine: Engine,
  topic: Topic,
  p: number,
  read: readonly ReadRecord[]
): (MessageRecord['transaction'] | undefined)[] {
  const transactional = read.filter((r) => r.transactionalProducerId >= 0)
  if (transactional.length === 0) return read.map(() => undefined)
  const lo = transactional[0].record.offset
  const hi = transactional[transactional.length - 1].record.offset + 1
  const aborted = engine.abortedTransactions(topic, p, lo, hi)
  const open = engine.openTransactions(topic, p)
  return read.map(({ record, transactionalProducerId: pid }) => {
    if (pid < 0) return undefined
    const o = record.offset
    if (aborted.some((t) => t.producerId === pid && t.firstOffset <= o && o <= t.lastOffset))
      return 'aborted'
    if (open.some((t) => t.producerId === pid && t.firstOffset <= o)) return 'open'
    return 'committed'
  })
}

function readPage(engine: Engine, topic: Topic, params: Params<'messages.read'>): ReadResult {
  const parts = requirePartitions(
    topic,
    params.partition === undefined ? undefined : [params.partition],
    'partition'
  )
  const bounds: ReadResult['bounds'] = {}
  const pages = parts.map((p) => {
    const log = engine.partitionLog(topic, p)
    bounds[p] = {
      logStartOffset: log.logStartOffset,
      highWatermark: log.highWatermark,
      lastStableOffset: engine.lastStableOffset(topic, p)
    }
    return readPartition(engine, topic, p, params)
  })
  return { ...combinePages(pages, params), bounds }
}

interface CopySource {
  p: number
  log: PartitionLog
  /** Offset ranges [from, until) to copy, in offset order. */
  ranges: Array<[number, number]>
}

interface CopyPlan {
  source: Topic
  /** The source itself when only counting without a target. */
  target: Topic
  sources: CopySource[]
  /** How many records were asked for by offset; null for a range. */
  selected: number | null
}

/** What a copy reads: the given records (consecutive offsets read as one range), or ranges. */
function copyPlan(engine: Engine, params: Params<'messages.copyCount'>): CopyPlan {
  const source = engine.requireTopic(params.source)
  const target = params.target === undefined ? source : engine.topic(params.target)
  if (!target)
    throw new ApiError(
      'NOT_FOUND',
      `Target topic '${params.target}' does not exist: create it first`,
      'target'
    )
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
    return { source, target, sources, selected }
  }
  if (params.target === source.name && params.untilOffset === undefined)
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
  return { source, target, sources, selected: null }
}

export function embeddedMessages(
  engine: Engine,
  ops: Operations,
  /** The schema registry whose wire format search filters and replay filters decode. */
  registry?: SchemaRegistry
): Area<typeof messagesParams> {
  const partitioner = new Murmur2Partitioner()
  let typed: { key: string; loading: Promise<NonNullable<SearchPlan['typed']>> } | null = null

  /** The registry's schemas and a decoder for them, parsed again only after they change. */
  function typedSchemas(): Promise<SearchPlan['typed']> {
    if (!registry) return Promise.resolve(undefined)
    const key = registry.catalogKey()
    if (typed?.key !== key) {
      const catalog = registry.catalog()
      typed = { key, loading: TypedDecoder.load(catalog).then((decoder) => ({ catalog, decoder })) }
    }
    return typed.loading
  }

  function produceOne(params: Params<'messages.produce'>) {
    if (params.valueSchema || params.keySchema)
      throw new ApiError(
        'BAD_REQUEST',
        'This cluster has no schema registry to encode with',
        params.valueSchema ? 'valueSchema' : 'keySchema'
      )
    const topic = engine.requireTopic(params.topic)
    const enc = params.encoding ?? 'utf8'
    const key = fromContractBytes(params.key, enc)
    const count = topic.partitions.length
    const partition = params.partition ?? partitioner.partition(key, count)
    if (partition >= count)
      throw new ApiError(
        'BAD_REQUEST',
        `Topic '${topic.name}' has ${count} partitions; ${partition} does not exist`,
        'partition'
      )
    const now = Date.now()
    const record: RecordInput = {
      key,
      value: fromContractBytes(params.value, enc),
      headers: Object.entries(params.headers ?? {}).map(([k, v]) => ({
        key: k,
        value: fromContractBytes(v, enc)
      })),
      timestamp: params.timestamp ?? now
    }
    const outcome = engine.appendAsLeader(topic, partition, encodeBatch([record], { now }), 1, now)
    partitioner.onNewBatch()
    if (
      outcome.errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER &&
      topic.partitions[partition].leader < 0
    )
      throw new ApiError('NO_LEADER', whyNoLeader(engine, topic, partition))
    if (outcome.errorCode !== ErrorCode.NONE)
      throw new ApiError(
        outcome.errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER ? 'UNAVAILABLE' : 'BAD_REQUEST',
        `Could not write to ${topic.name}-${partition}: ${outcome.errorMessage ?? `Kafka error ${outcome.errorCode}`}`
      )
    return {
      partition,
      offset: outcome.baseOffset,
      timestamp: outcome.logAppendTime >= 0 ? outcome.logAppendTime : (record.timestamp ?? now)
    }
  }

  return {
    'messages.read': async (params) => readPage(engine, engine.requireTopic(params.topic), params),
    'messages.produce': async (params) => produceOne(params),
    'messages.search': async (params) => {
      const topic = engine.requireTopic(params.topic)
      const parts = requirePartitions(topic, params.partitions, 'partitions')
      const ranges = parts.map((p) => {
        const log = engine.partitionLog(topic, p)
        const from = startOffset(log, params.from, params.limit)
        let until = Math.min(params.untilOffset ?? log.highWatermark, log.highWatermark)
        if (params.untilTimestamp !== undefined)
          until = Math.min(
            until,
            log.offsetForTimestamp(params.untilTimestamp, { upTo: until })?.offset ?? until
          )
        return { p, log, from, until: Math.max(from, until) }
      })
      // Bad filters are reported now, on the request, not later by the operation.
      compileFilters(params.filters)
      const op = startSearch(engine, ops, {
        topic,
        ranges: ranges.map(({ p, from, until }) => ({ partition: p, from, until })),
        filters: params.filters,
        limit: params.limit,
        maxScan: params.maxScan ?? Number.MAX_SAFE_INTEGER,
        typed: await typedSchemas()
      })
      return { operationId: op.status.operationId }
    },
    'messages.searchResults': async ({ operationId }) => ops.results(operationId),
    'messages.copyCount': async (params) => {
      const plan = copyPlan(engine, params)
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
    'messages.copy': async (params) => {
      const plan = copyPlan(engine, params)
      const { source, target } = plan
      const decoder = params.filters?.length ? (await typedSchemas())?.decoder : undefined
      // Records are copied as stored (typed ones keep their schema id); filters see them decoded.
      const match = compileFilters(params.filters ?? [], decoder && ((b) => decoder.text(b)))
      const total = plan.sources.reduce(
        (n, r) => n + r.ranges.reduce((m, [a, b]) => m + (b - a), 0),
        0
      )
      const copyPartitioner = new Murmur2Partitioner()
      const op = ops.start('copy', `Copy ${source.name} to ${target.name}`, function* (op) {
        let skipped = 0
        const touched = new Set<number>()
        for (const r of plan.sources) {
          for (const [from, until] of r.ranges) {
            for (const chunk of partitionRecords(r.log, from, until)) {
              const byPartition = new Map<number, RecordInput[]>()
              for (const { record } of chunk) {
                op.status.processed++
                if (!match(record)) {
                  skipped++
                  continue
                }
                const tp =
                  params.keepPartition && r.p < target.partitions.length
                    ? r.p
                    : copyPartitioner.partition(record.key, target.partitions.length)
                const list = byPartition.get(tp) ?? []
                list.push({
                  key: record.key,
                  value: record.value,
                  headers: record.headers,
                  timestamp: params.keepTimestamps === false ? undefined : record.timestamp
                })
                byPartition.set(tp, list)
              }
              copyPartitioner.onNewBatch()
              const now = Date.now()
              for (const [tp, records] of byPartition) {
                for (let i = 0; i < records.length; i += 1000) {
                  const slice = records.slice(i, i + 1000)
                  const outcome = engine.appendAsLeader(
                    target,
                    tp,
                    encodeBatch(slice, { now }),
                    1,
                    now
                  )
                  if (outcome.errorCode !== ErrorCode.NONE)
                    throw new Error(
                      `writing to ${target.name}-${tp} failed: ${outcome.errorMessage ?? outcome.errorCode}`
                    )
                  op.status.matched += slice.length
                  touched.add(tp)
                }
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
        return `Copied ${op.status.matched} record(s) to ${target.name} (partitions ${[...touched].sort((a, b) => a - b).join(', ') || 'none'})${filtered}`
      })
      return { operationId: op.status.operationId }
    }
  }
}
