// InitProducerId (key 22): a producer id and epoch for an idempotent producer.
//
// InitProducerId Request (Version: 5) => transactional_id transaction_timeout_ms producer_id
//   producer_epoch   (producer_id and producer_epoch from v3)
//
// Any broker answers for an idempotent producer (transactional id null), as in Kafka; a
// transactional id is refused (transactions are not served yet).
import type { Encodable, InitProducerIdRequest, InitProducerIdResponse } from '../protocol'
import type { RequestContext } from '../request-context'

export function handleInitProducerId(
  body: InitProducerIdRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<InitProducerIdResponse> {
  const result = ctx.engine.initProducerId({
    transactionalId: body.transactionalId,
    transactionTimeoutMs: body.transactionTimeoutMs,
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
