// The requests that name topics by id only: Fetch 13+, Produce 13+, OffsetCommit 10+ and
// OffsetFetch 10+. The faults, the authorizer and the handlers go by topic name, so each id is
// resolved once per topic of the request, as it arrives ('' for an id no topic has: the handler
// answers it UNKNOWN_TOPIC_ID).
import type { Engine } from '../engine'
import {
  ApiKey,
  type DecodedRequest,
  type FetchRequest,
  type OffsetCommitRequest,
  type OffsetFetchRequest,
  type ProduceRequest
} from './protocol'

export function nameTopicsById(request: DecodedRequest, engine: Engine): void {
  const name = (id: string) => engine.topicById(id)?.name ?? ''
  if (request.apiKey === ApiKey.Fetch && request.apiVersion >= 13) {
    const body = request.body as FetchRequest
    for (const t of body.topics) t.topic = name(t.topicId)
    for (const t of body.forgottenTopicsData) t.topic = name(t.topicId)
  } else if (request.apiKey === ApiKey.Produce && request.apiVersion >= 13) {
    for (const t of (request.body as ProduceRequest).topicData) t.name = name(t.topicId)
  } else if (request.apiKey === ApiKey.OffsetCommit && request.apiVersion >= 10) {
    for (const t of (request.body as OffsetCommitRequest).topics) t.name = name(t.topicId)
  } else if (request.apiKey === ApiKey.OffsetFetch && request.apiVersion >= 10) {
    for (const g of (request.body as OffsetFetchRequest).groups)
      for (const t of g.topics ?? []) t.name = name(t.topicId)
  }
}
