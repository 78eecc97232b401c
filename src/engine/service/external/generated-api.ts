// Requests @platformatic/kafka has no method for, sent over the library's own connections with
// the codecs this project generates from Kafka's message definitions (src/engine/kafka/protocol):
// the library frames the request and matches the response by correlation id; the body is
// encoded and decoded by the same code the broker serves it with, so the two sides cannot
// drift apart and no message layout is written twice.
import { createAPI, Writer, type Reader } from '@platformatic/kafka'
import {
  apiSchema,
  ByteReader,
  ByteWriter,
  isFlexibleVersion,
  messageCodec,
  type Encodable,
  type RequestBodies,
  type ResponseBodies,
  type ServedApiKey
} from '../../kafka/protocol'

/** One API at one version, as createAPI gives it: `api.async(connection, body)`. */
export function generatedApi<K extends ServedApiKey>(apiKey: K, apiVersion: number) {
  const api = apiSchema(apiKey)
  if (!api || apiVersion < api.minVersion || apiVersion > api.maxVersion)
    throw new Error(`API key ${apiKey} v${apiVersion} has no generated codec`)
  const request = messageCodec(api.request, apiVersion)
  const response = messageCodec(api.response, apiVersion)
  // Flexible versions carry tagged fields in both headers.
  const flexible = isFlexibleVersion(apiKey, apiVersion)
  return createAPI<[body: Encodable<RequestBodies[K]>], ResponseBodies[K]>(
    apiKey,
    apiVersion,
    (body) => {
      const w = new ByteWriter()
      request.encode(w, body as object)
      return Writer.create().append(w.toBuffer())
    },
    (_correlationId, _apiKey, _apiVersion, reader: Reader) =>
      response.decode(
        new ByteReader(reader.buffer.slice(reader.position, reader.length))
      ) as unknown as ResponseBodies[K],
    flexible,
    flexible
  )
}
