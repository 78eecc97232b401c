// A fault that targets one topic (or one partition) of a request naming several: only that part
// is answered with the fault's error, the rest is handled as usual, and the two answers are
// merged, as Kafka answers each topic and partition of Produce, Fetch, ListOffsets,
// OffsetCommit and Metadata on its own.
import type { FaultTarget } from '../../shared/api/faults'
import { ApiKey } from './protocol'

type Body = Record<string, unknown>
const list = (v: unknown): Body[] => (Array.isArray(v) ? (v as Body[]) : [])

/** Where an API keeps its topics and partitions, in the request and in the response. */
interface Layout {
  requestTopics: string
  requestPartitions: string | null
  partitionIndex: string
  responseTopics: string
  responsePartitions: string | null
}

const layouts: Partial<Record<number, Layout>> = {
  [ApiKey.Produce]: {
    requestTopics: 'topicData',
    requestPartitions: 'partitionData',
    partitionIndex: 'index',
    responseTopics: 'responses',
    responsePartitions: 'partitionResponses'
  },
  [ApiKey.Fetch]: {
    requestTopics: 'topics',
    requestPartitions: 'partitions',
    partitionIndex: 'partition',
    responseTopics: 'responses',
    responsePartitions: 'partitions'
  },
  [ApiKey.ListOffsets]: {
    requestTopics: 'topics',
    requestPartitions: 'partitions',
    partitionIndex: 'partitionIndex',
    responseTopics: 'topics',
    responsePartitions: 'partitions'
  },
  [ApiKey.OffsetCommit]: {
    requestTopics: 'topics',
    requestPartitions: 'partitions',
    partitionIndex: 'partitionIndex',
    responseTopics: 'topics',
    responsePartitions: 'partitions'
  },
  [ApiKey.Metadata]: {
    requestTopics: 'topics',
    requestPartitions: null,
    partitionIndex: '',
    responseTopics: 'topics',
    responsePartitions: null
  }
}

const nameOf = (t: Body): unknown => t.name ?? t.topic

export interface SplitRequest {
  /** The request with only the targeted parts: answered with the fault's error. */
  hit: Body
  /** The request with everything else: handled as usual. */
  rest: Body
  /** Puts the error answer of `hit` into the handler's answer of `rest`. */
  merge(handled: Body, errors: Body): Body
}

/**
 * Splits a request whose other topics or partitions the fault does not target; null when the
 * fault takes the whole request (no topic target, an API without per-topic answers, or nothing
 * else in the request).
 */
export function splitByTarget(
  apiKey: number,
  body: Body,
  target: FaultTarget
): SplitRequest | null {
  const layout = layouts[apiKey]
  if (!layout || target.topic === undefined) return null
  const hitTopics: Body[] = []
  const restTopics: Body[] = []
  for (const t of list(body[layout.requestTopics])) {
    if (nameOf(t) !== target.topic) {
      restTopics.push(t)
      continue
    }
    if (target.partition === undefined || layout.requestPartitions === null) {
      hitTopics.push(t)
      continue
    }
    const parts = list(t[layout.requestPartitions])
    const targeted = (p: Body) => Number(p[layout.partitionIndex]) === target.partition
    const hit = parts.filter(targeted)
    const rest = parts.filter((p) => !targeted(p))
    if (hit.length > 0) hitTopics.push({ ...t, [layout.requestPartitions]: hit })
    if (rest.length > 0) restTopics.push({ ...t, [layout.requestPartitions]: rest })
  }
  if (restTopics.length === 0 || hitTopics.length === 0) return null
  const rest: Body = { ...body, [layout.requestTopics]: restTopics }
  // Kafka answers a fetch at once when a partition has an error, without waiting for data.
  // The rest is served without a fetch session (closing the client's): a session holding only
  // part of what the client asked for would never send it the other part again.
  if (apiKey === ApiKey.Fetch) {
    rest.maxWaitMs = 0
    rest.sessionEpoch = -1
  }
  return {
    hit: { ...body, [layout.requestTopics]: hitTopics },
    rest,
    merge(handled, errors) {
      const topics = list(handled[layout.responseTopics]).map((t) => ({ ...t }))
      for (const e of list(errors[layout.responseTopics])) {
        const same = topics.find((t) => nameOf(t) === nameOf(e))
        if (same && layout.responsePartitions)
          same[layout.responsePartitions] = [
            ...list(same[layout.responsePartitions]),
            ...list(e[layout.responsePartitions])
          ]
        else topics.push(e)
      }
      return { ...handled, [layout.responseTopics]: topics }
    }
  }
}
