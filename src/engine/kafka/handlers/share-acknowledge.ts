// ShareAcknowledge (79, KIP-932): a share group member acknowledges records it acquired, without
// fetching: ACCEPT, RELEASE, REJECT or GAP per offset range, all or none per partition
// (INVALID_RECORD_STATE for a record the member does not hold). The request belongs to the
// member's share session: epoch 0 is refused (a session is opened by ShareFetch), -1 applies the
// acknowledgements and closes the session, releasing what the member still holds; any other
// epoch must be the session's next.
//
// ShareAcknowledge Request (Version: 1) => group_id member_id share_session_epoch [topics]
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
  requester,
  sessionErrorMessage,
  shareTargetResolver
} from './share-partition-access'

type Response = Encodable<ShareAcknowledgeResponse>

export function handleShareAcknowledge(
  body: ShareAcknowledgeRequest,
  ctx: RequestContext
): Response {
  const from = requester(body)
  if ('problem' in from) return topLevel(ErrorCode.INVALID_REQUEST, from.problem)
  const { groupId, memberId } = from
  const shares = ctx.engine.sharePartitions
  const cache = shares.sessionsOn(ctx.broker.id)
  const epoch = body.shareSessionEpoch
  if (epoch === 0)
    return topLevel(
      ErrorCode.INVALID_SHARE_SESSION_EPOCH,
      'ShareAcknowledge cannot open a share session (epoch 0): ShareFetch opens it'
    )
  const session = cache.check(groupId, memberId, epoch)
  if (typeof session === 'string') return topLevel(ErrorCode[session], sessionErrorMessage(session))
  const resolve = shareTargetResolver(ctx)
  const responses = body.topics.map((t) => ({
    topicId: t.topicId,
    partitions: t.partitions.map((p) => {
      const target = resolve(t.topicId, p.partitionIndex)
      const result = acknowledgeTarget(
        ctx,
        groupId,
        memberId,
        target,
        acknowledgementBatches(p.acknowledgementBatches)
      )
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
    responses,
    nodeEndpoints: movedLeaderEndpoints(
      ctx,
      responses.flatMap((r) => r.partitions)
    )
  }
}

function topLevel(errorCode: number, errorMessage: string): Response {
  return { throttleTimeMs: 0, errorCode, errorMessage, responses: [], nodeEndpoints: [] }
}
