// Acquisition from the log (Kafka's SharePartition.acquire): first the in-flight records that are
// AVAILABLE again, then new records from the share-partition end offset up to what consumers may
// see (the high watermark, or the last stable offset for share.isolation.level=read_committed),
// whole stored batches. The answer carries the stored batches holding the acquired records and
// the acquired ranges; a consumer delivers only the records of those ranges. In record-limit mode
// (KIP-1206) at most MaxRecords records are acquired: a stored batch still goes whole, but its
// acquired range stops at the limit.
import { parseBatchHeader } from '../records/batch-header'
import { LogError } from '../log/log-errors'
import type { OfferedBatch, SharePartition } from './share-partition'
import type { AcquiredRange, ShareLimits } from './record-states'

/** The part of a partition's log acquisition reads. */
export interface AcquireLog {
  readonly logStartOffset: number
  read(fromOffset: number, maxBytes: number, opts: { upTo?: number; partial?: boolean }): Buffer[]
}

export interface AcquireRequest {
  memberId: string
  maxRecords: number
  /** ShareAcquireMode RECORD_LIMIT: never more than maxRecords, cutting a batch where needed. */
  recordLimit?: boolean
  maxBytes: number
  /** The end of what may be acquired: the high watermark or the last stable offset. */
  upTo: number
  /** Aborted transactions in a range (read_committed), whose batches are archived unread. */
  aborted:
    | ((
        from: number,
        upTo: number
      ) => { producerId: number; firstOffset: number; lastOffset: number }[])
    | null
  now: number
  limits: ShareLimits
}

export interface Acquisition {
  acquired: AcquiredRange[]
  /** The stored batches holding the acquired records, in offset order, each once. */
  batches: Buffer[]
  bytes: number
}

export function acquireFromLog(
  sp: SharePartition,
  log: AcquireLog,
  req: AcquireRequest
): Acquisition {
  sp.moveStartTo(log.logStartOffset)
  const again = sp.acquireAvailable(req.memberId, req.maxRecords, req.now, req.limits)
  const batches = new Map<number, Buffer>()
  for (const r of again)
    for (const b of readRange(log, r)) batches.set(Number(b.readBigInt64BE(0)), b)
  const taken = again.reduce((n, r) => n + r.lastOffset - r.firstOffset + 1, 0)
  let fresh: AcquiredRange[] = []
  if (taken < req.maxRecords && sp.canAcquireNew(req.limits) && sp.endOffset < req.upTo) {
    const read = log.read(sp.endOffset, Math.max(1, req.maxBytes), { upTo: req.upTo })
    const offered = read.map((buf) => offer(buf, req, sp.endOffset))
    fresh = sp.acquireNew(
      req.memberId,
      offered,
      req.maxRecords - taken,
      req.now,
      req.limits,
      req.recordLimit === true
    )
    read.forEach((buf, i) => {
      if (holdsAny(offered[i], fresh)) batches.set(offered[i].baseOffset, buf)
    })
  }
  const ordered = [...batches.entries()].sort((a, b) => a[0] - b[0])
  const out = ordered.map(([, b]) => b)
  return {
    acquired: [...again, ...fresh],
    batches: out,
    bytes: out.reduce((n, b) => n + b.length, 0)
  }
}

function offer(buf: Buffer, req: AcquireRequest, from: number): OfferedBatch {
  const h = parseBatchHeader(buf)
  let archive = h.isControl
  if (!archive && h.isTransactional && req.aborted)
    archive = req
      .aborted(Math.max(from, h.baseOffset), h.lastOffset + 1)
      .some(
        (t) =>
          t.producerId === h.producerId &&
          t.firstOffset <= h.baseOffset &&
          h.baseOffset <= t.lastOffset
      )
  return { baseOffset: h.baseOffset, lastOffset: h.lastOffset, archive }
}

/**
 * The stored batches holding a range of in-flight records. None when the log no longer reaches
 * them (truncated by an unclean leader election): the client acknowledges them as gaps.
 */
function readRange(log: AcquireLog, r: AcquiredRange): Buffer[] {
  try {
    return log.read(r.firstOffset, Number.MAX_SAFE_INTEGER, {
      upTo: r.lastOffset + 1,
      partial: true
    })
  } catch (err) {
    if (err instanceof LogError) return []
    throw err
  }
}

function holdsAny(b: OfferedBatch, ranges: readonly AcquiredRange[]): boolean {
  return ranges.some((r) => r.firstOffset <= b.lastOffset && r.lastOffset >= b.baseOffset)
}
