// ShareGroupHeartbeat's request and answer as the share group coordinator sees them (topic
// names; the handler maps them to topic ids), and Kafka's checks of the request's fields.
export interface ShareHeartbeatParams {
  groupId: string
  /** Chosen by the client (KIP-1082) and kept for its whole life. */
  memberId: string
  /** 0 to join, -1 to leave, else the epoch the member last heard. */
  memberEpoch: number
  /** null: unchanged. */
  rackId: string | null
  /** null: unchanged since the last heartbeat. */
  subscribedTopicNames: string[] | null
  clientId: string
  clientHost: string
}

/** The answer has the shape of ConsumerGroupHeartbeat's (member id, epoch, interval, assignment). */
export type { ConsumerHeartbeatResult as ShareHeartbeatResult } from '../groups/consumer-heartbeat'

/** Kafka's checks of the request (INVALID_REQUEST with this message), or null. */
export function invalidShareHeartbeat(req: ShareHeartbeatParams): string | null {
  if (req.groupId === '') return "GroupId can't be empty."
  if (req.rackId === '') return "RackId can't be empty."
  // KIP-1082: the client chooses its member id, and sends it from its first heartbeat on.
  if (req.memberId.trim() === '') return "MemberId can't be empty."
  if (req.memberEpoch === 0) {
    if (req.subscribedTopicNames === null || req.subscribedTopicNames.length === 0)
      return 'SubscribedTopicNames must be set in first request.'
  } else if (req.memberEpoch < -1) {
    return 'MemberEpoch is invalid.'
  }
  return null
}
