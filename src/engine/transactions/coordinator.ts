// The transaction coordinator: InitProducerId for a transactional id (epoch bumps fence the
// older instance), AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit, EndTxn (markers to every
// partition of the transaction, the group offsets made visible on commit), transaction.timeout.ms
// aborting abandoned transactions, and what DescribeTransactions / ListTransactions show. State
// lives in SQLite, so it survives a restart; it is cached here. Each change is also written out
// to __transaction_state (transaction-log-records.ts) in the same SQLite transaction, as Kafka's
// TransactionStateManager writes it. A transactional id left without a transaction for
// transactional.id.expiration.ms is forgotten, a tombstone written for it.
import type { Db } from '../storage/database'
import type { CommittedOffset } from '../groups/offset-store'
import { transactionQueries, type TransactionQueries } from '../storage/transaction-queries'
import { ErrorCode } from '../../shared/kafka/error-codes'
import { isDiskFull } from '../storage/disk-full'
import type { CoordinatorRecordSink } from '../cluster/internal-topic'
import {
  transactionLogKey,
  transactionLogValue,
  transactionLogValueVersion
} from './transaction-log-records'
import { checkEndTxnProducer, epochExhausted, fenceEpoch } from './end-txn-epochs'
import {
  fromRow,
  hasPartition,
  isOpen,
  toRow,
  type TopicPartitionRef,
  type TransactionMetadata
} from './transaction-state'

/** transaction.max.timeout.ms: the longest transaction.timeout.ms a producer may ask for. */
export const TRANSACTION_MAX_TIMEOUT_MS = 900_000
/** How often abandoned transactions are looked for and pending markers retried. */
export const TRANSACTION_CHECK_INTERVAL_MS = 1_000

/** What the coordinator needs of the rest of the engine. */
export interface TransactionParts {
  db: Db
  /** A fresh producer id. */
  allocateProducerId(): number
  partitionExists(topic: string, partition: number): boolean
  /**
   * Writes a commit or abort marker to a partition as its leader; false when the partition has
   * no leader now (the marker is retried later). Runs inside the caller's SQLite transaction.
   */
  writeMarker(
    ref: TopicPartitionRef,
    producerId: number,
    producerEpoch: number,
    committed: boolean
  ): boolean
  /** Makes offsets committed inside a transaction visible to the group. */
  commitGroupOffsets(groupId: string, offsets: CommittedOffset[]): void
  /** Whether the disk has room: on a full one no transaction is completed (markers wait). */
  storageWritable?(): boolean
  /** The markers written went in for good: replicate them, wake waiting fetches. */
  markersCommitted?(): void
  /** The SQLite transaction writing markers to these partitions rolled back (a full disk). */
  markersRolledBack?(refs: TopicPartitionRef[]): void
  changed?(transactionalId: string): void
  now?(): number
  /** Where each change goes out as a record (__transaction_state). */
  records?: CoordinatorRecordSink
  /**
   * The __consumer_offsets partition of a group, which AddOffsetsToTxn adds to the transaction's
   * partitions in the records as Kafka adds it.
   */
  groupPartition?(groupId: string): TopicPartitionRef
  /** transactional.id.expiration.ms: how long an id without a transaction is kept. */
  expirationMs?(): number
  /** The finalized transaction.version (the transaction log's value version follows it). */
  transactionVersion?(): number
}

/** What EndTxn answers: from version 5 the producer id and epoch of the next transaction. */
export interface EndTxnResult {
  errorCode: number
  producerId: number
  producerEpoch: number
}

/** Who a transactional request says it is. */
export interface ProducerIdentity {
  transactionalId: string
  producerId: number
  producerEpoch: number
}

export interface InitTransactionalParams {
  transactionalId: string
  transactionTimeoutMs: number
  /** v3+: the producer's current id and epoch, -1 when it has none. */
  producerId?: number
  producerEpoch?: number
  /** Whether the request version knows PRODUCER_FENCED (InitProducerId v4+). */
  producerFencedKnown: boolean
}

export interface TxnOffset {
  topic: string
  partition: number
  committedOffset: number
  leaderEpoch: number
  metadata: string | null
}

