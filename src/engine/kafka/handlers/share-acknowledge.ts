// ShareAcknowledge (79, KIP-932): a share group member acknowledges records it acquired, without
// fetching: ACCEPT, RELEASE, REJECT or GAP per offset range, all or none per partition
// (INVALID_RECORD_STATE for a record the member does not hold). The request belongs to the
// member's share session: epoch 0 is refused (a session is opened by ShareFetch), -1 applies the
// acknowledgements and closes the session, releasing what the member still holds; any other
// epoch must be the session's next. Version 2 (KIP-1222) adds RENEW, allowed with IsRenewAck set
// (and IsRenewAck only with a RENEW among the acknowledgements), which keeps the records acquired
// and starts their acquisition locks again; its response tells the lock duration.
//
// ShareAcknowledge Request (Version: 2) => group_id member_id share_session_epoch is_renew_ack
//   [topics]
//   topics => topic_id [partitions]
//   partitions => partition_index [acknowledgement_batches]
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { Encodable, ShareAcknowledgeRequest, ShareAcknowledgeResponse } from '../protocol'
import type { RequestContext } from '../request-context'
import { movedLeaderEndpoints } from '../leader-partition'
import {
  acknowledgeTarget,
  acknowledgementBatches,
  ledPartitions,
  renewRule,
  requester,
  requestError,
  sessionErrorMessage,
  shareTargetResolver
} from './share-partition-access'

type Response = Encodable<ShareAcknowledgeResponse>

export function handleShareAcknowledge(
  body: ShareAcknowledgeRequest,
  ctx: RequestContext,
  apiVersion: number
): Response {
  const from = requester(body)
  if ('problem' in from) return requestError(ErrorCode.INVALID_REQUEST, from.problem)
  const acks = body.topics.map((t) =>
    t.partitions.map((p) => acknowledgementBatches(p.acknowledgementBatches))
  )
  const rule = renewRule(apiVersion, body.isRenewAck, acks.flat())
  if ('problem' in rule) return requestError(ErrorCode.INVALID_REQUEST, rule.problem)
  const { groupId, memberId } = from
  const shares = ctx.engine.sharePartitions
  const cache = shares.sessionsOn(ctx.broker.id)
  const epoch = body.shareSessionEpoch
  if (epoch === 0)
    return requestError(
      ErrorCode.INVALID_SHARE_SESSION_EPOCH,
      'ShareAcknowledge cannot open a share session (epoch 0): ShareFetch opens it'
    )
  const session = cache.check(groupId, memberId, epoch)
  if (typeof session === 'string')
    return requestError(ErrorCode[session], sessionErrorMessage(session))
  const resolve = shareTargetResolver(ctx)
  const responses = body.topics.map((t, i) => ({
    topicId: t.topicId,
    partitions: t.partitions.map((p, j) => {
      const target = resolve(t.topicId, p.partitionIndex)
      const result = acknowledgeTarget(ctx, groupId, memberId, target, acks[i][j], rule.renew)
      return { partitionIndex: p.partitionIndex, ...result, currentLeader: target.leader }
    })
  }))
  if (epoch === -1) {
    cache.close(groupId, memberId)
    shares.releaseMember(groupId, memberId, ledPartitions(session.partitions.values(), resolve))
  } else cache.update(session, [], [])
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    acquisitionLockTimeoutMs: shares.configOf(groupId).limits.lockDurationMs,
    responses,
    nodeEndpoints: movedLeaderEndpoints(
      ctx,
      responses.flatMap((r) => r.partitions)
    )
  }
}
