// Share sessions (KIP-932, Kafka's ShareSessionCache): per broker, one session per (group, member)
// holding the partitions the member fetches, so that a request names only what changed. Epoch 0
// opens a session (replacing one the member had), -1 closes it, anything else must be the
// session's next epoch. The cache holds at most group.share.max.share.sessions sessions. A
// session ends with the client connection that opened it.

/** A partition of a share session, by topic id (uuid) and partition index. */
export interface ShareSessionPartition {
  topicId: string
  partition: number
}

export interface ShareSession {
  readonly groupId: string
  readonly memberId: string
  /** The client connection that opened it: the session ends when that connection closes. */
  readonly connectionId: string | null
  /** The epoch the next request must carry. */
  epoch: number
  /** Keyed by `${topicId}:${partition}`, in the order they were added. */
  readonly partitions: Map<string, ShareSessionPartition>
}

export type ShareSessionError =
  'SHARE_SESSION_NOT_FOUND' | 'INVALID_SHARE_SESSION_EPOCH' | 'SHARE_SESSION_LIMIT_REACHED'

export const partitionKeyOf = (p: ShareSessionPartition): string => `${p.topicId}:${p.partition}`

const nextEpoch = (epoch: number): number => (epoch === 0x7fffffff ? 1 : epoch + 1)

export class ShareSessionCache {
  private readonly sessions = new Map<string, ShareSession>()

  constructor(private readonly maxSessions: number) {}

  get(groupId: string, memberId: string): ShareSession | undefined {
    return this.sessions.get(`${groupId}\u0000${memberId}`)
  }

  get size(): number {
    return this.sessions.size
  }

  /** Epoch 0: a new session with these partitions (a member's previous one is replaced). */
  open(
    groupId: string,
    memberId: string,
    partitions: readonly ShareSessionPartition[],
    connectionId: string | null = null
  ): ShareSession | 'SHARE_SESSION_LIMIT_REACHED' {
    const k = `${groupId}\u0000${memberId}`
    if (!this.sessions.has(k) && this.sessions.size >= this.maxSessions)
      return 'SHARE_SESSION_LIMIT_REACHED'
    const session: ShareSession = {
      groupId,
      memberId,
      connectionId,
      epoch: 1,
      partitions: new Map(partitions.map((p) => [partitionKeyOf(p), p]))
    }
    this.sessions.set(k, session)
    return session
  }

  /**
   * A request with a session epoch other than 0: the member's session, checked against the
   * epoch; -1 is accepted on any session (it closes it, see close).
   */
  check(groupId: string, memberId: string, epoch: number): ShareSession | ShareSessionError {
    const session = this.get(groupId, memberId)
    if (!session) return 'SHARE_SESSION_NOT_FOUND'
    if (epoch !== -1 && epoch !== session.epoch) return 'INVALID_SHARE_SESSION_EPOCH'
    return session
  }

  /** An incremental request: partitions added and forgotten; the epoch moves on. */
  update(
    session: ShareSession,
    added: readonly ShareSessionPartition[],
    forgotten: readonly ShareSessionPartition[]
  ): void {
    for (const p of added) session.partitions.set(partitionKeyOf(p), p)
    for (const p of forgotten) session.partitions.delete(partitionKeyOf(p))
    session.epoch = nextEpoch(session.epoch)
  }

  /** Epoch -1, or the member left: the session is gone. */
  close(groupId: string, memberId: string): ShareSession | undefined {
    const k = `${groupId}\u0000${memberId}`
    const session = this.sessions.get(k)
    this.sessions.delete(k)
    return session
  }

  /** Ends the sessions the connection opened (it closed, as Kafka's disconnect listener does). */
  closeConnection(connectionId: string): ShareSession[] {
    const out: ShareSession[] = []
    for (const [k, s] of this.sessions)
      if (s.connectionId === connectionId) {
        out.push(s)
        this.sessions.delete(k)
      }
    return out
  }

  /** Ends every session of a group (the group was deleted). */
  closeGroup(groupId: string): ShareSession[] {
    const out: ShareSession[] = []
    for (const [k, s] of this.sessions)
      if (s.groupId === groupId) {
        out.push(s)
        this.sessions.delete(k)
      }
    return out
  }
}
