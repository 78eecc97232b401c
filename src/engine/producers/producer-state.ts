// Idempotent producer state: InitProducerId, and per (producer id, topic, partition) the last
// five appended batches, checked before each append (duplicates, sequence gaps, fenced epochs)
// and written to SQLite inside the append's transaction so that it survives a restart.
import { ErrorCode } from '../../shared/kafka/error-codes'
import type { Db } from '../storage/database'
import { producerQueries, type ProducerQueries } from '../storage/producer-queries'

/** Kafka keeps this many batches per producer and partition for duplicate detection. */
export const MAX_BATCHES_PER_PARTITION = 5
/** producer.id.expiration.ms: state of producers silent this long may be dropped. */
export const DEFAULT_PRODUCER_ID_EXPIRATION_MS = 86_400_000
const INT32_MAX = 2_147_483_647

/** The RecordBatch header fields the checks need (see records/batch-header.ts). */
export interface ProducerBatch {
  producerId: number
  producerEpoch: number
  baseSequence: number
  lastOffsetDelta: number
}

/** Where the log put a batch. */
export interface AppendedBatch {
  baseOffset: number
  lastOffset: number
  /** The batch's max timestamp, or its log append time: what a duplicate is answered with. */
  timestamp: number
}

export interface BatchMetadata extends AppendedBatch {
  firstSequence: number
  lastSequence: number
}

export interface ProducerPartitionState {
  producerEpoch: number
  /** Oldest first, at most MAX_BATCHES_PER_PARTITION. */
  batches: BatchMetadata[]
  lastAppendAt: number
}

/**
 * 'ok': append the batch. duplicate: the batch was already appended at that base offset;
 * answer the Produce with it and NONE, without appending. errorCode: refuse the batch.
 */
export type SequenceCheck =
  | 'ok'
  | { duplicate: number; lastOffset: number; timestamp: number }
  | { errorCode: number; message: string }

export interface InitProducerIdParams {
  transactionalId: string | null
  transactionTimeoutMs?: number
  /** InitProducerId v3+: the producer's current id and epoch (ignored without transactions). */
  producerId?: number
  producerEpoch?: number
}

export interface InitProducerIdResult {
  errorCode: number
  producerId: number
  producerEpoch: number
}

/** The sequence number of a batch's last record; sequences wrap from int32 max to 0. */
export function lastSequence(baseSequence: number, lastOffsetDelta: number): number {
  return baseSequence > INT32_MAX - lastOffsetDelta
    ? lastOffsetDelta - (INT32_MAX - baseSequence) - 1
    : baseSequence + lastOffsetDelta
}

function inSequence(last: number, next: number): boolean {
  return next === last + 1 || (next === 0 && last === INT32_MAX)
}

type Row = [number, number, number, number, number]

export class ProducerStateManager {
  private readonly q: ProducerQueries

  constructor(
    readonly db: Db,
    private readonly now: () => number = Date.now
  ) {
    this.q = producerQueries(db)
  }

  /**
   * A new producer id with epoch 0 for every idempotent producer (transactionalId null), as
   * Kafka does. A transactional id is the transaction coordinator's (transactions/coordinator.ts);
   * here it is refused with TRANSACTIONAL_ID_AUTHORIZATION_FAILED.
   */
  initProducerId(req: InitProducerIdParams): InitProducerIdResult {
    if (req.transactionalId !== null)
      return {
        errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
        producerId: -1,
        producerEpoch: -1
      }
    const r = this.q.producerIdInsert.run(0, null, this.now())
    return {
      errorCode: ErrorCode.NONE,
      producerId: Number(r.lastInsertRowid),
      producerEpoch: 0
    }
  }

  entry(producerId: number, topic: string, partition: number): ProducerPartitionState | undefined {
    const row = this.q.stateSelect.get(producerId, topic, partition)
    if (!row) return undefined
    const batches = (JSON.parse(row.batches) as Row[]).map(
      ([firstSequence, lastSequence, baseOffset, lastOffset, timestamp]) => ({
        firstSequence,
        lastSequence,
        baseOffset,
        lastOffset,
        timestamp
      })
    )
    return { producerEpoch: row.producer_epoch, batches, lastAppendAt: row.last_append_at }
  }

