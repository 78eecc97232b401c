// Embedded backend, messages area: browse, produce, search and copy (replay) records; the copy
// itself is in ./copy.
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
  lastRecords,
  partitionRecords,
  startOffset,
  type ReadRecord
} from '../../messages/partition-reader'
import { combinePages, tailCount, type PartitionPage } from '../../messages/read-pages'

import type { Area } from '../backend'
import type { Operations } from '../operations'
import { startSearch } from './search'
import { requirePartitions } from './require-partitions'
import type { EmbeddedCopy } from './copy'
import type { TypedSchemas } from './typed-schemas'

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
  const opts = { markers: params.controlMarkers === true }
  if (tail === null) {
    from = Math.min(startOffset(log, params.from, params.limit), end)
    read = []
    for (const chunk of partitionRecords(log, from, end, params.limit, opts)) read.push(...chunk)
    until = read.length > 0 ? read[read.length - 1].record.offset + 1 : from
  } else {
    until =
      params.direction === 'backward'
        ? Math.min(startOffset(log, params.from, params.limit), end)
        : end
    read = lastRecords(log, until, tail, opts)
    from = read[0]?.record.offset ?? until
  }
  const states = transactionStates(engine, topic, p, read)
  const records = read
    .map(({ record, logAppendTime, marker, transactionalProducerId: producerId }, i) => {
      if (marker) return markerRecord(engine, p, record, logAppendTime, marker, producerId)
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

/** A transaction marker as the browser shows it: its outcome and producer, no key or value. */
function markerRecord(
  engine: Engine,
  p: number,
  record: ReadRecord['record'],
  logAppendTime: boolean,
  outcome: 'commit' | 'abort',
  producerId: number
): MessageRecord {
  return {
    partition: p,
    offset: record.offset,
    timestamp: record.timestamp,
    timestampType: logAppendTime ? 'LogAppendTime' : 'CreateTime',
    key: null,
    value: null,
    headers: [],
    sizeBytes: 0,
    marker: {
      outcome,
      producerId,
      transactionalId: engine.transactionOfProducer(producerId)?.transactionalId ?? null
    }
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
  const transactional = read.filter((r) => r.transactionalProducerId >= 0 && !r.marker)
  if (transactional.length === 0) return read.map(() => undefined)
  const lo = transactional[0].record.offset
  const hi = transactional[transactional.length - 1].record.offset + 1
  const aborted = engine.abortedTransactions(topic, p, lo, hi)
  const open = engine.openTransactions(topic, p)
  return read.map(({ record, transactionalProducerId: pid, marker }) => {
    if (pid < 0 || marker) return undefined
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

export function embeddedMessages(
  engine: Engine,
  ops: Operations,
  copy: EmbeddedCopy,
  /** The registry's schemas, which search filters decode typed records with. */
  typedSchemas: TypedSchemas
): Area<typeof messagesParams> {
  const partitioner = new Murmur2Partitioner()

  function produceOne(params: Params<'messages.produce'>) {
    if (params.valueSchema || params.keySchema)
      throw new ApiError(
        'BAD_REQUEST',
        'This cluster has no schema registry to encode with',
        params.valueSchema ? 'valueSchema' : 'keySchema'
      )
    const topic = engine.requireTopic(params.topic)
    if (topic.internal)
      throw new ApiError('BAD_REQUEST', `Cannot append to internal topic ${topic.name}`, 'topic')
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
    'messages.copyCount': (params) => copy.count(params),
    'messages.copy': async (params) => {
      engine.requireTopic(params.source)
      return copy.start(params, await copy.sink(params.target), false)
    }
  }
}
