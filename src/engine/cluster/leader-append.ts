// The leader's write path: min.insync.replicas, idempotent-producer sequence checks, the log
// append, producer state, produce metrics and wake-ups, for Kafka clients and the console alike.
import { ErrorCode } from '../../shared/kafka/error-codes'
import type { Db } from '../storage/database'
import type { Topic } from '../log/topic-registry'
import type { PartitionLog } from '../log/partition-log'
import type { LogConfig } from '../log/log-config'
import type { ProducerStateManager } from '../producers/producer-state'
import { LogError } from '../log/log-errors'
import { RecordBatchError, splitBatches, type RecordBatchSlice, type RecordError } from '../records'
import { isDiskFull } from '../storage/disk-full'
import type { StorageMonitor } from '../storage/storage-monitor'

/** What the leader's write path needs of the engine. */
export interface LeaderAppendParts {
  db: Db
  log(topic: Topic, partition: number): PartitionLog
  logConfig(topic: Topic): LogConfig
  producers: Pick<ProducerStateManager, 'checkSequence' | 'recordAppend'>
  storage: Pick<StorageMonitor, 'writable' | 'writeFailed' | 'status'>
  /** Transactional batches: allowed only in a partition of the producer's ongoing transaction. */
  transactions?: TransactionalAppends
  /** Records went in at `baseOffset`: count them, replicate them, wake whoever waits for them. */
  appended: Appended
}

/** Records went into a partition at `baseOffset` (committed). */
export type Appended = (
  topic: Topic,
  partition: number,
  now: number,
  baseOffset: number,
  records: number,
  bytes: number
) => void

export interface TransactionalAppends {
  check(
    producerId: number,
    producerEpoch: number,
    topic: string,
    partition: number
  ): { errorCode: number; message: string } | null
  /** Runs inside the append's SQLite transaction. */
  recordAppend(
    topic: Topic,
    partition: number,
    producerId: number,
    baseOffset: number,
    lastOffset: number
  ): void
}

export interface AppendOutcome {
  errorCode: number
  errorMessage: string | null
  baseOffset: number
  /** Offset of the last appended record; -1 on error. */
  lastOffset: number
  logAppendTime: number
  logStartOffset: number
  recordCount: number
  /** The records a refused batch was refused for (INVALID_RECORD), by index in the batch. */
  recordErrors?: readonly RecordError[]
}

function failed(
  errorCode: number,
  errorMessage: string,
  logStartOffset = -1,
  recordErrors?: readonly RecordError[]
): AppendOutcome {
  return {
    errorCode,
    errorMessage,
    recordErrors,
    baseOffset: -1,
    lastOffset: -1,
    logAppendTime: -1,
    logStartOffset,
    recordCount: 0
  }
}

/**
 * Appends produced record batches to a partition as its leader. `acks` only decides whether
 * min.insync.replicas applies (acks=all); waiting for the ISR is the caller's business.
 */
