// The transactional producer's APIs, answered by the transaction coordinator of the
// transactional id (the broker FindCoordinator key type 1 names; others say NOT_COORDINATOR):
// AddPartitionsToTxn (24), AddOffsetsToTxn (25), EndTxn (26); and TxnOffsetCommit (28), answered
// by the group's coordinator. An empty transactional id is INVALID_REQUEST on any broker, as
// Kafka's TransactionCoordinator answers it before looking for the id's state; partitions of
// topics the cluster does not have are refused first, as KafkaApis refuses them.
//
// AddPartitionsToTxn Request (Version: 4) => [transactions]
//   transactions => transactional_id producer_id producer_epoch verify_only [topics]
//   (v0-3: v3_and_below_transactional_id producer_id producer_epoch [topics])
// AddOffsetsToTxn Request (Version: 4) => transactional_id producer_id producer_epoch group_id
//   (v4 says the client knows TRANSACTION_ABORTABLE, KIP-890; Kafka's coordinator never answers it
//   when adding a group, only verification does, so v4 is answered as v3)
// EndTxn Request (Version: 5) => transactional_id producer_id producer_epoch committed
//   (v5 answers producer_id producer_epoch: with transaction version 2 it bumps the epoch, KIP-890)
// TxnOffsetCommit Request (Version: 5) => transactional_id group_id producer_id producer_epoch
//   generation_id member_id group_instance_id [topics]
//   (v5 with transaction version 2 adds the group to the transaction, as AddOffsetsToTxn did)
import type {
  AddOffsetsToTxnRequest,
  AddOffsetsToTxnResponse,
  AddPartitionsToTxnRequest,
  AddPartitionsToTxnRequestAddPartitionsToTxnTopic,
  AddPartitionsToTxnResponse,
  Encodable,
  EndTxnRequest,
  EndTxnResponse,
  TxnOffsetCommitRequest,
  TxnOffsetCommitResponse
} from '../protocol'
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { RequestContext } from '../request-context'
import { coordinatorFor } from './cluster-info'
import type { TxnOffset } from '../../transactions/coordinator'

/** Whether this broker coordinates the key (a transactional id or a group id). */
export function isCoordinatorOf(ctx: RequestContext, key: string, keyType: 0 | 1 = 1): boolean {
  return coordinatorFor(ctx, key, keyType)?.id === ctx.broker.id
}

function partitionExists(ctx: RequestContext, topic: string, partition: number): boolean {
  const t = ctx.engine.topic(topic)
  return t !== undefined && partition >= 0 && partition < t.partitions.length
}

/** AddPartitionsToTxn v2+, AddOffsetsToTxn v2+ and EndTxn v2+ know PRODUCER_FENCED. */
const PRODUCER_FENCED_FROM = 2
/** EndTxn 5, Produce 12 and TxnOffsetCommit 5: a transaction version 2 client (KIP-890). */
const END_TXN_EPOCH_BUMP_FROM = 5
const TXN_OFFSET_COMMIT_ADDS_FROM = 5
/**
 * TxnOffsetCommit 4 knows TRANSACTION_ABORTABLE (KIP-890), as Produce 11 does: older versions are
 * answered INVALID_TXN_STATE in its place, as Kafka's AddPartitionsToTxnManager translates it for
 * their DEFAULT_ERROR operation.
 */
const TXN_OFFSET_COMMIT_ABORTABLE_FROM = 4

/**
 * AddPartitionsToTxn's code for each partition: as KafkaApis, partitions the cluster does not
 * have first (the others not attempted), then the coordinator's answer.
 */
function partitionCodes(
  ctx: RequestContext,
  who: { transactionalId: string; producerId: bigint; producerEpoch: number },
  refs: { topic: string; partition: number }[],
  apiVersion: number,
  verifyOnly: boolean
): Map<{ topic: string; partition: number }, number> {
  const all = (code: number) => new Map(refs.map((r) => [r, code]))
  const unknown = new Set(refs.filter((r) => !partitionExists(ctx, r.topic, r.partition)))
  if (unknown.size > 0)
    return new Map(
      refs.map((r) => [
        r,
        unknown.has(r) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.OPERATION_NOT_ATTEMPTED
      ])
    )
  if (who.transactionalId === '') return all(ErrorCode.INVALID_REQUEST)
  if (!isCoordinatorOf(ctx, who.transactionalId)) return all(ErrorCode.NOT_COORDINATOR)
  return ctx.engine.addPartitionsToTxn(
    {
      transactionalId: who.transactionalId,
      producerId: Number(who.producerId),
      producerEpoch: who.producerEpoch
    },
    refs,
    { producerFencedKnown: apiVersion >= PRODUCER_FENCED_FROM, verifyOnly }
  )
}

function addPartitions(
  ctx: RequestContext,
  who: { transactionalId: string; producerId: bigint; producerEpoch: number },
  topics: AddPartitionsToTxnRequestAddPartitionsToTxnTopic[],
  apiVersion: number,
  verifyOnly: boolean
) {
  const refs = topics.flatMap((t) =>
    t.partitions.map((partition) => ({ topic: t.name, partition }))
  )
  const codes = partitionCodes(ctx, who, refs, apiVersion, verifyOnly)
  let i = 0
  return topics.map((t) => ({
    name: t.name,
    resultsByPartition: t.partitions.map((partitionIndex) => ({
      partitionIndex,
      partitionErrorCode: codes.get(refs[i++]) ?? ErrorCode.UNKNOWN_SERVER_ERROR
    }))
  }))
}

