// The requests that name topics by id only: Fetch 13+ and Produce 13+. The faults, the
// authorizer and the handlers go by topic name, so each id is resolved once per topic of the
// request, as it arrives ('' for an id no topic has: the handler answers it UNKNOWN_TOPIC_ID).
import type { Engine } from '../engine'
import { ApiKey, type DecodedRequest, type FetchRequest, type ProduceRequest } from './protocol'

export function nameTopicsById(request: DecodedRequest, engine: Engine): void {
  const name = (id: string) => engine.topicById(id)?.name ?? ''
  if (request.apiKey === ApiKey.Fetch && request.apiVersion >= 13) {
    const body = request.body as FetchRequest
    for (const t of body.topics) t.topic = name(t.topicId)
    for (const t of body.forgottenTopicsData) t.topic = name(t.topicId)
  } else if (request.apiKey === ApiKey.Produce && request.apiVersion >= 13) {
    for (const t of (request.body as ProduceRequest).topicData) t.name = name(t.topicId)
  }
}
