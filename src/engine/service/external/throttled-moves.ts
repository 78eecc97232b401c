// The moves the console throttled on one connection of an external backend, kept in the console
// database until the console sees them over, and its log of the throttles it took off.
import type { ClusterChange } from '../../../shared/api/cluster'
import type { ThrottledMove } from '../../cluster/move-throttles'
import type { ConsoleDb } from '../connections/database'

const MAX_CHANGES = 1_000

const moveKey = (topic: string, partition: number) => `${partition}:${topic}`

/**
 * The moves the console throttled on one connection, and its log of the throttles it took off.
 * A move counts as in flight from the moment it is being started until a ListPartitionReassignments
 * sent after its AlterPartitionReassignments was answered no longer lists it.
 */
export class ThrottledMoves {
  private readonly q
  private readonly changes: ClusterChange[] = []
  /** ListPartitionReassignments sent so far. */
  private listed = 0
  /** Moves being started: the first list that may find them over (Infinity: not yet sent). */
  private readonly starting = new Map<string, number>()
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    db: ConsoleDb,
    private readonly connectionId: string,
    private readonly changed: (change: ClusterChange) => void
  ) {
    this.q = {
      select: db.prepare<[string], { moves: string }>(
        'SELECT moves FROM move_throttles WHERE connection_id = ?'
      ),
      upsert: db.prepare<[string, string]>(
        'INSERT INTO move_throttles (connection_id, moves) VALUES (?, ?) ' +
          'ON CONFLICT (connection_id) DO UPDATE SET moves = excluded.moves'
      ),
      remove: db.prepare<[string]>('DELETE FROM move_throttles WHERE connection_id = ?')
    }
  }

  tracked(): ThrottledMove[] {
    const row = this.q.select.get(this.connectionId)
    return row ? (JSON.parse(row.moves) as ThrottledMove[]) : []
  }

  save(moves: ThrottledMove[]): void {
    if (moves.length === 0) this.q.remove.run(this.connectionId)
    else this.q.upsert.run(this.connectionId, JSON.stringify(moves))
  }

  /** A move of the partition is being started: no list answered before counts it over. */
  begin(topic: string, partition: number): void {
    this.starting.set(moveKey(topic, partition), Infinity)
  }

  /** Its AlterPartitionReassignments was answered (or refused). */
  sent(topic: string, partition: number): void {
    this.starting.set(moveKey(topic, partition), this.listed + 1)
  }

  /** Numbers a ListPartitionReassignments about to be sent. */
  ticket(): number {
    return ++this.listed
  }

  /** Whether a list with this ticket may not yet tell whether the move is over. */
  tooEarly(ticket: number, topic: string, partition: number): boolean {
    const from = this.starting.get(moveKey(topic, partition))
    if (from === undefined) return false
    if (ticket < from) return true
    this.starting.delete(moveKey(topic, partition))
    return false
  }

  /** Runs `work` after the work queued before it (one change of throttles at a time). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => undefined)
    return run
  }

  record(change: Omit<ClusterChange, 'timestamp'>): void {
    const full = { timestamp: Date.now(), ...change }
    this.changes.push(full)
    if (this.changes.length > MAX_CHANGES) this.changes.splice(0, this.changes.length - MAX_CHANGES)
    this.changed(full)
  }

  /** The changes logged, newest first. */
  history(limit: number): ClusterChange[] {
    return this.changes.slice(-limit).reverse()
  }
}
