// Which isolation level a group's consumers read with. Kafka's group protocol does not say; their
// Fetch requests do. Fetches are remembered by client id and host (what a group member is known
// by too), so a group whose members fetch with read_committed has its lag measured against the
// last stable offset, the furthest such a consumer can read. A group without members keeps the
// level it was last seen with.
import type { IsolationLevel } from '../../shared/api/groups'
import type { ClassicGroup } from './classic-group'

/** Clients remembered at most; the least recently fetching are forgotten first. */
const MAX_CLIENTS = 10_000

export class ConsumerIsolation {
  private readonly clients = new Map<string, IsolationLevel>()
  private readonly groups = new Map<string, IsolationLevel>()

  /** A Fetch from a consumer (replica fetches are not consumers, and are not noted). */
  noteFetch(clientId: string, clientHost: string, readCommitted: boolean): void {
    const key = `${clientId}\0${clientHost}`
    const level: IsolationLevel = readCommitted ? 'read_committed' : 'read_uncommitted'
    if (this.clients.get(key) === level) return
    this.clients.delete(key)
    this.clients.set(key, level)
    if (this.clients.size > MAX_CLIENTS) {
      const oldest = this.clients.keys().next().value
      if (oldest !== undefined) this.clients.delete(oldest)
    }
  }

  /**
   * The level a group's members fetch with (read_committed when any of them does), the level it
   * was last seen with when no member has fetched, or null when never seen.
   */
  ofGroup(groupId: string, group: ClassicGroup | undefined): IsolationLevel | null {
    let seen: IsolationLevel | null = null
    for (const m of group?.members.values() ?? []) {
      const level = this.clients.get(`${m.clientId}\0${m.clientHost}`)
      if (level === 'read_committed' || (level && !seen)) seen = level
      if (seen === 'read_committed') break
    }
    if (seen) this.groups.set(groupId, seen)
    return seen ?? this.groups.get(groupId) ?? null
  }
}
