// Embedded backend, transactions area: the transaction coordinator's transactional ids, and
// aborting a hung transaction (its producer fenced, as when its timeout runs out).
import {
  byTopicPartition,
  type transactionsParams,
  type TransactionSummary
} from '../../../shared/api/transactions'
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { ApiError } from '../../../shared/errors'
import type { Engine } from '../../engine'
import type { TransactionMetadata } from '../../transactions/transaction-state'
import type { Area } from '../backend'

function toSummary(m: TransactionMetadata): TransactionSummary {
  const open = m.state === 'Ongoing' || m.state === 'PrepareCommit' || m.state === 'PrepareAbort'
  return {
    transactionalId: m.transactionalId,
    state: m.state,
    producerId: m.producerId,
    producerEpoch: m.producerEpoch,
    timeoutMs: m.timeoutMs,
    // As DescribeTransactions: a completed transaction has no partitions or start any more, one
    // being completed shows the partitions still waiting for its marker.
    startedAt: open && m.startedAt >= 0 ? m.startedAt : null,
    partitions: (m.state === 'Ongoing' ? m.partitions : open ? m.pendingMarkers : [])
      .map((p) => ({
        topic: p.topic,
        partition: p.partition
      }))
      .sort(byTopicPartition)
  }
}

export function embeddedTransactions(engine: Engine): Area<typeof transactionsParams> {
  return {
    'transactions.list': async () => ({
      transactions: engine
        .listTransactions()
        .map(toSummary)
        .sort((a, b) => a.transactionalId.localeCompare(b.transactionalId))
    }),
    'transactions.abort': async ({ transactionalId }) => {
      const code = engine.abortTransaction(transactionalId)
      if (code === ErrorCode.TRANSACTIONAL_ID_NOT_FOUND)
        throw new ApiError(
          'NOT_FOUND',
          `No transactional id '${transactionalId}' on this cluster`,
          'transactionalId'
        )
      if (code === ErrorCode.KAFKA_STORAGE_ERROR)
        throw new ApiError(
          'STORAGE_FULL',
          `The transaction of '${transactionalId}' was not aborted: the disk is full. Delete topics or records to free space, then try again`,
          'transactionalId'
        )
      if (code !== ErrorCode.NONE) {
        const state = engine.describeTransaction(transactionalId)?.state ?? 'unknown'
        throw new ApiError(
          'CONFLICT',
          `'${transactionalId}' has no open transaction to abort (state ${state})`,
          'transactionalId'
        )
      }
      return { transactionalId, aborted: true }
    }
  }
}
