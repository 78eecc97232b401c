// Which producer id and epoch an EndTxn may name, as Kafka's TransactionCoordinator decides it
// (endTransaction). Transaction version 2 (KIP-890) bumps the epoch at every EndTxn 5, so there a
// retried EndTxn names the epoch before the bump (or, when the bump overflowed and a new producer
// id was handed out, the old id at the last epoch it could use), while the next EndTxn names the
// current one, also to abort a transaction that added nothing. Before version 2 the epoch must be
// the current one.
import { ErrorCode } from '../../shared/kafka/error-codes'
import type { TransactionMetadata } from './transaction-state'

/** Kafka's last epoch a producer may use: the next bump hands out a new producer id. */
export const MAX_USABLE_EPOCH = 32_766

/** The largest epoch there is (Short.MAX_VALUE): only the coordinator's own bumps reach it. */
export const MAX_EPOCH = 32_767

/**
 * A bump by the coordinator that fences its producer, which keeps its producer id (the markers
 * must close what it wrote) and so never goes past the largest epoch (Kafka's
 * prepareFenceProducerEpoch, and prepareAbortOrCommit's abort at the largest epoch).
 */
export function fenceEpoch(m: { producerEpoch: number }): void {
  if (m.producerEpoch < MAX_EPOCH) m.producerEpoch += 1
}

/** Whether an epoch is the last one a producer id may use (Kafka's isEpochExhausted). */
export function epochExhausted(epoch: number): boolean {
  return epoch >= MAX_USABLE_EPOCH
}

export interface EndTxnCheck {
  /** The request repeats an EndTxn already applied (answered with the current id and epoch). */
  retry: boolean
  /** The error code, NONE when the request may go on. */
  errorCode: number
}

/**
 * Checks an EndTxn's producer id and epoch against the transactional id's state. `bumping` is
 * the request's transaction version (EndTxn 5 at transaction.version 2), which picks the rules as
 * Kafka 4's coordinator picks them (endTransaction or endTransactionWithTV1), whatever version
 * ended the last transaction.
 */
export function checkEndTxnProducer(
  m: TransactionMetadata,
  producerId: number,
  producerEpoch: number,
  producerFencedKnown: boolean,
  bumping: boolean
): EndTxnCheck {
  const retryOnOverflow =
    bumping &&
    m.previousProducerId === producerId &&
    producerEpoch === MAX_USABLE_EPOCH &&
    m.producerEpoch === 0
  const retryOnEpochBump = bumping && m.producerEpoch === producerEpoch + 1
  const current = producerEpoch === m.producerEpoch
  let valid: boolean
  if (!bumping) valid = current
  else if (m.state === 'Ongoing' || m.state === 'Empty') valid = current
  else if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort') valid = retryOnEpochBump
  // A completed transaction takes a retry, or at the current epoch an abort of an empty one.
  else valid = retryOnEpochBump || retryOnOverflow || current
  const fenced = producerFencedKnown ? ErrorCode.PRODUCER_FENCED : ErrorCode.INVALID_PRODUCER_EPOCH
  if (m.producerId !== producerId && !retryOnOverflow)
    return { retry: false, errorCode: ErrorCode.INVALID_PRODUCER_ID_MAPPING }
  // Transaction version 2: markers still being written are Kafka's pending transition, answered
  // before the epoch is looked at (KAFKA-18464), so that the producer's next EndTxn, at the epoch
  // the last one answered, waits for them rather than being fenced.
  if (bumping && (m.state === 'PrepareCommit' || m.state === 'PrepareAbort'))
    return { retry: false, errorCode: ErrorCode.CONCURRENT_TRANSACTIONS }
  if (!valid) return { retry: false, errorCode: fenced }
  return { retry: retryOnEpochBump || retryOnOverflow, errorCode: ErrorCode.NONE }
}
