// Produce 12 of a transaction version 2 client (KIP-890): before appending, the leader has the
// transaction coordinator add the request's transactional partitions to the producer's
// transaction, as Kafka's ReplicaManager does through AddPartitionsToTxnManager (with verify_only
// off), where older versions only check that AddPartitionsToTxn added them. The coordinator's
// errors are answered as Kafka translates them for a producer: PRODUCER_FENCED as
// INVALID_PRODUCER_EPOCH, retriable ones as NOT_ENOUGH_REPLICAS.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { parseBatchHeader } from '../../records'
import type { RequestContext } from '../request-context'

/** Produce 12: the partitions of a transaction version 2 client's transaction. */
export const PRODUCE_ADDS_PARTITIONS_FROM = 12
/** Produce 11 knows TRANSACTION_ABORTABLE (KIP-890, Kafka's GENERIC_ERROR_SUPPORTED). */
export const PRODUCE_ABORTABLE_FROM = 11

/**
 * A transactional batch for a partition not in its producer's transaction is refused
 * TRANSACTION_ABORTABLE, which Produce 0-10 predate: Kafka's AddPartitionsToTxnManager answers them
 * INVALID_TXN_STATE in its place (their DEFAULT_ERROR operation), as it always did.
 */
export function forProduceVersion<O extends { errorCode: number; errorMessage: string | null }>(
  outcome: O,
  apiVersion: number
): O {
  return outcome.errorCode === ErrorCode.TRANSACTION_ABORTABLE &&
    apiVersion < PRODUCE_ABORTABLE_FROM
    ? { ...outcome, errorCode: ErrorCode.INVALID_TXN_STATE }
    : outcome
}

export interface TransactionalPart {
  topic: string
  partition: number
  records: Buffer
}

export interface AddRefusal {
  errorCode: number
  message: string
}

/** Whether a Produce request adds its partitions to its transaction itself. */
export function addsPartitions(
  ctx: RequestContext,
  transactionalId: string | null,
  apiVersion: number
): transactionalId is string {
  return (
    transactionalId !== null &&
    apiVersion >= PRODUCE_ADDS_PARTITIONS_FROM &&
    ctx.engine.transactionVersion2()
  )
}

function producerOf(records: Buffer): { producerId: number; producerEpoch: number } | null {
  try {
    const h = parseBatchHeader(records)
    return h.isTransactional ? { producerId: h.producerId, producerEpoch: h.producerEpoch } : null
  } catch {
    return null
  }
}

/** Kafka's translation of a verification error for a producer. */
function translated(code: number, where: string): AddRefusal {
  if (code === ErrorCode.PRODUCER_FENCED)
    return {
      errorCode: ErrorCode.INVALID_PRODUCER_EPOCH,
      message: `The producer's epoch is fenced for ${where}`
    }
  if (code === ErrorCode.INVALID_TXN_STATE)
    return { errorCode: code, message: 'Partition was not added to the transaction' }
  if (
    code === ErrorCode.CONCURRENT_TRANSACTIONS ||
    code === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS ||
    code === ErrorCode.COORDINATOR_NOT_AVAILABLE ||
    code === ErrorCode.NOT_COORDINATOR
  )
    return {
      errorCode: ErrorCode.NOT_ENOUGH_REPLICAS,
      message: `Unable to verify the partition has been added to the transaction. Underlying error: ${code}`
    }
  return { errorCode: code, message: `${where} could not be added to the transaction` }
}

/**
 * Adds the transactional parts to the transaction: what each part is refused with, by position
 * (null: added, or it holds no transactional batch).
 */
export function addToTransaction(
  ctx: RequestContext,
  transactionalId: string,
  parts: readonly TransactionalPart[]
): (AddRefusal | null)[] {
  const refusals: (AddRefusal | null)[] = parts.map(() => null)
  const transactional = parts.flatMap((p, index) => {
    const producer = producerOf(p.records)
    return producer ? [{ index, ref: { topic: p.topic, partition: p.partition }, ...producer }] : []
  })
  if (transactional.length === 0) return refusals
  const { producerId, producerEpoch } = transactional[0]
  if (transactional.some((t) => t.producerId !== producerId)) {
    for (const t of transactional)
      refusals[t.index] = {
        errorCode: ErrorCode.INVALID_PRODUCER_ID_MAPPING,
        message: 'Transactional records contained more than one producer ID'
      }
    return refusals
  }
  const refs = transactional.map((t) => t.ref)
  const codes = ctx.engine.addPartitionsToTxn(
    { transactionalId, producerId, producerEpoch },
    refs,
    {
      producerFencedKnown: true
    }
  )
  for (const t of transactional) {
    const code = codes.get(t.ref) ?? ErrorCode.UNKNOWN_SERVER_ERROR
    if (code !== ErrorCode.NONE)
      refusals[t.index] = translated(code, `${t.ref.topic}-${t.ref.partition}`)
  }
  return refusals
}