export function handleAddPartitionsToTxn(
  body: AddPartitionsToTxnRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<AddPartitionsToTxnResponse> {
  if (apiVersion <= 3)
    return {
      throttleTimeMs: 0,
      resultsByTopicV3AndBelow: addPartitions(
        ctx,
        {
          transactionalId: body.v3AndBelowTransactionalId,
          producerId: body.v3AndBelowProducerId,
          producerEpoch: body.v3AndBelowProducerEpoch
        },
        body.v3AndBelowTopics,
        apiVersion,
        false
      )
    }
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    resultsByTransaction: body.transactions.map((t) => ({
      transactionalId: t.transactionalId,
      topicResults: addPartitions(ctx, t, t.topics, apiVersion, t.verifyOnly)
    }))
  }
}

export function handleAddOffsetsToTxn(
  body: AddOffsetsToTxnRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<AddOffsetsToTxnResponse> {
  const errorCode =
    body.transactionalId === ''
      ? ErrorCode.INVALID_REQUEST
      : isCoordinatorOf(ctx, body.transactionalId)
        ? ctx.engine.addOffsetsToTxn(
            {
              transactionalId: body.transactionalId,
              producerId: Number(body.producerId),
              producerEpoch: body.producerEpoch
            },
            body.groupId,
            apiVersion >= PRODUCER_FENCED_FROM
          )
        : ErrorCode.NOT_COORDINATOR
  return { throttleTimeMs: 0, errorCode }
}

export function handleEndTxn(
  body: EndTxnRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<EndTxnResponse> {
  const refused = (errorCode: number) => ({
    throttleTimeMs: 0,
    errorCode,
    producerId: -1n,
    producerEpoch: -1
  })
  if (body.transactionalId === '') return refused(ErrorCode.INVALID_REQUEST)
  if (!isCoordinatorOf(ctx, body.transactionalId)) return refused(ErrorCode.NOT_COORDINATOR)
  const result = ctx.engine.endTxn(
    {
      transactionalId: body.transactionalId,
      producerId: Number(body.producerId),
      producerEpoch: body.producerEpoch
    },
    body.committed,
    {
      producerFencedKnown: apiVersion >= PRODUCER_FENCED_FROM,
      epochBump: apiVersion >= END_TXN_EPOCH_BUMP_FROM && ctx.engine.transactionVersion2()
    }
  )
  return {
    throttleTimeMs: 0,
    errorCode: result.errorCode,
    producerId: BigInt(result.producerId),
    producerEpoch: result.producerEpoch
  }
}

export function handleTxnOffsetCommit(
  body: TxnOffsetCommitRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<TxnOffsetCommitResponse> {
  const offsets = body.topics.flatMap((t) =>
    t.partitions.map((p) => ({
      topic: t.name,
      partition: p.partitionIndex,
      committedOffset: Number(p.committedOffset),
      leaderEpoch: p.committedLeaderEpoch,
      metadata: p.committedMetadata
    }))
  )
  // As KafkaApis: partitions the cluster does not have are answered first, the rest go on.
  const exists = offsets.map((o) => partitionExists(ctx, o.topic, o.partition))
  const known = offsets.filter((_, i) => exists[i])
  const knownCodes = known.length === 0 ? [] : txnOffsetCommitCodes(body, ctx, apiVersion, known)
  let k = 0
  const codes = exists.map((e) => (e ? knownCodes[k++] : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION))
  let i = 0
  return {
    throttleTimeMs: 0,
    topics: body.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: codes[i++] ?? ErrorCode.UNKNOWN_SERVER_ERROR
      }))
    }))
  }
}

/**
 * The group coordinator's answer to the offsets of partitions that exist: an empty group id is
 * INVALID_GROUP_ID, another broker's group NOT_COORDINATOR, then the transaction is verified (an
 * empty transactional id INVALID_REQUEST, as its coordinator answers the verification) and the
 * group checks the member. Verification's TRANSACTION_ABORTABLE (the group was not added to the
 * transaction) is INVALID_TXN_STATE for TxnOffsetCommit 0-3, which predate it.
 */
function txnOffsetCommitCodes(
  body: TxnOffsetCommitRequest,
  ctx: RequestContext,
  apiVersion: number,
  offsets: TxnOffset[]
): number[] {
  const all = (code: number) => offsets.map(() => code)
  if (body.groupId === '') return all(ErrorCode.INVALID_GROUP_ID)
  if (!isCoordinatorOf(ctx, body.groupId, 0)) return all(ErrorCode.NOT_COORDINATOR)
  if (body.transactionalId === '') return all(ErrorCode.INVALID_REQUEST)
  const who = {
    transactionalId: body.transactionalId,
    producerId: Number(body.producerId),
    producerEpoch: body.producerEpoch
  }
  // Transaction version 2: the group's coordinator adds the group to the transaction itself.
  if (apiVersion >= TXN_OFFSET_COMMIT_ADDS_FROM && ctx.engine.transactionVersion2()) {
    const added = ctx.engine.addOffsetsToTxn(who, body.groupId, false)
    if (added !== ErrorCode.NONE) return all(added)
  }
  const codes = ctx.engine.commitTransactionalOffsets(
    who,
    body.groupId,
    // v3 (KIP-447) names the consumer the offsets are committed for; older versions do not.
    apiVersion >= 3
      ? {
          generationId: body.generationId,
          memberId: body.memberId,
          groupInstanceId: body.groupInstanceId
        }
      : { generationId: -1, memberId: '', groupInstanceId: null },
    offsets
  )
  return apiVersion >= TXN_OFFSET_COMMIT_ABORTABLE_FROM
    ? codes
    : codes.map((c) => (c === ErrorCode.TRANSACTION_ABORTABLE ? ErrorCode.INVALID_TXN_STATE : c))
}
