// ShareFetch (78, KIP-932): a share group member's fetch. Within its share session (epoch 0 opens
// one with the partitions named, -1 closes it after applying the acknowledgements it carries, any
// other epoch must be the session's next and adds and forgets partitions), the acknowledgements
// piggy-backed on the request are applied first, then records are acquired for the member from
// every partition of the session on this broker's leaders: AVAILABLE ones again, then new ones,
// at most MaxRecords and MaxBytes, waiting up to MaxWaitMs for MinBytes (an append, a release or
// an expired acquisition lock wakes the wait). Each partition answers the stored batches holding
// its acquired records and the acquired ranges with their delivery counts.
//
// Version 2 adds ShareAcquireMode (KIP-1206: 0 batch-optimized, whole stored batches even past
// MaxRecords; 1 record-limit, at most MaxRecords records, a batch's acquired range cut at the
// limit) and IsRenewAck (KIP-1222): set exactly when acknowledgements of type RENEW are sent, it
// makes the fetch an acknowledgement only, with MaxBytes, MinBytes, MaxRecords and MaxWaitMs 0,
// answered at once without acquiring anything.
//
// ShareFetch Request (Version: 2) => group_id member_id share_session_epoch max_wait_ms min_bytes
//   max_bytes max_records batch_size share_acquire_mode is_renew_ack [topics]
//   [forgotten_topics_data]
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { Encodable, ShareFetchRequest, ShareFetchResponse } from '../protocol'
import type { RequestContext } from '../request-context'
import { ShareAcquireMode, type AcquiredRange } from '../../share-partitions/record-states'
import type { ShareSessionPartition } from '../../share-partitions/share-sessions'
import { partitionKey, type PartitionKey } from '../../cluster/append-signals'
import { movedLeaderEndpoints } from '../leader-partition'
import {
  acknowledgeTarget,
  acknowledgementBatches,
  ledPartitions,
  renewRule,
  requester,
  requestError,
  sessionErrorMessage,
  shareTargetResolver,
  type LeaderIdAndEpoch,
  type ShareTarget
} from './share-partition-access'

type Response = Encodable<ShareFetchResponse>
type PartitionData = Encodable<ShareFetchResponse['responses'][number]['partitions'][number]>

const EMPTY = Buffer.alloc(0)

/** What one partition of the answer has gathered. */
interface Gathered extends ShareSessionPartition {
  target: ShareTarget
  acknowledge: { errorCode: number; errorMessage: string | null } | null
  batches: Map<number, Buffer>
  acquired: AcquiredRange[]
}

