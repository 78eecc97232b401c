// Which of a consumer-protocol group's records a change can touch. Kafka's coordinator writes a
// member's records when that member's subscription or assignment changes, and the group's own
// (its epoch with the subscribed topics' metadata hash, target assignment epoch, expressions)
// when they change: a
// heartbeat that moved neither the group's epochs, its members nor its subscribed topics can
// change only the heartbeating member's records and the group's own. What the last write of the
// group's records saw is kept here, so that such a heartbeat rebuilds and compares those few
// records instead of every member's, and any other change rebuilds the whole state.
import type { ConsumerGroup } from './consumer-group'
import { isMemberRecord, memberRecordKeys, type GroupStateRecord } from './consumer-group-records'

interface Seen {
  groupEpoch: number
  assignmentEpoch: number
  members: ReadonlySet<string>
  /** The subscribed topics with their partition counts and ids. */
  topics: string
  /** The keys (hex) of the group's own records as last written. */
  groupKeys: ReadonlySet<string>
}

export class ConsumerRecordScope {
  private readonly seen = new Map<string, Seen>()

  /**
   * The keys (hex) of the records a change of `memberId` alone can touch (the member's and the
   * group's own), or undefined when the group changed otherwise since its records were last
   * written, and all of them are to be rebuilt.
   */
  of(group: ConsumerGroup, memberId: string, topics: string): Set<string> | undefined {
    const s = this.seen.get(group.groupId)
    if (
      !s ||
      s.groupEpoch !== group.groupEpoch ||
      s.assignmentEpoch !== group.assignmentEpoch ||
      s.topics !== topics ||
      s.members.size !== group.members.size ||
      !s.members.has(memberId) ||
      !group.members.has(memberId)
    )
      return undefined
    const keys = new Set(s.groupKeys)
    for (const k of memberRecordKeys(group.groupId, memberId)) keys.add(k.toString('hex'))
    return keys
  }

  /** The group's records were written: all of them, or (`partial`) a member's and the group's. */
  wrote(
    group: ConsumerGroup,
    topics: string,
    state: readonly GroupStateRecord[],
    partial: boolean
  ): void {
    const before = this.seen.get(group.groupId)
    const groupKeys = new Set(
      state.filter((r) => !isMemberRecord(r.type)).map((r) => r.key.toString('hex'))
    )
    this.seen.set(group.groupId, {
      groupEpoch: group.groupEpoch,
      assignmentEpoch: group.assignmentEpoch,
      members: partial && before ? before.members : new Set(group.members.keys()),
      topics,
      groupKeys
    })
  }

  /** Forgets what was seen: the next write of the group's records rebuilds them all. */
  forget(groupId: string): void {
    this.seen.delete(groupId)
  }
}
