// External backend, transactions area: each broker's ListTransactions (a broker lists the
// transactional ids it coordinates), then DescribeTransactions at the same broker. A cluster
// that serves neither (Kafka before 3.0) answers a clear error; aborting another producer's
// transaction takes WriteTxnMarkers, which is left to Kafka's own tooling.
import { describeTransactionsV0, listTransactionsV0 } from '@platformatic/kafka'
import {
  byTopicPartition,
  type TransactionStateName,
  type transactionsParams,
  type TransactionSummary
} from '../../../shared/api/transactions'
import { ApiError } from '../../../shared/errors'
import type { Area } from '../backend'
import type { ExternalContext } from './context'

const DESCRIBE_TRANSACTIONS = 65
const LIST_TRANSACTIONS = 66

/** The state names of DescribeTransactions, mapped to the contract's (unknown ones as Dead). */
const STATES: readonly TransactionStateName[] = [
  'Empty',
  'Ongoing',
  'PrepareCommit',
  'PrepareAbort',
  'CompleteCommit',
  'CompleteAbort',
  'PrepareEpochFence',
  'Dead'
]

const OPEN = new Set(['Ongoing', 'PrepareCommit', 'PrepareAbort'])

function stateName(s: string): TransactionStateName {
  return STATES.find((x) => x === s) ?? 'Dead'
}

async function listTransactions(ctx: ExternalContext): Promise<TransactionSummary[]> {
  const admin = ctx.clients.admin()
  const apis = await admin.listApis()
  const served = new Set(apis.map((a) => a.apiKey))
  if (!served.has(LIST_TRANSACTIONS) || !served.has(DESCRIBE_TRANSACTIONS))
    throw new ApiError(
      'BAD_REQUEST',
      `'${ctx.name}' does not serve ListTransactions and DescribeTransactions (Kafka 3.0 or newer does): its transactions cannot be listed`
    )
  const md = await admin.metadata({ topics: [] })
  const perBroker = await Promise.all(
    [...md.brokers.values()].map(async (broker) => {
      const connection = await admin.connections.get(broker)
      const listed = await listTransactionsV0.api.async(connection, [], [], -1n, null)
      const ids = listed.transactionStates.map((t) => t.transactionalId)
      if (ids.length === 0) return []
      const described = await describeTransactionsV0.api.async(connection, ids)
      return described.transactionStates
        .filter((t) => t.errorCode === 0)
        .map((t): TransactionSummary => ({
          transactionalId: t.transactionalId,
          state: stateName(t.transactionState),
          producerId: Number(t.producerId),
          producerEpoch: t.producerEpoch,
          timeoutMs: t.transactionTimeoutMs,
          startedAt:
            OPEN.has(t.transactionState) && t.transactionStartTimeMs >= 0n
              ? Number(t.transactionStartTimeMs)
              : null,
          partitions: t.topics
            .flatMap((topic) =>
              topic.partitions.map((partition) => ({ topic: topic.topic, partition }))
            )
            .sort(byTopicPartition)
        }))
    })
  )
  return perBroker.flat().sort((a, b) => a.transactionalId.localeCompare(b.transactionalId))
}

export function externalTransactions(ctx: ExternalContext): Area<typeof transactionsParams> {
  return {
    'transactions.list': async () => ({
      transactions: await ctx.clients.run('transactions.list', () => listTransactions(ctx))
    }),
    'transactions.abort': async ({ transactionalId }) => {
      throw new ApiError(
        'BAD_REQUEST',
        `Aborting '${transactionalId}' on '${ctx.name}' is not offered here: on a Kafka cluster use kafka-transactions.sh abort (it writes the abort markers with the producer's id and epoch)`,
        'transactionalId'
      )
    }
  }
}