export class TransactionCoordinator {
  private readonly q: TransactionQueries
  private readonly byId = new Map<string, TransactionMetadata>()
  private readonly byProducer = new Map<number, TransactionMetadata>()
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly parts: TransactionParts) {
    this.q = transactionQueries(parts.db)
    for (const row of this.q.selectAll.all()) this.cache(fromRow(row))
  }

  private now(): number {
    return this.parts.now?.() ?? Date.now()
  }

  private cache(m: TransactionMetadata): void {
    const old = this.byId.get(m.transactionalId)
    if (old && this.byProducer.get(old.producerId) === old) this.byProducer.delete(old.producerId)
    this.byId.set(m.transactionalId, m)
    this.byProducer.set(m.producerId, m)
  }

  /**
   * Stores a change and (unless `record` is false) writes its record, in one SQLite transaction;
   * `previousProducerId` is the producer id before the change when it changed.
   */
  private save(m: TransactionMetadata, record = true, previousProducerId = m.producerId): void {
    m.updatedAt = this.now()
    this.recorded(() => {
      this.q.upsert.run(...toRow(m))
      if (record) this.writeRecord(m, previousProducerId)
    })
    this.cache(m)
    this.parts.changed?.(m.transactionalId)
  }

  /**
   * Runs `work` in one SQLite transaction (or inside the caller's, which then announces or undoes
   * the records: see whole()) with the records it writes out.
   */
  private recorded(work: () => void): void {
    const { db, records } = this.parts
    if (db.inTransaction) return void db.transaction(work)()
    records?.ensure()
    try {
      db.transaction(work)()
    } catch (err) {
      records?.rolledBack()
      throw err
    }
    records?.committed()
  }

  /** The transactional id's record of its state now, as Kafka writes each transition. */
  private writeRecord(m: TransactionMetadata, previousProducerId = m.producerId): void {
    const { records, groupPartition } = this.parts
    if (!records) return
    // Kafka's completed transaction holds no partitions any more.
    const complete = m.state === 'CompleteCommit' || m.state === 'CompleteAbort'
    const partitions = complete
      ? []
      : [...m.partitions, ...(groupPartition ? m.groups.map((g) => groupPartition(g)) : [])]
    const value = transactionLogValue(
      {
        producerId: m.producerId,
        producerEpoch: m.producerEpoch,
        timeoutMs: m.timeoutMs,
        state: m.state,
        partitions,
        lastUpdateMs: m.updatedAt,
        startMs: m.startedAt,
        previousProducerId,
        nextProducerId: m.nextProducerId,
        clientTransactionVersion: m.clientTransactionVersion
      },
      transactionLogValueVersion(this.parts.transactionVersion?.() ?? 0)
    )
    const key = transactionLogKey(m.transactionalId)
    records.write(m.transactionalId, [{ key, value }], m.updatedAt)
  }

  /** Writes every transactional id's state out (its topic was just made). */
  writeOutStoredState(): void {
    for (const m of this.byId.values()) this.recorded(() => this.writeRecord(m))
  }

  /** Starts the check for abandoned transactions and markers waiting for a leader. */
  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => this.tick(), TRANSACTION_CHECK_INTERVAL_MS)
    this.timer.unref()
  }

  close(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /**
   * Aborts transactions open longer than their timeout; retries pending markers; forgets ids
   * expired (transactional.id.expiration.ms).
   */
  tick(now = this.now()): void {
    const expirationMs = this.parts.expirationMs?.()
    for (const m of [...this.byId.values()]) {
      if (m.state === 'Ongoing' && m.startedAt >= 0 && now - m.startedAt > m.timeoutMs)
        this.abortWithEpochBump(m)
      else if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort') this.writeMarkers(m)
      else if (!isOpen(m) && expirationMs !== undefined && now - m.updatedAt >= expirationMs)
        this.expire(m, now)
    }
  }

  /**
   * Forgets a transactional id without a transaction (Empty, CompleteCommit, CompleteAbort) as
   * Kafka's TransactionStateManager does once it expires: it goes Dead and a tombstone of its key
   * is written to __transaction_state; its next InitProducerId gets a new producer id.
   */
  private expire(m: TransactionMetadata, now: number): void {
    if (this.parts.storageWritable && !this.parts.storageWritable()) return
    const { records } = this.parts
    try {
      this.recorded(() => {
        this.q.delete.run(m.transactionalId)
        const tombstone = { key: transactionLogKey(m.transactionalId), value: null }
        records?.write(m.transactionalId, [tombstone], now)
      })
    } catch (err) {
      if (isDiskFull(err)) return
      throw err
    }
    this.byId.delete(m.transactionalId)
    if (this.byProducer.get(m.producerId) === m) this.byProducer.delete(m.producerId)
    this.parts.changed?.(m.transactionalId)
  }

  // --- InitProducerId ---

  initProducerId(req: InitTransactionalParams): {
    errorCode: number
    producerId: number
    producerEpoch: number
  } {
    const fail = (errorCode: number) => ({ errorCode, producerId: -1, producerEpoch: -1 })
    if (req.transactionTimeoutMs <= 0 || req.transactionTimeoutMs > TRANSACTION_MAX_TIMEOUT_MS)
      return fail(ErrorCode.INVALID_TRANSACTION_TIMEOUT)
    const m = this.byId.get(req.transactionalId)
    if (!m) {
      const created: TransactionMetadata = {
        transactionalId: req.transactionalId,
        producerId: this.parts.allocateProducerId(),
        producerEpoch: 0,
        timeoutMs: req.transactionTimeoutMs,
        state: 'Empty',
        partitions: [],
        pendingMarkers: [],
        groups: [],
        startedAt: -1,
        updatedAt: 0,
        clientTransactionVersion: 0,
        previousProducerId: -1,
        nextProducerId: -1
      }
      this.save(created)
      return { errorCode: ErrorCode.NONE, producerId: created.producerId, producerEpoch: 0 }
    }
    if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort')
      return fail(ErrorCode.CONCURRENT_TRANSACTIONS)
    const fenced = fail(
      req.producerFencedKnown ? ErrorCode.PRODUCER_FENCED : ErrorCode.INVALID_PRODUCER_EPOCH
    )
    // v3+: the producer's own id and epoch (Kafka's expectedProducerIdAndEpoch), -1 when none.
    const expected =
      (req.producerId ?? -1) >= 0
        ? { producerId: req.producerId!, producerEpoch: req.producerEpoch ?? -1 }
        : null
    // Its id must be the transactional id's, or the one before a rotation it retries.
    if (
      expected &&
      expected.producerId !== m.producerId &&
      !(expected.producerId === m.previousProducerId && epochExhausted(expected.producerEpoch))
    )
      return fenced
    // The open transaction is aborted first (Kafka answers CONCURRENT_TRANSACTIONS until it is,
    // and the retry goes on from here).
    if (m.state === 'Ongoing') {
      this.abortWithEpochBump(m)
      if (isOpen(m)) return fail(ErrorCode.CONCURRENT_TRANSACTIONS)
    }
    const current = {
      errorCode: ErrorCode.NONE,
      producerId: m.producerId,
      producerEpoch: m.producerEpoch
    }
    const before = m.producerId
    const beforeEpoch = m.producerEpoch
    if (expected && expected.producerEpoch !== m.producerEpoch) {
      // A retry of an InitProducerId already applied (Kafka's lastProducerEpoch, kept in memory
      // as Kafka keeps it) is answered the same; any other epoch is fenced.
      return expected.producerEpoch === (m.lastProducerEpoch ?? -1) ? current : fenced
    }
    this.bumpEpoch(m)
    // Kafka's prepareIncrementProducerEpoch and prepareProducerIdRotation: the epoch a producer
    // named is remembered, so that its retry is recognised.
    m.lastProducerEpoch = expected ? beforeEpoch : -1
    m.timeoutMs = req.transactionTimeoutMs
    m.state = 'Empty'
    m.partitions = []
    m.groups = []
    m.startedAt = -1
    m.clientTransactionVersion = 0
    m.nextProducerId = -1
    this.save(m, true, before)
    return {
      errorCode: ErrorCode.NONE,
      producerId: m.producerId,
      producerEpoch: m.producerEpoch
    }
  }

  private bumpEpoch(m: TransactionMetadata): void {
    this.byProducer.delete(m.producerId)
    if (epochExhausted(m.producerEpoch)) {
      m.previousProducerId = m.producerId
      m.producerId = this.parts.allocateProducerId()
      m.producerEpoch = 0
    } else m.producerEpoch += 1
  }

  // --- Checks shared by the transactional requests ---

  /**
   * The transaction of a producer, or the error code its request gets: an unknown transactional
   * id or another producer id is INVALID_PRODUCER_ID_MAPPING, an older epoch is fenced.
   */
  private producerError(
    who: ProducerIdentity,
    producerFencedKnown: boolean
  ): TransactionMetadata | number {
    const m = this.byId.get(who.transactionalId)
    if (!m || m.producerId !== who.producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING
    if (m.producerEpoch !== who.producerEpoch)
      return producerFencedKnown ? ErrorCode.PRODUCER_FENCED : ErrorCode.INVALID_PRODUCER_EPOCH
    return m
  }

  private beginIfNeeded(m: TransactionMetadata): void {
    if (m.state === 'Ongoing') return
    m.state = 'Ongoing'
    m.partitions = []
    m.groups = []
    m.pendingMarkers = []
    m.startedAt = this.now()
  }

  // --- AddPartitionsToTxn ---

  /** Error code per partition (NONE where added). */
  addPartitions(
    who: ProducerIdentity,
    partitions: TopicPartitionRef[],
    opts: { producerFencedKnown: boolean; verifyOnly?: boolean }
  ): Map<TopicPartitionRef, number> {
    const result = new Map<TopicPartitionRef, number>()
    const all = (code: number) => {
      for (const p of partitions) result.set(p, code)
      return result
    }
    const m = this.producerError(who, opts.producerFencedKnown)
    if (typeof m === 'number') return all(m)
    if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort')
      return all(ErrorCode.CONCURRENT_TRANSACTIONS)
    // verify_only (v4+, sent by a partition leader): whether each partition is in the ongoing
    // transaction; one that is not is TRANSACTION_ABORTABLE, as Kafka 4's coordinator answers
    // (its leaders translate that for clients that do not know it).
    if (opts.verifyOnly) {
      for (const p of partitions)
        result.set(
          p,
          m.state === 'Ongoing' && hasPartition(m, p.topic, p.partition)
            ? ErrorCode.NONE
            : ErrorCode.TRANSACTION_ABORTABLE
        )
      return result
    }
    const unknown = partitions.filter((p) => !this.parts.partitionExists(p.topic, p.partition))
    if (unknown.length > 0) {
      for (const p of partitions)
        result.set(
          p,
          unknown.includes(p)
            ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
            : ErrorCode.OPERATION_NOT_ATTEMPTED
        )
      return result
    }
    this.beginIfNeeded(m)
    for (const p of partitions)
      if (!hasPartition(m, p.topic, p.partition))
        m.partitions.push({ topic: p.topic, partition: p.partition })
    this.save(m)
    return all(ErrorCode.NONE)
  }

  // --- AddOffsetsToTxn ---

  addOffsets(who: ProducerIdentity, groupId: string, producerFencedKnown: boolean): number {
    const m = this.producerError(who, producerFencedKnown)
    if (typeof m === 'number') return m
    if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort')
      return ErrorCode.CONCURRENT_TRANSACTIONS
    this.beginIfNeeded(m)
    if (!m.groups.includes(groupId)) m.groups.push(groupId)
    this.save(m)
    return ErrorCode.NONE
  }

  // --- TxnOffsetCommit (served by the group's coordinator) ---

  /**
   * What Kafka's transaction verification (KIP-890, on by default since 3.6) answers a
   * TxnOffsetCommit before the group coordinator looks at it: the producer must be the
   * transactional id's current one (INVALID_PRODUCER_ID_MAPPING; an older epoch is
   * INVALID_PRODUCER_EPOCH), its transaction not being completed (CONCURRENT_TRANSACTIONS), and the
   * group added to it by AddOffsetsToTxn (TRANSACTION_ABORTABLE, which the group's coordinator
   * answers INVALID_TXN_STATE to the versions before it). The transaction, or the error.
   */
  verifyOffsetCommit(who: ProducerIdentity, groupId: string): TransactionMetadata | number {
    const m = this.producerError(who, false)
    if (typeof m === 'number') return m
    if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort')
      return ErrorCode.CONCURRENT_TRANSACTIONS
    if (m.state !== 'Ongoing' || !m.groups.includes(groupId)) return ErrorCode.TRANSACTION_ABORTABLE
    return m
  }

  /** One error code for every offset: the group's offsets wait for the transaction's end. */
  commitOffsets(who: ProducerIdentity, groupId: string, offsets: TxnOffset[]): number[] {
    const m = this.verifyOffsetCommit(who, groupId)
    const codes = offsets.map((o) =>
      this.parts.partitionExists(o.topic, o.partition)
        ? ErrorCode.NONE
        : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    )
    if (typeof m === 'number') return offsets.map(() => m)
    const now = this.now()
    this.parts.db.transaction(() => {
      offsets.forEach((o, i) => {
        if (codes[i] !== ErrorCode.NONE) return
        this.q.offsetsUpsert.run(
          m.transactionalId,
          groupId,
          o.topic,
          o.partition,
          o.committedOffset,
          o.leaderEpoch,
          o.metadata ?? '',
          now
        )
      })
    })()
    return codes
  }

  /**
   * A topic is being deleted (inside the SQLite transaction that deletes it): the offsets open
   * transactions committed on it go, as Kafka's group coordinator drops pending transactional
   * offsets of deleted partitions, so that a later commit does not bring them back.
   */
  topicDeleted(topic: string): void {
    this.q.offsetsDeleteTopic.run(topic)
  }

  /** Partitions of a group with offsets a transaction committed that are not visible yet. */
  pendingOffsets(groupId: string): TopicPartitionRef[] {
    return this.q.offsetsPendingForGroup.all(groupId)
  }

  // --- EndTxn ---

  /**
   * EndTxn. `epochBump` is transaction version 2's EndTxn 5 (KIP-890): the epoch is bumped as the
   * transaction is decided, its markers carry the bumped epoch (fencing whatever the old epoch
   * still sends), and the answer names the id and epoch of the next transaction: a new producer
   * id at epoch 0 when the bump used the last epoch.
   */
  endTransaction(
    who: ProducerIdentity,
    committed: boolean,
    opts: { producerFencedKnown: boolean; epochBump?: boolean }
  ): EndTxnResult {
    const fail = (errorCode: number) => ({ errorCode, producerId: -1, producerEpoch: -1 })
    const m = this.byId.get(who.transactionalId)
    if (!m) return fail(ErrorCode.INVALID_PRODUCER_ID_MAPPING)
    const check = checkEndTxnProducer(
      m,
      who.producerId,
      who.producerEpoch,
      opts.producerFencedKnown,
      opts.epochBump === true
    )
    if (check.errorCode !== ErrorCode.NONE) return fail(check.errorCode)
    const answer = (errorCode: number) =>
      errorCode === ErrorCode.NONE ? { errorCode, ...this.nextProducer(m) } : fail(errorCode)
    if (opts.epochBump === true && !isOpen(m)) {
      // Transaction version 2 (Kafka's endTransaction table): a retry of the EndTxn just applied
      // is answered again (the other outcome INVALID_TXN_STATE); at the current epoch an abort
      // ends a transaction that added nothing, with a bump, and a commit is INVALID_TXN_STATE.
      const last = m.state === 'CompleteCommit' ? true : m.state === 'CompleteAbort' ? false : null
      if (check.retry)
        return answer(committed === last ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE)
      if (committed) return answer(ErrorCode.INVALID_TXN_STATE)
      return answer(this.abortEmpty(m) ? ErrorCode.NONE : ErrorCode.NOT_COORDINATOR)
    }
    switch (m.state) {
      case 'Ongoing':
        // A full disk: Kafka's coordinator answers a failed write of its log NOT_COORDINATOR,
        // which clients retry; the transaction stays open until the EndTxn that finds room.
        return answer(
          this.complete(m, committed, opts.epochBump === true)
            ? ErrorCode.NONE
            : ErrorCode.NOT_COORDINATOR
        )
      case 'PrepareCommit':
        return answer(committed ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE)
      case 'PrepareAbort':
        return answer(committed ? ErrorCode.INVALID_TXN_STATE : ErrorCode.CONCURRENT_TRANSACTIONS)
      case 'CompleteCommit':
        // A retried EndTxn of a completed transaction succeeds.
        return answer(committed ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE)
      case 'CompleteAbort':
        return answer(committed ? ErrorCode.INVALID_TXN_STATE : ErrorCode.NONE)
      default:
        return answer(ErrorCode.INVALID_TXN_STATE)
    }
  }

  /**
   * Transaction version 2's abort of a transaction that added nothing (the producer cannot know
   * whether its Produce requests added their partitions): the epoch is bumped as at any end, a
   * PrepareAbort without partitions starting now and its CompleteAbort are written, and no
   * marker, as Kafka's coordinator does since KIP-890's second part.
   */
  private abortEmpty(m: TransactionMetadata): boolean {
    if (this.parts.storageWritable && !this.parts.storageWritable()) return false
    return this.whole(m, () => {
      m.partitions = []
      m.groups = []
      m.startedAt = this.now()
      this.bumpForEnd(m)
      this.decide(m, false)
    })
  }

  /** The producer id and epoch the next transaction uses (an overflow's new id once complete). */
  private nextProducer(m: TransactionMetadata): { producerId: number; producerEpoch: number } {
    return m.nextProducerId >= 0
      ? { producerId: m.nextProducerId, producerEpoch: 0 }
      : { producerId: m.producerId, producerEpoch: m.producerEpoch }
  }

  /**
   * Decides an open transaction: markers to every partition (in one SQLite transaction with the
   * decision, so a crash leaves either all or none of it), the group offsets on commit.
   */
  private complete(m: TransactionMetadata, committed: boolean, epochBump: boolean): boolean {
    if (this.parts.storageWritable && !this.parts.storageWritable()) return false
    return this.whole(m, () => {
      if (epochBump) this.bumpForEnd(m)
      else m.clientTransactionVersion = 0
      this.decide(m, committed)
    })
  }

  /**
   * Transaction version 2's bump at EndTxn (Kafka's prepareAbortOrCommit): the epoch goes up by
   * one; at the last usable epoch a new producer id is handed out too, taken when the markers
   * (written with the old id at the bumped epoch) are all in.
   */
  private bumpForEnd(m: TransactionMetadata): void {
    if (epochExhausted(m.producerEpoch)) m.nextProducerId = this.parts.allocateProducerId()
    m.lastProducerEpoch = m.producerEpoch
    m.producerEpoch += 1
    m.clientTransactionVersion = 2
  }

  /**
   * Runs a change of a transaction and the markers it writes in one SQLite transaction. On a full
   * disk that rolls back, the transaction's state in memory goes back to what it was and false
   * is returned: nothing of the change survives, and it is tried again later.
   */
  private whole(m: TransactionMetadata, change: () => void): boolean {
    const before = { ...m, partitions: [...m.partitions], pendingMarkers: [...m.pendingMarkers] }
    const touched = [...m.partitions]
    const { records } = this.parts
    records?.ensure()
    try {
      this.parts.db.transaction(change)()
    } catch (err) {
      records?.rolledBack()
      if (!isDiskFull(err)) throw err
      this.byProducer.delete(m.producerId)
      Object.assign(m, before)
      this.cache(m)
      this.parts.markersRolledBack?.(touched)
      return false
    }
    records?.committed()
    this.parts.markersCommitted?.()
    return true
  }

  private decide(m: TransactionMetadata, committed: boolean): void {
    m.state = committed ? 'PrepareCommit' : 'PrepareAbort'
    m.pendingMarkers = m.partitions.map((p) => ({ ...p }))
    // The decision is written first; the markers then complete it.
    this.save(m)
    const offsets = this.q.offsetsSelect.all(m.transactionalId)
    if (committed) {
      const byGroup = new Map<string, CommittedOffset[]>()
      for (const o of offsets) {
        const list = byGroup.get(o.group_id) ?? []
        list.push({
          topic: o.topic,
          partition: o.partition,
          committedOffset: o.committed_offset,
          leaderEpoch: o.leader_epoch,
          metadata: o.metadata,
          commitTimestamp: o.committed_at
        })
        byGroup.set(o.group_id, list)
      }
      for (const [groupId, list] of byGroup) this.parts.commitGroupOffsets(groupId, list)
    }
    this.q.offsetsDelete.run(m.transactionalId)
    this.writeMarkersInTransaction(m)
  }

  private writeMarkers(m: TransactionMetadata): void {
    if (this.parts.storageWritable && !this.parts.storageWritable()) return
    this.whole(m, () => this.writeMarkersInTransaction(m))
  }

  private writeMarkersInTransaction(m: TransactionMetadata): void {
    const committed = m.state === 'PrepareCommit'
    m.pendingMarkers = m.pendingMarkers.filter(
      (p) => !this.parts.writeMarker(p, m.producerId, m.producerEpoch, committed)
    )
    const done = m.pendingMarkers.length === 0
    const before = m.producerId
    if (done) {
      m.state = committed ? 'CompleteCommit' : 'CompleteAbort'
      // Kafka's prepareComplete: an overflowing bump's new producer id takes over now.
      if (m.clientTransactionVersion >= 2) m.previousProducerId = m.producerId
      if (m.clientTransactionVersion >= 2 && m.nextProducerId >= 0) {
        this.byProducer.delete(m.producerId)
        m.producerId = m.nextProducerId
        m.producerEpoch = 0
        m.nextProducerId = -1
      }
    }
    // A record when the transaction completes; markers still waiting change no state.
    this.save(m, done, before)
  }

  /**
   * Kafka's abort of a transaction the coordinator ends itself (its timeout, a new instance's
   * InitProducerId, the console's abort), which fences its producer. The epoch is bumped once
   * (prepareFenceProducerEpoch: never past 32767, the producer id kept, so that the markers close
   * what the old epoch wrote); then, with transaction.version 2 finalized, the abort is a
   * transaction version 2 end and bumps it again (prepareAbortOrCommit), as Kafka's coordinator
   * ends it with the cluster's transaction version, not the client's. The markers carry the last
   * epoch: a transaction version 2 producer's EndTxn of the old epoch is then fenced rather than
   * taken for a retry of an EndTxn just applied.
   */
  private abortWithEpochBump(m: TransactionMetadata): boolean {
    if (this.parts.storageWritable && !this.parts.storageWritable()) return false
    return this.whole(m, () => {
      fenceEpoch(m)
      m.lastProducerEpoch = -1
      if ((this.parts.transactionVersion?.() ?? 0) >= 2) {
        m.lastProducerEpoch = m.producerEpoch
        fenceEpoch(m)
        m.clientTransactionVersion = 2
      } else m.clientTransactionVersion = 0
      m.nextProducerId = -1
      this.decide(m, false)
    })
  }

  // --- What producers may write ---

  /**
   * Whether a transactional batch of this producer may go into the partition: only when the
   * partition was added to its ongoing transaction (an older epoch is fenced). A partition not in
   * it is TRANSACTION_ABORTABLE, as Kafka's verification answers; the Produce handler answers
   * INVALID_TXN_STATE in its place to the versions before 11.
   */
  checkTransactionalAppend(
    producerId: number,
    producerEpoch: number,
    topic: string,
    partition: number
  ): { errorCode: number; message: string } | null {
    const m = this.byProducer.get(producerId)
    const where = `${topic}-${partition}`
    if (!m)
      return {
        errorCode: ErrorCode.INVALID_PRODUCER_ID_MAPPING,
        message: `Producer ${producerId} has no transactional id`
      }
    if (producerEpoch < m.producerEpoch)
      return {
        errorCode: ErrorCode.INVALID_PRODUCER_EPOCH,
        message: `Epoch ${producerEpoch} of producer ${producerId} is older than ${m.producerEpoch}`
      }
    if (m.state !== 'Ongoing' || !hasPartition(m, topic, partition))
      return {
        errorCode: ErrorCode.TRANSACTION_ABORTABLE,
        message: `${where} is not in an ongoing transaction of '${m.transactionalId}'`
      }
    return null
  }

  // --- What admin clients and the console see ---

  describe(transactionalId: string): TransactionMetadata | undefined {
    return this.byId.get(transactionalId)
  }

  list(): TransactionMetadata[] {
    return [...this.byId.values()]
  }

  /** The transactional id owning a producer id. */
  byProducerId(producerId: number): TransactionMetadata | undefined {
    return this.byProducer.get(producerId)
  }

  /** Aborts an open transaction from outside (a hung one), fencing its producer. */
  abort(transactionalId: string): number {
    const m = this.byId.get(transactionalId)
    if (!m) return ErrorCode.TRANSACTIONAL_ID_NOT_FOUND
    if (m.state !== 'Ongoing') return ErrorCode.INVALID_TXN_STATE
    return this.abortWithEpochBump(m) ? ErrorCode.NONE : ErrorCode.KAFKA_STORAGE_ERROR
  }
}
