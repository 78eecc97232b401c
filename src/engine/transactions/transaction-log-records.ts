// The records Kafka's transaction coordinator writes to __transaction_state, in Kafka's own
// layout: the key an int16 0 followed by the transactional id (TransactionLogKey), the value an
// int16 version followed by TransactionLogValue's fields; a null value is a tombstone. The value's
// version follows the finalized transaction.version as Kafka's TransactionVersion says
// (transactionLogValueVersion): 0 at level 0, the flexible 1 from level 1, with KIP-890's tagged
// PreviousProducerId, NextProducerId and ClientTransactionVersion (left out at their defaults).
// Schemas generated from Kafka's JSON.
import {
  TransactionLogRecordType,
  transactionLogKeySchema,
  transactionLogValueSchema
} from '../kafka/protocol/generated/coordinator-records'
import { encodeCoordinatorRecord, type CoordinatorRecordTypes } from '../groups/coordinator-records'
import type { TopicPartitionRef, TransactionState } from './transaction-state'

/** Kafka's TransactionState ids, as TransactionStatus holds them. */
export const TRANSACTION_STATUS: Record<TransactionState | 'Dead' | 'PrepareEpochFence', number> = {
  Empty: 0,
  Ongoing: 1,
  PrepareCommit: 2,
  PrepareAbort: 3,
  CompleteCommit: 4,
  CompleteAbort: 5,
  Dead: 6,
  PrepareEpochFence: 7
}

/** The version of TransactionLogValue written at a finalized transaction.version. */
export function transactionLogValueVersion(transactionVersion: number): number {
  return transactionVersion >= 1 ? 1 : 0
}

/** The records of __transaction_state, for decodeCoordinatorRecord. */
export const TRANSACTION_RECORD_TYPES: CoordinatorRecordTypes = new Map([
  [
    TransactionLogRecordType,
    { name: 'TransactionLog', key: transactionLogKeySchema, value: transactionLogValueSchema }
  ]
])

export function transactionLogKey(transactionalId: string): Buffer {
  return encodeCoordinatorRecord(
    TransactionLogRecordType,
    transactionLogKeySchema,
    { transactionalId },
    0
  )
}

/** One transition of a transactional id, as Kafka's TxnTransitMetadata holds it. */
export interface TransactionTransition {
  producerId: number
  producerEpoch: number
  timeoutMs: number
  state: TransactionState
  /** The transaction's partitions (ignored in Empty, written as null as Kafka does). */
  partitions: readonly TopicPartitionRef[]
  lastUpdateMs: number
  startMs: number
  /** The producer id before this transition (-1: none). */
  previousProducerId: number
  /** The producer id an overflowing epoch bump handed out (-1: none). */
  nextProducerId: number
  clientTransactionVersion: number
}

/** The partitions grouped by topic, in the order they were added, as Kafka groups them. */
function byTopic(refs: readonly TopicPartitionRef[]) {
  const topics = new Map<string, number[]>()
  for (const r of refs) {
    const ids = topics.get(r.topic) ?? []
    ids.push(r.partition)
    topics.set(r.topic, ids)
  }
  return [...topics].map(([topic, partitionIds]) => ({ topic, partitionIds }))
}

export function transactionLogValue(t: TransactionTransition, version: number): Buffer {
  return encodeCoordinatorRecord(version, transactionLogValueSchema, {
    producerId: BigInt(t.producerId),
    previousProducerId: BigInt(t.previousProducerId),
    nextProducerId: BigInt(t.nextProducerId),
    clientTransactionVersion: t.clientTransactionVersion,
    producerEpoch: t.producerEpoch,
    transactionTimeoutMs: t.timeoutMs,
    transactionStatus: TRANSACTION_STATUS[t.state],
    transactionPartitions: t.state === 'Empty' ? null : byTopic(t.partitions),
    transactionLastUpdateTimestampMs: BigInt(t.lastUpdateMs),
    transactionStartTimestampMs: BigInt(t.startMs)
  })
}
