// InitProducerId (key 22): a producer id and epoch. Any broker answers for an idempotent
// producer (transactional id null), as in Kafka; a transactional id is answered by its
// transaction coordinator (others say NOT_COORDINATOR), which bumps the epoch and so fences an
// older instance. An empty transactional id is INVALID_REQUEST.
//
// InitProducerId Request (Version: 5) => transactional_id transaction_timeout_ms producer_id
//   producer_epoch   (producer_id and producer_epoch from v3; PRODUCER_FENCED known from v4)
import type { Encodable, InitProducerIdRequest, InitProducerIdResponse } from '../protocol'
import type { RequestContext } from '../request-context'
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { isCoordinatorOf } from './transactions'

export function handleInitProducerId(
  body: InitProducerIdRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<InitProducerIdResponse> {
  const refused = (errorCode: number) => ({
    throttleTimeMs: 0,
    errorCode,
    producerId: -1n,
    producerEpoch: -1
  })
  // As KafkaApis: a producer id without an epoch (or an epoch without one) is INVALID_REQUEST;
  // then, as Kafka's TransactionCoordinator, so is an empty transactional id, on any broker.
  if (apiVersion >= 3 && (body.producerId === -1n) !== (body.producerEpoch === -1))
    return refused(ErrorCode.INVALID_REQUEST)
  if (body.transactionalId === '') return refused(ErrorCode.INVALID_REQUEST)
  if (body.transactionalId !== null && !isCoordinatorOf(ctx, body.transactionalId))
    return refused(ErrorCode.NOT_COORDINATOR)
  const result = ctx.engine.initProducerId({
    transactionalId: body.transactionalId,
    transactionTimeoutMs: body.transactionTimeoutMs,
    producerFencedKnown: apiVersion >= 4,
    ...(apiVersion >= 3
      ? { producerId: Number(body.producerId), producerEpoch: body.producerEpoch }
      : {})
  })
  return {
    throttleTimeMs: 0,
    errorCode: result.errorCode,
    producerId: BigInt(result.producerId),
    producerEpoch: result.producerEpoch
  }
}