export async function handleShareFetch(
  body: ShareFetchRequest,
  ctx: RequestContext,
  apiVersion: number
): Promise<Response> {
  const from = requester(body)
  if ('problem' in from) return requestError(ErrorCode.INVALID_REQUEST, from.problem)
  const invalid = versionTwoProblem(body, apiVersion)
  if (invalid) return requestError(ErrorCode.INVALID_REQUEST, invalid)
  const { groupId, memberId } = from
  const shares = ctx.engine.sharePartitions
  const cache = shares.sessionsOn(ctx.broker.id)
  const named = body.topics.flatMap((t) =>
    t.partitions.map((p) => ({
      topicId: t.topicId,
      partition: p.partitionIndex,
      acks: acknowledgementBatches(p.acknowledgementBatches)
    }))
  )
  const rule = renewRule(
    apiVersion,
    body.isRenewAck,
    named.map((p) => p.acks)
  )
  if ('problem' in rule) return requestError(ErrorCode.INVALID_REQUEST, rule.problem)
  const epoch = body.shareSessionEpoch
  const acking = named.some((p) => p.acks.length > 0)
  let full = false
  let session
  if (epoch === 0) {
    if (acking)
      return requestError(
        ErrorCode.INVALID_REQUEST,
        'Acknowledgements cannot be sent on the fetch that opens a share session (epoch 0)'
      )
    const opened = cache.open(groupId, memberId, named, ctx.connection?.id ?? null)
    if (typeof opened === 'string')
      return requestError(ErrorCode[opened], sessionErrorMessage(opened))
    session = opened
    full = true
  } else {
    const found = cache.check(groupId, memberId, epoch)
    if (typeof found === 'string') return requestError(ErrorCode[found], sessionErrorMessage(found))
    session = found
  }
  const resolve = shareTargetResolver(ctx)
  const gathered = new Map<string, Gathered>()
  const gather = (p: ShareSessionPartition): Gathered => {
    const k = `${p.topicId}:${p.partition}`
    let g = gathered.get(k)
    if (!g) {
      g = {
        ...p,
        target: resolve(p.topicId, p.partition),
        acknowledge: null,
        batches: new Map(),
        acquired: []
      }
      gathered.set(k, g)
    }
    return g
  }
  for (const p of named)
    if (p.acks.length > 0) {
      const g = gather(p)
      g.acknowledge = acknowledgeTarget(ctx, groupId, memberId, g.target, p.acks, rule.renew)
    }
  if (epoch === -1) {
    // The last request of the session: acknowledgements only; what the member holds is released.
    cache.close(groupId, memberId)
    shares.releaseMember(groupId, memberId, ledPartitions(session.partitions.values(), resolve))
    return answer(ctx, groupId, [...gathered.values()])
  }
  if (!full)
    cache.update(
      session,
      named,
      body.forgottenTopicsData.flatMap((t) =>
        t.partitions.map((partition) => ({ topicId: t.topicId, partition }))
      )
    )
  // A renewing fetch only acknowledges: the renewed locks run while a fetch would wait.
  if (rule.renew) return answer(ctx, groupId, [...gathered.values()])
  const targets = [...session.partitions.values()].map(gather)
  await acquireAll(ctx, body, groupId, memberId, targets)
  const parts = [...gathered.values()].filter(
    (g) => full || g.acquired.length > 0 || g.acknowledge !== null || g.target.kind === 'error'
  )
  return answer(ctx, groupId, parts, body.batchSize)
}

/** What version 2's fields make invalid: an unknown acquire mode, or a renewing fetch that fetches. */
function versionTwoProblem(body: ShareFetchRequest, apiVersion: number): string | null {
  if (apiVersion < 2) return null
  const mode = body.shareAcquireMode
  if (mode !== ShareAcquireMode.BATCH_OPTIMIZED && mode !== ShareAcquireMode.RECORD_LIMIT)
    return `Unknown ShareAcquireMode ${mode}: 0 (batch-optimized) or 1 (record-limit)`
  if (!body.isRenewAck) return null
  const fetching = (['maxBytes', 'minBytes', 'maxRecords', 'maxWaitMs'] as const).filter(
    (f) => body[f] !== 0
  )
  if (fetching.length === 0) return null
  return `A ShareFetch with IsRenewAck only acknowledges: ${fetching
    .map((f) => `${f[0].toUpperCase()}${f.slice(1)} must be 0 (is ${body[f]})`)
    .join(', ')}`
}