  /** Producers with state in the partition: id, epoch, last sequence and last batch's time. */
  partitionProducers(
    topic: string,
    partition: number
  ): { producerId: number; producerEpoch: number; lastSequence: number; lastTimestamp: number }[] {
    return this.q.statePartition.all(topic, partition).map((row) => {
      const last = (JSON.parse(row.batches) as Row[]).at(-1)
      return {
        producerId: row.producer_id,
        producerEpoch: row.producer_epoch,
        lastSequence: last?.[1] ?? -1,
        lastTimestamp: last?.[4] ?? -1
      }
    })
  }

  /** Kafka's checks before appending an idempotent batch; batches without a producer id pass. */
  checkSequence(topic: string, partition: number, batch: ProducerBatch): SequenceCheck {
    const { producerId, producerEpoch, baseSequence } = batch
    if (producerId < 0) return 'ok'
    const where = `producer ${producerId} in ${topic}-${partition}`
    const state = this.entry(producerId, topic, partition)
    if (!state) {
      if (baseSequence === 0) return 'ok'
      return {
        errorCode: ErrorCode.UNKNOWN_PRODUCER_ID,
        message: `Found no record of ${where}; its first batch must have sequence 0, not ${baseSequence}`
      }
    }
    if (producerEpoch < state.producerEpoch)
      return {
        errorCode: ErrorCode.INVALID_PRODUCER_EPOCH,
        message: `Epoch ${producerEpoch} of ${where} is older than its current epoch ${state.producerEpoch}`
      }
    if (producerEpoch > state.producerEpoch) {
      // A bumped epoch starts its sequences over.
      if (baseSequence === 0) return 'ok'
      return {
        errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
        message: `Invalid sequence ${baseSequence} for the new epoch ${producerEpoch} of ${where}`
      }
    }
    const last = lastSequence(baseSequence, batch.lastOffsetDelta)
    const dup = state.batches.find(
      (b) => b.firstSequence === baseSequence && b.lastSequence === last
    )
    if (dup)
      return { duplicate: dup.baseOffset, lastOffset: dup.lastOffset, timestamp: dup.timestamp }
    const current = state.batches[state.batches.length - 1]?.lastSequence ?? -1
    if (inSequence(current, baseSequence)) return 'ok'
    return {
      errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
      message: `Out of order sequence ${baseSequence} for ${where}: the last appended is ${current}`
    }
  }

  /**
   * Records an appended idempotent batch. Uses the same connection as the log, so calling it
   * inside the append's db.transaction() commits or rolls back with the append.
   */
  recordAppend(topic: string, partition: number, batch: ProducerBatch, at: AppendedBatch): void {
    if (batch.producerId < 0) return
    const state = this.entry(batch.producerId, topic, partition)
    const kept = state && state.producerEpoch === batch.producerEpoch ? state.batches : []
    const next: BatchMetadata = {
      firstSequence: batch.baseSequence,
      lastSequence: lastSequence(batch.baseSequence, batch.lastOffsetDelta),
      ...at
    }
    const rows: Row[] = [...kept, next]
      .slice(-MAX_BATCHES_PER_PARTITION)
      .map((b) => [b.firstSequence, b.lastSequence, b.baseOffset, b.lastOffset, b.timestamp])
    this.q.stateUpsert.run(
      batch.producerId,
      topic,
      partition,
      batch.producerEpoch,
      JSON.stringify(rows),
      this.now()
    )
  }

  /** Drops the state of producers that appended nothing for `expirationMs`; returns the count. */
  expireProducers(expirationMs = DEFAULT_PRODUCER_ID_EXPIRATION_MS): number {
    return this.q.stateExpire.run(this.now() - expirationMs).changes
  }

  /** Forgets a partition's producer state (e.g. after its log was truncated or deleted). */
  clearPartition(topic: string, partition: number): void {
    this.q.stateDeletePartition.run(topic, partition)
  }
}
