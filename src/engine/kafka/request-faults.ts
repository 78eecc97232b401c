// The one place injected faults meet Kafka requests: what a request touches, and what a fault
// does to it (an error answer, latency, a closed connection, throttling, a stalled fetch).
// Nothing here may throw into the connection: a fault that cannot apply lets the request pass.
import { faultApiNames, type Fault, type FaultApiName } from '../../shared/api/faults'
import { ErrorCode } from '../../shared/kafka/error-codes'
import type { RequestScope } from '../faults/registry'
import { ApiKey, type DecodedRequest } from './protocol'
import { splitByTarget } from './request-fault-split'

/** What the connection does with a request after the faults had their say. */
export type FaultOutcome =
  | { kind: 'pass'; throttleMs: number }
  /** Answer with this body instead of handling the request. */
  | { kind: 'answer'; body: object | null }
  /** Handle `body` (the parts the fault does not target), then `merge` the fault's answer in. */
  | { kind: 'partial'; body: object; merge(handled: object | null): object | null }
  | { kind: 'close'; why: string }

const PASS: FaultOutcome = { kind: 'pass', throttleMs: 0 }
const nameByKey = new Map<number, FaultApiName>(faultApiNames.map((n) => [ApiKey[n], n]))

type Body = Record<string, unknown>
type Named = { name?: string | null; topic?: string }
const list = (v: unknown): Body[] => (Array.isArray(v) ? (v as Body[]) : [])

/** The topics, partitions and group a request names. */
export function requestScope(brokerId: number, request: DecodedRequest): RequestScope {
  const body = request.body as unknown as Body
  const topics = new Map<string, number[] | null>()
  const add = (t: Named, partitions: number[] | null) => {
    const name = t.name ?? t.topic
    if (typeof name === 'string') topics.set(name, partitions)
  }
  switch (request.apiKey) {
    case ApiKey.Produce:
      for (const t of list(body.topicData))
        add(
          t,
          list(t.partitionData).map((p) => Number(p.index))
        )
      break
    case ApiKey.Fetch:
      for (const t of list(body.topics))
        add(
          t,
          list(t.partitions).map((p) => Number(p.partition))
        )
      break
    case ApiKey.ListOffsets:
    case ApiKey.OffsetCommit:
      for (const t of list(body.topics))
        add(
          t,
          list(t.partitions).map((p) => Number(p.partitionIndex))
        )
      break
    case ApiKey.Metadata:
      for (const t of list(body.topics)) add(t, null)
      break
  }
  const groupId =
    typeof body.groupId === 'string'
      ? body.groupId
      : request.apiKey === ApiKey.FindCoordinator && body.keyType === 0
        ? String(body.key || list(body.coordinatorKeys)[0] || '')
        : null
  return { brokerId, apiKey: nameByKey.get(request.apiKey) ?? null, topics, groupId }
}

