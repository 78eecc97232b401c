// One share partition (KIP-932): what a share group has consumed of one topic partition. Records
// below the share-partition start offset (SPSO) are done; from the SPSO up to the end offset
// (SPEO, the next offset to acquire from the log) each record is in flight: AVAILABLE, ACQUIRED by
// one member under an acquisition lock, ACKNOWLEDGED or ARCHIVED. The SPSO moves forward over the
// acknowledged and archived front, never past a record still to be delivered or processed. A
// member may renew the locks of the records it holds (KIP-1222) while it works on them.
// No I/O here: share-acquire.ts reads the log, share-partitions.ts persists and schedules.
import {
  AcknowledgeType,
  RecordState,
  type AcknowledgementBatch,
  type AcquiredRange,
  type ShareLimits
} from './record-states'

interface InFlightRecord {
  state: RecordState
  deliveryCount: number
  /** The member holding it while ACQUIRED. */
  memberId: string | null
  /** When its acquisition lock expires (ms since the epoch), while ACQUIRED. */
  lockExpiresAt: number
}

/** A run of records in one state, as the partition's state is persisted. */
export interface StateBatch {
  firstOffset: number
  lastOffset: number
  state: RecordState
  deliveryCount: number
}

/** What is persisted of a share partition: acquired records are kept as available. */
export interface SharePartitionSnapshot {
  startOffset: number
  endOffset: number
  stateBatches: StateBatch[]
}

/** A refused acknowledgement: Kafka's error and a message naming the offsets. */
export interface AcknowledgeProblem {
  error: 'INVALID_REQUEST' | 'INVALID_RECORD_STATE'
  message: string
}

/** How acknowledgements are applied: whether RENEW may be among them, and the time now. */
export interface AcknowledgeOptions {
  /** RENEW is a valid type (ShareFetch and ShareAcknowledge version 2 with IsRenewAck). */
  renew: boolean
  now: number
}

/** A log batch offered for acquisition: its offsets, and whether it is for consumers at all. */
export interface OfferedBatch {
  baseOffset: number
  lastOffset: number
  /** A control batch or an aborted transaction's batch (read_committed): archived at once. */
  archive: boolean
}

const DONE = new Set<RecordState>([RecordState.ACKNOWLEDGED, RecordState.ARCHIVED])

export class SharePartition {
  private start: number
  private end: number
  private readonly records = new Map<number, InFlightRecord>()

  constructor(snapshot: SharePartitionSnapshot) {
    this.start = snapshot.startOffset
    this.end = Math.max(snapshot.endOffset, snapshot.startOffset)
    for (const b of snapshot.stateBatches)
      for (let o = Math.max(b.firstOffset, this.start); o <= b.lastOffset && o < this.end; o++)
        this.records.set(o, {
          state: b.state === RecordState.ACQUIRED ? RecordState.AVAILABLE : b.state,
          deliveryCount: b.deliveryCount,
          memberId: null,
          lockExpiresAt: 0
        })
    // Offsets of the window that were never recorded had no record: nothing to deliver.
    for (let o = this.start; o < this.end; o++)
      if (!this.records.has(o)) this.records.set(o, archived(0))
    this.advanceStart()
  }

  /** The share-partition start offset (SPSO). */
  get startOffset(): number {
    return this.start
  }

  /** The share-partition end offset: the next offset to acquire from the log. */
  get endOffset(): number {
    return this.end
  }

  /**
   * The state and delivery count of an offset, with its holder and when its acquisition lock ends
   * while ACQUIRED (below the window: done; past it: not yet delivered).
   */
  stateOf(offset: number): {
    state: RecordState
    deliveryCount: number
    memberId: string | null
    lockExpiresAt: number | null
  } {
    const r = this.records.get(offset)
    if (r)
      return {
        state: r.state,
        deliveryCount: r.deliveryCount,
        memberId: r.memberId,
        lockExpiresAt: r.state === RecordState.ACQUIRED ? r.lockExpiresAt : null
      }
    const state = offset < this.start ? RecordState.ACKNOWLEDGED : RecordState.AVAILABLE
    return { state, deliveryCount: 0, memberId: null, lockExpiresAt: null }
  }

  /**
   * The share-partition lag (KIP-1226) against a high watermark: the records from the start
   * offset (or the log start, when retention moved past it) up to the high watermark that are
   * not yet acknowledged or archived, as Kafka counts it (the high watermark less the start
   * offset less the delivery-complete records between them).
   */
  lag(highWatermark: number, logStartOffset = 0): number {
    const from = Math.max(this.start, logStartOffset)
    return Math.max(0, highWatermark - from - this.deliveryCompleteCount(from, highWatermark))
  }

