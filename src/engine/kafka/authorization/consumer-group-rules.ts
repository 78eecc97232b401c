// Authorization of the consumer protocol's APIs (KIP-848) and the share group APIs (KIP-932) as
// Kafka does it: READ on the group and DESCRIBE on every topic named in the subscription to
// heartbeat; DESCRIBE on a group to describe it.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { ApiKey } from '../protocol'
import type { Access } from './access'
import { refuseEach, split, type Rule } from './gate'

/** What a heartbeat is refused with, or null when it may go on. */
function heartbeatRefusal(
  groupId: string,
  subscribedTopicNames: string[] | null,
  access: Access
): { errorCode: number; errorMessage?: string } | null {
  if (!access.group('READ', groupId)) return { errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }
  const refused = (subscribedTopicNames ?? []).filter((t) => !access.topic('DESCRIBE', t))
  if (refused.length === 0) return null
  return {
    errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    errorMessage: `The group has subscribed to topics that are not authorized: ${refused.join(', ')}`
  }
}

export const consumerGroupHeartbeatRule: Rule<typeof ApiKey.ConsumerGroupHeartbeat> = (
  body,
  access
) => {
  const answer = heartbeatRefusal(body.groupId, body.subscribedTopicNames, access)
  return answer ? { answer } : { body }
}

export const shareGroupHeartbeatRule: Rule<typeof ApiKey.ShareGroupHeartbeat> = (body, access) => {
  const answer = heartbeatRefusal(body.groupId, body.subscribedTopicNames, access)
  return answer ? { answer } : { body }
}

export const consumerGroupDescribeRule: Rule<typeof ApiKey.ConsumerGroupDescribe> = (
  body,
  access
) => {
  const allowed = split(body.groupIds, (id) => access.group('DESCRIBE', id))
  return refuseEach(body, 'groupIds', allowed, 'groups', (groupId) => ({
    groupId,
    errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    members: []
  }))
}

export const shareGroupDescribeRule: Rule<typeof ApiKey.ShareGroupDescribe> = (body, access) => {
  const allowed = split(body.groupIds, (id) => access.group('DESCRIBE', id))
  return refuseEach(body, 'groupIds', allowed, 'groups', (groupId) => ({
    groupId,
    errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    members: []
  }))
}