/** Acquires for the member from the targets until MinBytes, MaxRecords or MaxWaitMs is reached. */
async function acquireAll(
  ctx: RequestContext,
  body: ShareFetchRequest,
  groupId: string,
  memberId: string,
  targets: Gathered[]
): Promise<void> {
  const shares = ctx.engine.sharePartitions
  const config = shares.configOf(groupId)
  const deadline = Date.now() + Math.max(0, body.maxWaitMs)
  let budget = Math.min(body.maxBytes, ctx.settings.limits.fetchMaxBytes)
  let records = body.maxRecords > 0 ? body.maxRecords : Number.MAX_SAFE_INTEGER
  let bytes = 0
  for (;;) {
    const keys: PartitionKey[] = []
    for (const g of targets) {
      const t = g.target
      if (t.kind !== 'led') continue
      keys.push(partitionKey(t.topic.id, t.partition))
      if (records <= 0 || budget <= 0) continue
      const { engine } = ctx
      const hw = t.log.highWatermark
      const got = shares.acquire(
        groupId,
        memberId,
        { topicId: t.topic.id, partition: t.partition },
        t.log,
        {
          maxRecords: records,
          recordLimit: body.shareAcquireMode === ShareAcquireMode.RECORD_LIMIT,
          maxBytes: budget,
          upTo: config.readCommitted
            ? Math.min(engine.lastStableOffset(t.topic, t.partition), hw)
            : hw,
          aborted: config.readCommitted
            ? (from, upTo) => engine.abortedTransactions(t.topic, t.partition, from, upTo)
            : null
        }
      )
      for (const b of got.batches) g.batches.set(Number(b.readBigInt64BE(0)), b)
      g.acquired.push(...got.acquired)
      records -= got.acquired.reduce((n, r) => n + r.lastOffset - r.firstOffset + 1, 0)
      budget -= got.bytes
      bytes += got.bytes
    }
    const remaining = deadline - Date.now()
    const done =
      bytes >= Math.max(1, body.minBytes) ||
      records <= 0 ||
      budget <= 0 ||
      remaining <= 0 ||
      keys.length === 0 ||
      ctx.closed?.() === true
    if (done) return
    await ctx.engine.waitForAppends(keys, remaining)
  }
}

function answer(
  ctx: RequestContext,
  groupId: string,
  parts: readonly Gathered[],
  batchSize = 0
): Response {
  const responses: Response['responses'] = []
  let last: { topicId: string; partitions: PartitionData[] } | undefined
  const all: PartitionData[] = []
  for (const g of parts) {
    if (!last || last.topicId !== g.topicId) {
      last = { topicId: g.topicId, partitions: [] }
      responses.push(last)
    }
    const data = partitionData(g, batchSize)
    last.partitions.push(data)
    all.push(data)
  }
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    acquisitionLockTimeoutMs: ctx.engine.sharePartitions.configOf(groupId).limits.lockDurationMs,
    responses,
    nodeEndpoints: movedLeaderEndpoints(ctx, all)
  }
}

function partitionData(g: Gathered, batchSize: number): PartitionData {
  const leader: LeaderIdAndEpoch = g.target.leader
  const fetchError =
    g.target.kind === 'error'
      ? { errorCode: g.target.errorCode, errorMessage: g.target.errorMessage }
      : { errorCode: ErrorCode.NONE, errorMessage: null }
  const batches = [...g.batches.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b)
  const acquired = [...g.acquired].sort((a, b) => a.firstOffset - b.firstOffset)
  return {
    partitionIndex: g.partition,
    ...fetchError,
    acknowledgeErrorCode: g.acknowledge?.errorCode ?? ErrorCode.NONE,
    acknowledgeErrorMessage: g.acknowledge?.errorMessage ?? null,
    currentLeader: leader,
    // Clients expect an empty record set, not a null one (librdkafka refuses size -1).
    records: batches.length === 0 ? EMPTY : Buffer.concat(batches),
    acquiredRecords: splitRanges(acquired, batchSize).map((r) => ({
      firstOffset: BigInt(r.firstOffset),
      lastOffset: BigInt(r.lastOffset),
      deliveryCount: r.deliveryCount
    }))
  }
}

/** Ranges cut to at most BatchSize records each (the client acknowledges in such batches). */
function splitRanges(ranges: readonly AcquiredRange[], batchSize: number): AcquiredRange[] {
  if (batchSize <= 0) return [...ranges]
  const out: AcquiredRange[] = []
  for (const r of ranges)
    for (let first = r.firstOffset; first <= r.lastOffset; first += batchSize)
      out.push({
        firstOffset: first,
        lastOffset: Math.min(r.lastOffset, first + batchSize - 1),
        deliveryCount: r.deliveryCount
      })
  return out
}