/** The response a request would get if the broker refused it with `code`. */
/** The request's answer with every part of it refused with `code`; null for APIs not covered. */
export function errorBody(request: DecodedRequest, code: number): object | null {
  const body = request.body as unknown as Body
  switch (request.apiKey) {
    case ApiKey.Produce:
      return {
        responses: list(body.topicData).map((t) => ({
          name: t.name,
          topicId: t.topicId,
          partitionResponses: list(t.partitionData).map((p) => ({
            index: p.index,
            errorCode: code,
            baseOffset: -1n,
            logStartOffset: -1n,
            logAppendTimeMs: -1n
          }))
        }))
      }
    case ApiKey.Fetch:
      return {
        responses: list(body.topics).map((t) => ({
          topic: t.topic,
          topicId: t.topicId,
          partitions: list(t.partitions).map((p) => ({
            partitionIndex: p.partition,
            errorCode: code,
            highWatermark: -1n,
            lastStableOffset: -1n,
            logStartOffset: -1n,
            records: null
          }))
        }))
      }
    case ApiKey.ListOffsets:
    case ApiKey.OffsetCommit:
      return {
        topics: list(body.topics).map((t) => ({
          name: t.name,
          topicId: t.topicId, // OffsetCommit 10's
          partitions: list(t.partitions).map((p) => ({
            partitionIndex: p.partitionIndex,
            errorCode: code,
            offset: -1n,
            timestamp: -1n
          }))
        }))
      }
    case ApiKey.Metadata:
      return {
        brokers: [],
        controllerId: -1,
        topics: list(body.topics).map((t) => ({ name: t.name, errorCode: code, partitions: [] }))
      }
    case ApiKey.OffsetFetch:
      return {
        errorCode: code,
        topics: [],
        groups: list(body.groups).map((g) => ({ groupId: g.groupId, errorCode: code, topics: [] }))
      }
    case ApiKey.FindCoordinator:
      return {
        errorCode: code,
        nodeId: -1,
        host: '',
        port: -1,
        coordinators: list(body.coordinatorKeys).map((key) => ({
          key,
          nodeId: -1,
          host: '',
          port: -1,
          errorCode: code
        }))
      }
    case ApiKey.JoinGroup:
      return { errorCode: code, generationId: -1, memberId: body.memberId ?? '', members: [] }
    case ApiKey.Heartbeat:
    case ApiKey.SyncGroup:
    case ApiKey.LeaveGroup:
      return { errorCode: code }
    case ApiKey.InitProducerId:
      return { errorCode: code, producerId: -1n, producerEpoch: -1 }
    default:
      return null
  }
}

/** The faults as a connection meets them (the engine keeps them). */
export interface RequestFaults {
  /**
   * The first active fault that matches the request and acts on it this time (counted); the
   * request's scope is asked for only when some fault could match it.
   */
  takeFault(scopeOf: () => RequestScope): Fault | null
  /** Aborted when faults are cleared. */
  readonly faultsCleared: AbortSignal
}

/** Waits `ms`, or less when the faults are cleared or the client goes away. */
function hold(ms: number, faults: RequestFaults, closed: () => boolean): Promise<void> {
  const signal = faults.faultsCleared
  return new Promise((resolve) => {
    let poll: NodeJS.Timeout | undefined = undefined
    const done = () => {
      clearTimeout(timer)
      clearInterval(poll)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    poll = setInterval(() => closed() && done(), 100)
    signal.addEventListener('abort', done)
  })
}

/**
 * Applies the fault (if any) that takes this request: at once, unless the fault holds the
 * request for a while (latency, a stalled fetch).
 */
export function applyFaults(
  faults: RequestFaults,
  brokerId: number,
  request: DecodedRequest,
  closed: () => boolean
): FaultOutcome | Promise<FaultOutcome> {
  let fault
  try {
    fault = faults.takeFault(() => requestScope(brokerId, request))
  } catch {
    return PASS
  }
  if (!fault) return PASS
  const a = fault.action
  switch (a.type) {
    case 'error': {
      // An acks=0 produce has no answer to carry the error: Kafka closes the connection instead.
      if (request.apiKey === ApiKey.Produce && (request.body as unknown as Body).acks === 0)
        return { kind: 'close', why: `an acks=0 produce was refused (${a.error}, injected fault)` }
      const split = splitByTarget(request.apiKey, request.body as unknown as Body, fault.target)
      if (split) {
        const errors = errorBody(
          { ...request, body: split.hit } as unknown as DecodedRequest,
          ErrorCode[a.error]
        )
        if (!errors) return PASS
        return {
          kind: 'partial',
          body: split.rest,
          merge: (handled) =>
            handled === null ? null : split.merge(handled as Body, errors as Body)
        }
      }
      const body = errorBody(request, ErrorCode[a.error])
      if (!body) return PASS
      return { kind: 'answer', body }
    }
    case 'latency':
    case 'stallFetch':
      return hold(a.ms, faults, closed).then(() => PASS)
    case 'throttle':
      return { kind: 'pass', throttleMs: a.ms }
    case 'closeConnection':
      return { kind: 'close', why: 'an injected fault closes it' }
    case 'rebalance':
    case 'leaveIsr':
      // They act on the cluster (cluster-faults.ts) and never take a request.
      return PASS
  }
}