export function appendAsLeader(
  parts: LeaderAppendParts,
  topic: Topic,
  partition: number,
  records: Buffer,
  acks: number,
  now = Date.now()
): AppendOutcome {
  const state = topic.partitions[partition]
  if (!state)
    return failed(
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      `Partition ${partition} of '${topic.name}' does not exist`
    )
  if (state.leader < 0)
    return failed(ErrorCode.NOT_LEADER_OR_FOLLOWER, `${topic.name}-${partition} has no leader`)
  const log = parts.log(topic, partition)
  if (!parts.storage.writable) return storageError(log.logStartOffset)
  const config = parts.logConfig(topic)
  const minIsr = config.minInsyncReplicas
  if (acks === -1 && state.isr.length < minIsr)
    return failed(
      ErrorCode.NOT_ENOUGH_REPLICAS,
      `${state.isr.length} in-sync replica(s), min.insync.replicas is ${minIsr}`,
      log.logStartOffset
    )
  let batches: RecordBatchSlice[]
  try {
    batches = splitBatches(records, { verifyCrc: false }).batches
  } catch (err) {
    if (err instanceof RecordBatchError)
      return failed(err.code, err.message, log.logStartOffset, err.recordErrors)
    throw err
  }
  const idempotent = batches.length > 0 && batches[0].header.producerId >= 0
  try {
    if (!idempotent) {
      let r
      try {
        r = log.append(records, { config, now, leaderEpoch: state.leaderEpoch })
      } catch (err) {
        log.reload()
        throw err
      }
      return done(r.baseOffset, r.lastOffset, r.logAppendTime, r.recordCount)
    }
    // Idempotent batches: each checked against the producer's last five, duplicates answered
    // with their original offsets, the rest appended with the producer state in one transaction.
    let first = -1
    let last = -1
    let appendTime = -1
    let count = 0
    for (const b of batches) {
      const h = b.header
      const pb = {
        producerId: h.producerId,
        producerEpoch: h.producerEpoch,
        baseSequence: h.baseSequence,
        lastOffsetDelta: h.lastOffsetDelta
      }
      if (h.isTransactional && parts.transactions) {
        const refused = parts.transactions.check(
          h.producerId,
          h.producerEpoch,
          topic.name,
          partition
        )
        if (refused) return failed(refused.errorCode, refused.message, log.logStartOffset)
      }
      const check = parts.producers.checkSequence(topic.name, partition, pb)
      if (check !== 'ok' && 'duplicate' in check) {
        if (first < 0) first = check.duplicate
        last = check.lastOffset
        continue
      }
      if (check !== 'ok') return failed(check.errorCode, check.message, log.logStartOffset)
      const append = parts.db.transaction(() => {
        const r = log.append(b.bytes, { config, now, leaderEpoch: state.leaderEpoch })
        parts.producers.recordAppend(topic.name, partition, pb, {
          baseOffset: r.baseOffset,
          lastOffset: r.lastOffset,
          timestamp: r.logAppendTime >= 0 ? r.logAppendTime : h.maxTimestamp
        })
        if (h.isTransactional)
          parts.transactions?.recordAppend(
            topic,
            partition,
            h.producerId,
            r.baseOffset,
            r.lastOffset
          )
        if (first < 0) first = r.baseOffset
        last = r.lastOffset
        appendTime = r.logAppendTime
        count += r.recordCount
      })
      try {
        append()
      } catch (err) {
        // The log moved its offsets in memory before the rollback: read them back.
        log.reload()
        throw err
      }
    }
    return done(first, last, appendTime, count)
  } catch (err) {
    if (err instanceof RecordBatchError)
      return failed(err.code, err.message, log.logStartOffset, err.recordErrors)
    if (err instanceof LogError) return failed(err.code, err.message, log.logStartOffset)
    if (isDiskFull(err)) {
      parts.storage.writeFailed()
      return storageError(log.logStartOffset)
    }
    throw err
  }

  function storageError(logStartOffset: number): AppendOutcome {
    return failed(
      ErrorCode.KAFKA_STORAGE_ERROR,
      `The disk of ${topic.name}-${partition}'s log is full: ${parts.storage.status().advice}`,
      logStartOffset
    )
  }

  function done(
    baseOffset: number,
    lastOffset: number,
    logAppendTime: number,
    recordCount: number
  ): AppendOutcome {
    if (recordCount > 0)
      parts.appended(topic, partition, now, baseOffset, recordCount, records.length)
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      baseOffset,
      lastOffset,
      logAppendTime,
      logStartOffset: log.logStartOffset,
      recordCount
    }
  }
}

/** One partition's part of a Produce request. */
export interface PartitionAppend {
  topic: Topic
  partition: number
  records: Buffer
  acks: number
}

/**
 * Appends the partitions of one Produce request in one SQLite transaction, each in a savepoint
 * of its own (a refused partition leaves the others in): one commit for the request instead of
 * one per partition. Replication, produce rates and waiting fetches hear of the appends once the
 * transaction has committed. If the commit fails on a full disk, nothing of the request is kept
 * and every partition that had gone in is answered KAFKA_STORAGE_ERROR.
 */
export function appendAllAsLeader(
  parts: LeaderAppendParts,
  appends: readonly PartitionAppend[],
  now = Date.now()
): AppendOutcome[] {
  if (appends.length === 1) {
    const a = appends[0]
    return [appendAsLeader(parts, a.topic, a.partition, a.records, a.acks, now)]
  }
  const heard: Parameters<LeaderAppendParts['appended']>[] = []
  const deferring: LeaderAppendParts = { ...parts, appended: (...args) => void heard.push(args) }
  let outcomes: AppendOutcome[]
  try {
    outcomes = parts.db.transaction(() =>
      appends.map((a) => appendAsLeader(deferring, a.topic, a.partition, a.records, a.acks, now))
    )()
  } catch (err) {
    // Rolled back: the logs moved their offsets in memory and read them back now.
    for (const a of appends) {
      if (a.topic.partitions[a.partition]) parts.log(a.topic, a.partition).reload()
    }
    // A full disk found by one partition's append may have ended the transaction early.
    if (!isDiskFull(err) && parts.storage.writable) throw err
    parts.storage.writeFailed()
    const advice = parts.storage.status().advice
    return appends.map((a) =>
      failed(
        ErrorCode.KAFKA_STORAGE_ERROR,
        `The disk of ${a.topic.name}-${a.partition}'s log is full: ${advice}`
      )
    )
  }
  for (const args of heard) parts.appended(...args)
  return outcomes
}
