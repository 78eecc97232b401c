// What a Fetch request's session id and epoch ask for (KIP-227), as Kafka's FetchManager reads
// them: epoch -1 is a full fetch without a session (closing the one named), epoch 0 a full fetch
// that opens a session, a later epoch an incremental fetch of the named session, which adds and
// updates the partitions the request lists, drops its forgotten ones and fetches them all.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { FetchRequest } from '../protocol'
import {
  nextSessionEpoch,
  sessionPartitionKey,
  type FetchSession,
  type FetchSessionCache,
  type SessionPartition
} from '../fetch-sessions'
import { recordBytes, type FetchTarget, type PartitionData } from './fetch-read'

export type FetchContext =
  | { kind: 'error'; errorCode: number }
  | { kind: 'sessionless'; targets: SessionPartition[] }
  | { kind: 'full'; targets: SessionPartition[] }
  | { kind: 'incremental'; session: FetchSession; epoch: number; targets: SessionPartition[] }

/** Fetch 13+ names topics by id. */
export const usesTopicIds = (apiVersion: number): boolean => apiVersion >= 13

function requestedPartitions(body: FetchRequest): SessionPartition[] {
  const requested: SessionPartition[] = []
  for (const ft of body.topics)
    for (const fp of ft.partitions)
      requested.push({
        topic: ft.topic,
        topicId: ft.topicId,
        partition: fp.partition,
        fetchOffset: fp.fetchOffset,
        partitionMaxBytes: fp.partitionMaxBytes,
        currentLeaderEpoch: fp.currentLeaderEpoch,
        lastFetchedEpoch: fp.lastFetchedEpoch,
        logStartOffset: fp.logStartOffset,
        sentHighWatermark: -1n,
        sentLogStartOffset: -1n
      })
  return requested
}

export function newFetchContext(
  body: FetchRequest,
  apiVersion: number,
  cache: FetchSessionCache | undefined
): FetchContext {
  const requested = requestedPartitions(body)
  // Sessions exist from Fetch 7; a broker without a cache serves every fetch whole.
  if (apiVersion < 7 || !cache) return { kind: 'sessionless', targets: requested }
  const { sessionId, sessionEpoch } = body
  if (sessionEpoch <= 0) {
    if (sessionId !== 0) cache.remove(sessionId)
    return { kind: sessionEpoch === 0 ? 'full' : 'sessionless', targets: requested }
  }
  const session = cache.get(sessionId)
  if (!session) return { kind: 'error', errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND }
  if (session.epoch !== sessionEpoch)
    return { kind: 'error', errorCode: ErrorCode.INVALID_FETCH_SESSION_EPOCH }
  const ids = usesTopicIds(apiVersion)
  if (session.usesTopicIds !== ids)
    return { kind: 'error', errorCode: ErrorCode.FETCH_SESSION_TOPIC_ID_ERROR }
  for (const p of requested) {
    const key = sessionPartitionKey(ids, p)
    const cached = session.partitions.get(key)
    if (!cached) session.partitions.set(key, p)
    else
      Object.assign(cached, {
        fetchOffset: p.fetchOffset,
        partitionMaxBytes: p.partitionMaxBytes,
        currentLeaderEpoch: p.currentLeaderEpoch,
        lastFetchedEpoch: p.lastFetchedEpoch,
        logStartOffset: p.logStartOffset
      })
  }
  for (const ft of body.forgottenTopicsData)
    for (const partition of ft.partitions)
      session.partitions.delete(
        sessionPartitionKey(ids, { topic: ft.topic, topicId: ft.topicId, partition })
      )
  if (session.partitions.size === 0) {
    cache.remove(session.id)
    return { kind: 'sessionless', targets: requested }
  }
  cache.touch(session)
  session.epoch = nextSessionEpoch(session.epoch)
  return {
    kind: 'incremental',
    session,
    epoch: session.epoch,
    targets: [...session.partitions.values()]
  }
}

/** Whether an incremental answer must carry this partition; notes what it tells the client. */
function mustRespond(cached: SessionPartition, answer: PartitionData): boolean {
  let must = recordBytes(answer) > 0 || (answer.preferredReadReplica ?? -1) !== -1
  const hw = answer.highWatermark ?? -1n
  const logStart = answer.logStartOffset ?? -1n
  if (cached.sentHighWatermark !== hw) {
    must = true
    cached.sentHighWatermark = hw
  }
  if (cached.sentLogStartOffset !== logStart) {
    must = true
    cached.sentLogStartOffset = logStart
  }
  if ((answer.errorCode ?? 0) !== ErrorCode.NONE) {
    // Sent again once the error goes away.
    cached.sentHighWatermark = -1n
    must = true
  }
  return must
}

export interface FetchAnswer {
  errorCode: number
  sessionId: number
  partitions: { target: FetchTarget; data: PartitionData }[]
}

/**
 * The answer to send once the partitions are read: everything for a full fetch (which opens a
 * session when the cache has room), only partitions with news for an incremental one.
 */
export function finishFetch(
  context: Exclude<FetchContext, { kind: 'error' }>,
  answers: readonly PartitionData[],
  cache: FetchSessionCache | undefined,
  opts: { apiVersion: number; privileged: boolean }
): FetchAnswer {
  const all = context.targets.map((target, i) => ({ target, data: answers[i] }))
  if (context.kind === 'sessionless') return { errorCode: 0, sessionId: 0, partitions: all }
  if (context.kind === 'full') {
    const session = cache?.create(
      all.map(({ target, data }) => ({
        ...(target as SessionPartition),
        sentHighWatermark: data.highWatermark ?? -1n,
        sentLogStartOffset: data.logStartOffset ?? -1n
      })),
      { privileged: opts.privileged, usesTopicIds: usesTopicIds(opts.apiVersion) }
    )
    return { errorCode: 0, sessionId: session?.id ?? 0, partitions: all }
  }
  const { session } = context
  // Another request of the same session got in while this one waited.
  if (cache?.get(session.id) !== session || session.epoch !== context.epoch)
    return {
      errorCode: ErrorCode.INVALID_FETCH_SESSION_EPOCH,
      sessionId: session.id,
      partitions: []
    }
  const sent = all.filter(({ target, data }) => {
    const cached = target as SessionPartition
    if (!mustRespond(cached, data)) return false
    if (recordBytes(data) > 0) {
      // Fetched last next time, so that every partition gets its turn at the byte budget.
      const key = sessionPartitionKey(session.usesTopicIds, cached)
      session.partitions.delete(key)
      session.partitions.set(key, cached)
    }
    return true
  })
  return { errorCode: 0, sessionId: session.id, partitions: sent }
}
