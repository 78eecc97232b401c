// The records Kafka's transaction coordinator writes to __transaction_state, in Kafka's own
// layout: the key an int16 0 followed by the transactional id (TransactionLogKey), the value an
// int16 version followed by TransactionLogValue's fields; a null value is a tombstone. Written in
// version 0, as Kafka writes them for clients of transaction version 0 and 1 (KIP-890's flexible
// version 1 only once transaction.version 2 is on). Schemas generated from Kafka's JSON.
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

/** The version of TransactionLogValue written. */
export const TRANSACTION_LOG_VALUE_VERSION = 0

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

export function transactionLogValue(t: TransactionTransition): Buffer {
  return encodeCoordinatorRecord(TRANSACTION_LOG_VALUE_VERSION, transactionLogValueSchema, {
    producerId: BigInt(t.producerId),
    producerEpoch: t.producerEpoch,
    transactionTimeoutMs: t.timeoutMs,
    transactionStatus: TRANSACTION_STATUS[t.state],
    transactionPartitions: t.state === 'Empty' ? null : byTopic(t.partitions),
    transactionLastUpdateTimestampMs: BigInt(t.lastUpdateMs),
    transactionStartTimestampMs: BigInt(t.startMs)
  })
}