  /** The in-flight records acknowledged or archived in [from, upTo): delivered for good. */
  deliveryCompleteCount(from = this.start, upTo = Number.MAX_SAFE_INTEGER): number {
    let complete = 0
    for (const [o, r] of this.records) if (o >= from && o < upTo && DONE.has(r.state)) complete++
    return complete
  }

  /** Records acquired by members now. */
  acquiredCount(): number {
    let n = 0
    for (const r of this.records.values()) if (r.state === RecordState.ACQUIRED) n++
    return n
  }

  /** Whether records at or past the end offset may be acquired (the in-flight cap). */
  canAcquireNew(limits: ShareLimits): boolean {
    return this.end - this.start < limits.maxRecordLocks
  }

  /** Whether in-flight records wait to be acquired again. */
  hasAvailable(): boolean {
    for (const r of this.records.values()) if (r.state === RecordState.AVAILABLE) return true
    return false
  }

  /**
   * Acquires in-flight AVAILABLE records (released, or whose lock expired) for a member, in
   * offset order, at most maxRecords; each delivery counts.
   */
  acquireAvailable(
    memberId: string,
    maxRecords: number,
    now: number,
    limits: ShareLimits
  ): AcquiredRange[] {
    const out: AcquiredRange[] = []
    let n = 0
    for (let o = this.start; o < this.end && n < maxRecords; o++) {
      const r = this.records.get(o)
      if (r?.state !== RecordState.AVAILABLE) continue
      this.lock(r, memberId, now, limits)
      appendRange(out, o, r.deliveryCount)
      n++
    }
    return out
  }

  /**
   * Acquires new records for a member from log batches at or past the end offset, in order,
   * whole batches until maxRecords are reached (Kafka's alignment on batch boundaries), or with
   * `recordLimit` exactly up to maxRecords, the end offset then stopping inside a batch. Offsets
   * no batch holds are archived as gaps; control and aborted batches are archived unread.
   */
  acquireNew(
    memberId: string,
    batches: readonly OfferedBatch[],
    maxRecords: number,
    now: number,
    limits: ShareLimits,
    recordLimit = false
  ): AcquiredRange[] {
    const out: AcquiredRange[] = []
    let n = 0
    for (const b of batches) {
      if (n >= maxRecords || !this.canAcquireNew(limits)) break
      if (b.lastOffset < this.end) continue
      for (let o = this.end; o < b.baseOffset; o++) this.records.set(o, archived(0))
      for (let o = Math.max(b.baseOffset, this.end); o <= b.lastOffset; o++) {
        if (recordLimit && n >= maxRecords && !b.archive) break
        const r: InFlightRecord = archived(0)
        this.records.set(o, r)
        this.end = o + 1
        if (b.archive) continue
        this.lock(r, memberId, now, limits)
        appendRange(out, o, r.deliveryCount)
        n++
      }
    }
    this.advanceStart()
    return out
  }

  /**
   * Applies a member's acknowledgements, all or none: every offset named must be ACQUIRED by that
   * member. ACCEPT acknowledges, RELEASE makes available again (archived at the delivery count
   * limit), REJECT and GAP archive, RENEW (when allowed) keeps the record acquired and starts its
   * lock again. Returns the problem, or null when applied.
   */
  acknowledge(
    memberId: string,
    batches: readonly AcknowledgementBatch[],
    limits: ShareLimits,
    options: AcknowledgeOptions = { renew: false, now: 0 }
  ): AcknowledgeProblem | null {
    for (const b of batches) {
      const problem = this.checkBatch(memberId, b, options.renew)
      if (problem) return problem
    }
    for (const b of batches)
      for (let o = b.firstOffset; o <= b.lastOffset; o++) {
        const type =
          b.acknowledgeTypes.length === 1
            ? b.acknowledgeTypes[0]
            : b.acknowledgeTypes[o - b.firstOffset]
        const r = this.records.get(o)
        if (!r) continue
        if (type === AcknowledgeType.ACCEPT) settle(r, RecordState.ACKNOWLEDGED)
        else if (type === AcknowledgeType.RELEASE) this.release(r, limits)
        else if (type === AcknowledgeType.RENEW)
          r.lockExpiresAt = options.now + limits.lockDurationMs
        else settle(r, RecordState.ARCHIVED)
      }
    this.advanceStart()
    return null
  }

