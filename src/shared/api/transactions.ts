// Contract area: transactions of transactional producers, as the transaction coordinators
// keep them (ListTransactions / DescribeTransactions), and aborting a hung one.
import { z } from 'zod'

const transactionalId = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(32_767)

export const transactionsParams = {
  /** Every transactional id the cluster knows, with its state and current transaction. */
  'transactions.list': z.object({}).strict(),
  /**
   * Aborts the open transaction of a transactional id (a hung one): its records are aborted and
   * its producer fenced, as when transaction.timeout.ms runs out.
   */
  'transactions.abort': z.object({ transactionalId }).strict()
} as const

/** Kafka's transaction states, as DescribeTransactions names them. */
export type TransactionStateName =
  | 'Empty'
  | 'Ongoing'
  | 'PrepareCommit'
  | 'PrepareAbort'
  | 'CompleteCommit'
  | 'CompleteAbort'
  | 'PrepareEpochFence'
  | 'Dead'

export interface TransactionSummary {
  transactionalId: string
  state: TransactionStateName
  producerId: number
  producerEpoch: number
  /** transaction.timeout.ms the producer asked for. */
  timeoutMs: number
  /** When the current transaction began (epoch ms); null when none is open. */
  startedAt: number | null
  /** Partitions of the open transaction, by topic and partition. */
  partitions: { topic: string; partition: number }[]
}

export interface TransactionsResults {
  'transactions.list': { transactions: TransactionSummary[] }
  'transactions.abort': { transactionalId: string; aborted: true }
}

/** Partitions in the order the contract lists them: by topic, then partition. */
export function byTopicPartition(
  a: { topic: string; partition: number },
  b: { topic: string; partition: number }
): number {
  return a.topic.localeCompare(b.topic) || a.partition - b.partition
}
