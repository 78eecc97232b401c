// Authorization of the consumer protocol's APIs (KIP-848) as Kafka does it: READ on the group and
// DESCRIBE on every topic named in the subscription to heartbeat; DESCRIBE on a group to describe
// it.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { ApiKey } from '../protocol'
import { refuseEach, split, type Rule } from './gate'

export const consumerGroupHeartbeatRule: Rule<typeof ApiKey.ConsumerGroupHeartbeat> = (
  body,
  access
) => {
  if (!access.group('READ', body.groupId))
    return { answer: { errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED } }
  const refused = (body.subscribedTopicNames ?? []).filter((t) => !access.topic('DESCRIBE', t))
  if (refused.length === 0) return { body }
  return {
    answer: {
      errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
      errorMessage: `The group has subscribed to topics that are not authorized: ${refused.join(', ')}`
    }
  }
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
