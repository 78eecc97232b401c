// The shape of a request handler and the table of them, one per served API key.
import type { Encodable, RequestBodies, ResponseBodies, ServedApiKey } from './protocol'
import type { RequestContext } from './request-context'

/** A handler answers with a response body, or null when the protocol wants no response (acks=0). */
export type Handler<K extends ServedApiKey> = (
  body: RequestBodies[K],
  ctx: RequestContext,
  apiVersion: number
) => Promise<Encodable<ResponseBodies[K]> | null> | Encodable<ResponseBodies[K]> | null

export type HandlerTable = { [K in ServedApiKey]?: Handler<K> }
