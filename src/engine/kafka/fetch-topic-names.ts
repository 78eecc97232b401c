// Fetch 13+ names topics by id only. The faults, the authorizer and the handler's answer go by
// topic name, so each id is resolved once, as the request arrives ('' for an id no topic has:
// the handler answers it UNKNOWN_TOPIC_ID).
import type { Engine } from '../engine'
import { ApiKey, type DecodedRequest, type FetchRequest } from './protocol'

export function nameFetchTopics(request: DecodedRequest, engine: Engine): void {
  if (request.apiKey !== ApiKey.Fetch || request.apiVersion < 13) return
  const body = request.body as FetchRequest
  const name = (id: string) => engine.topicById(id)?.name ?? ''
  for (const t of body.topics) t.topic = name(t.topicId)
  for (const t of body.forgottenTopicsData) t.topic = name(t.topicId)
}