  private checkBatch(
    memberId: string,
    b: AcknowledgementBatch,
    renew: boolean
  ): AcknowledgeProblem | null {
    const where = `offsets ${b.firstOffset}-${b.lastOffset}`
    if (b.firstOffset > b.lastOffset)
      return { error: 'INVALID_REQUEST', message: `First offset after last offset: ${where}` }
    const count = b.lastOffset - b.firstOffset + 1
    if (b.acknowledgeTypes.length !== 1 && b.acknowledgeTypes.length !== count)
      return {
        error: 'INVALID_REQUEST',
        message: `${b.acknowledgeTypes.length} acknowledge types for ${count} records: ${where}`
      }
    const highest = renew ? AcknowledgeType.RENEW : AcknowledgeType.REJECT
    const bad = b.acknowledgeTypes.find((t) => t < AcknowledgeType.GAP || t > highest)
    if (bad !== undefined)
      return {
        error: 'INVALID_REQUEST',
        message:
          bad === AcknowledgeType.RENEW
            ? `Acknowledge type 4 (RENEW) needs version 2 of the request with IsRenewAck set: ${where}`
            : `Unknown acknowledge type ${bad}: ${where}`
      }
    for (let o = b.firstOffset; o <= b.lastOffset; o++) {
      const r = this.records.get(o)
      if (r?.state !== RecordState.ACQUIRED || r.memberId !== memberId)
        return {
          error: 'INVALID_RECORD_STATE',
          message: `Offset ${o} is not acquired by member ${memberId} (${where})`
        }
    }
    return null
  }

  /** Makes a member's acquired records available again (its session ended or it left). */
  releaseMember(memberId: string, limits: ShareLimits): number {
    let n = 0
    for (const r of this.records.values())
      if (r.state === RecordState.ACQUIRED && r.memberId === memberId) {
        this.release(r, limits)
        n++
      }
    this.advanceStart()
    return n
  }

  /** Releases the records whose acquisition lock expired by `now`; returns how many. */
  expireLocks(now: number, limits: ShareLimits): number {
    let n = 0
    for (const r of this.records.values())
      if (r.state === RecordState.ACQUIRED && r.lockExpiresAt <= now) {
        this.release(r, limits)
        n++
      }
    if (n > 0) this.advanceStart()
    return n
  }

  /** When the next acquisition lock expires, or null with none held. */
  nextLockExpiry(): number | null {
    let next: number | null = null
    for (const r of this.records.values())
      if (r.state === RecordState.ACQUIRED && (next === null || r.lockExpiresAt < next))
        next = r.lockExpiresAt
    return next
  }

  /**
   * The log start moved past the SPSO (retention, DeleteRecords): records below it are gone and
   * leave the window, whatever their state.
   */
  moveStartTo(logStartOffset: number): void {
    if (logStartOffset <= this.start) return
    for (let o = this.start; o < Math.min(logStartOffset, this.end); o++) this.records.delete(o)
    this.start = logStartOffset
    this.end = Math.max(this.end, logStartOffset)
    this.advanceStart()
  }

  /** Starts over at an offset (AlterShareGroupOffsets on a group without members). */
  resetTo(offset: number): void {
    this.records.clear()
    this.start = offset
    this.end = offset
  }

  /** The state to persist: runs of equal state and delivery count, ACQUIRED kept as AVAILABLE. */
  snapshot(): SharePartitionSnapshot {
    const stateBatches: StateBatch[] = []
    for (let o = this.start; o < this.end; o++) {
      const r = this.records.get(o)
      if (!r) continue
      const state = r.state === RecordState.ACQUIRED ? RecordState.AVAILABLE : r.state
      const last = stateBatches.at(-1)
      if (
        last &&
        last.lastOffset === o - 1 &&
        last.state === state &&
        last.deliveryCount === r.deliveryCount
      )
        last.lastOffset = o
      else
        stateBatches.push({ firstOffset: o, lastOffset: o, state, deliveryCount: r.deliveryCount })
    }
    return { startOffset: this.start, endOffset: this.end, stateBatches }
  }

  private lock(r: InFlightRecord, memberId: string, now: number, limits: ShareLimits): void {
    r.state = RecordState.ACQUIRED
    r.deliveryCount++
    r.memberId = memberId
    r.lockExpiresAt = now + limits.lockDurationMs
  }

  private release(r: InFlightRecord, limits: ShareLimits): void {
    settle(
      r,
      r.deliveryCount >= limits.deliveryCountLimit ? RecordState.ARCHIVED : RecordState.AVAILABLE
    )
  }

  private advanceStart(): void {
    while (this.start < this.end) {
      const r = this.records.get(this.start)
      if (r && !DONE.has(r.state)) break
      this.records.delete(this.start)
      this.start++
    }
  }
}

function archived(deliveryCount: number): InFlightRecord {
  return { state: RecordState.ARCHIVED, deliveryCount, memberId: null, lockExpiresAt: 0 }
}

function settle(r: InFlightRecord, state: RecordState): void {
  r.state = state
  r.memberId = null
  r.lockExpiresAt = 0
}

/** Adds an offset to the ranges, extending the last one when it follows with the same count. */
function appendRange(out: AcquiredRange[], offset: number, deliveryCount: number): void {
  const last = out.at(-1)
  if (last && last.lastOffset === offset - 1 && last.deliveryCount === deliveryCount)
    last.lastOffset = offset
  else out.push({ firstOffset: offset, lastOffset: offset, deliveryCount })
}
