// What admin clients ask about transactions: DescribeTransactions (65) and ListTransactions (66),
// answered by the coordinators of the transactional ids, and DescribeProducers (61), answered by
// partition leaders.
//
// DescribeTransactions Request (Version: 0) => [transactional_ids]
// ListTransactions Request (Version: 1) => [state_filters] [producer_id_filters] duration_filter
// DescribeProducers Request (Version: 0) => [topics]   topics => name [partition_indexes]
import type {
  DescribeProducersRequest,
  DescribeProducersResponse,
  DescribeTransactionsRequest,
  DescribeTransactionsResponse,
  Encodable,
  ListTransactionsRequest,
  ListTransactionsResponse
} from '../protocol'
import { TRANSACTION_STATES, type TransactionState } from '../../transactions/transaction-state'
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { RequestContext } from '../request-context'
import { resolveLeaderPartition } from '../leader-partition'
import { isCoordinatorOf } from './transactions'

export function handleDescribeTransactions(
  body: DescribeTransactionsRequest,
  ctx: RequestContext
): Encodable<DescribeTransactionsResponse> {
  return {
    throttleTimeMs: 0,
    transactionStates: body.transactionalIds.map((transactionalId) => {
      const none = {
        transactionalId,
        transactionState: '',
        transactionTimeoutMs: 0,
        transactionStartTimeMs: -1n,
        producerId: -1n,
        producerEpoch: -1,
        topics: []
      }
      // As Kafka's coordinator: an empty id is INVALID_REQUEST on any broker.
      if (transactionalId === '') return { ...none, errorCode: ErrorCode.INVALID_REQUEST }
      if (!isCoordinatorOf(ctx, transactionalId))
        return { ...none, errorCode: ErrorCode.NOT_COORDINATOR }
      const m = ctx.engine.describeTransaction(transactionalId)
      if (!m) return { ...none, errorCode: ErrorCode.TRANSACTIONAL_ID_NOT_FOUND }
      const byTopic = new Map<string, number[]>()
      const shown = m.state === 'Ongoing' ? m.partitions : m.pendingMarkers
      for (const p of m.state.startsWith('Complete') ? [] : shown)
        byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition])
      return {
        errorCode: ErrorCode.NONE,
        transactionalId,
        transactionState: m.state,
        transactionTimeoutMs: m.timeoutMs,
        transactionStartTimeMs: BigInt(m.startedAt),
        producerId: BigInt(m.producerId),
        producerEpoch: m.producerEpoch,
        topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions }))
      }
    })
  }
}

export function handleListTransactions(
  body: ListTransactionsRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<ListTransactionsResponse> {
  const known = new Set<string>(TRANSACTION_STATES)
  const states = new Set(body.stateFilters)
  const producers = new Set(body.producerIdFilters.map(Number))
  const minDuration = apiVersion >= 1 ? Number(body.durationFilter) : -1
  const now = Date.now()
  const listed = ctx.engine
    .listTransactions()
    .filter((m) => isCoordinatorOf(ctx, m.transactionalId))
    .filter((m) => states.size === 0 || states.has(m.state))
    .filter((m) => producers.size === 0 || producers.has(m.producerId))
    .filter((m) => minDuration < 0 || (m.startedAt >= 0 && now - m.startedAt > minDuration))
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    unknownStateFilters: body.stateFilters.filter((s) => !known.has(s as TransactionState)),
    transactionStates: listed.map((m) => ({
      transactionalId: m.transactionalId,
      producerId: BigInt(m.producerId),
      transactionState: m.state
    }))
  }
}

export function handleDescribeProducers(
  body: DescribeProducersRequest,
  ctx: RequestContext
): Encodable<DescribeProducersResponse> {
  const { engine } = ctx
  return {
    throttleTimeMs: 0,
    topics: body.topics.map((t) => {
      const topic = engine.topic(t.name)
      return {
        name: t.name,
        partitions: t.partitionIndexes.map((partitionIndex) => {
          const led = resolveLeaderPartition(ctx, topic, partitionIndex)
          if (led.kind !== 'led')
            return {
              partitionIndex,
              errorCode: led.errorCode,
              errorMessage: null,
              activeProducers: []
            }
          return {
            partitionIndex,
            errorCode: ErrorCode.NONE,
            errorMessage: null,
            activeProducers: engine.activeProducers(led.topic, partitionIndex).map((p) => ({
              producerId: BigInt(p.producerId),
              producerEpoch: p.producerEpoch,
              lastSequence: p.lastSequence,
              lastTimestamp: BigInt(p.lastTimestamp),
              coordinatorEpoch: 0,
              currentTxnStartOffset: BigInt(p.currentTxnStartOffset)
            }))
          }
        })
      }
    })
  }
}
