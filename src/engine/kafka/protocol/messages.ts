// Whole-frame helpers: decode a request frame, encode a response (and the client-side mirror).
import { apiSchema, isFlexibleVersion } from './apis'
import { messageCodec } from './compile'
import { ProtocolError, invalidValue } from './errors'
import type { RequestBodies, ResponseBodies } from './generated'
import {
  readHeaderPrefix,
  readHeaderRest,
  readResponseHeader,
  requestHeaderVersion,
  responseHeaderVersion,
  writeRequestHeader,
  writeResponseHeader,
  type RequestHeader
} from './header'
import { ByteReader } from './reader'
import type { ApiSchema } from './schema'
import { ByteWriter } from './writer'

/** Keys of the served APIs. */
export type ServedApiKey = keyof RequestBodies & keyof ResponseBodies

/**
 * What an encoder accepts: the body type with every field optional, at every depth. Missing
 * fields take their default (the spec's, else 0, '', [], false, null records ...), as in Kafka's
 * generated Java classes; fields absent from the version being encoded are left out.
 */
export type Encodable<T> = T extends Buffer | bigint | string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer E)[]
    ? Encodable<E>[]
    : { [P in keyof T]?: Encodable<T[P]> }

/** A request header whose key is known to be K. */
export type RequestHeaderOf<K extends number> = RequestHeader & { requestApiKey: K }

/** A decoded request; narrow on `apiKey` to get the body type. */
export type DecodedRequest = {
  [K in ServedApiKey]: {
    apiKey: K
    apiVersion: number
    header: RequestHeaderOf<K>
    body: RequestBodies[K]
  }
}[ServedApiKey]

function servedSchema(apiKey: number, apiVersion: number, header?: RequestHeader): ApiSchema {
  const api = apiSchema(apiKey)
  if (api === undefined) {
    throw new ProtocolError('UNSUPPORTED_API', `unsupported API key ${apiKey}`, header)
  }
  if (apiVersion < api.minVersion || apiVersion > api.maxVersion) {
    throw new ProtocolError(
      'UNSUPPORTED_VERSION',
      `unsupported ${api.name} version ${apiVersion} (serving ${api.minVersion}-${api.maxVersion})`,
      header
    )
  }
  return api
}

/** Turns Node's RangeError/TypeError from a value of the wrong type or range into ProtocolError. */
function encoding<T>(what: string, run: () => T): T {
  try {
    return run()
  } catch (err) {
    if (err instanceof ProtocolError) throw err
    if (err instanceof RangeError || err instanceof TypeError) {
      throw invalidValue(`${what}: ${err.message}`)
    }
    throw err
  }
}

/**
 * Decodes one request frame, WITHOUT its 4-byte size prefix (as FrameSplitter yields it). The
 * body's records and bytes fields are views of `frame`. Bytes after the body are ignored.
 * Throws ProtocolError: UNSUPPORTED_API for an unknown key, UNSUPPORTED_VERSION (with the parsed
 * header attached, see encodeApiVersionsUnsupported) for an unserved version, else a decoding
 * failure (TRUNCATED, INVALID_LENGTH, INVALID_VALUE).
 */
export function decodeRequest(frame: Buffer): DecodedRequest {
  const r = new ByteReader(frame)
  const header = readHeaderPrefix(r)
  const { requestApiKey: apiKey, requestApiVersion: apiVersion } = header
  if (apiSchema(apiKey) === undefined) {
    throw new ProtocolError('UNSUPPORTED_API', `unsupported API key ${apiKey}`, header)
  }
  const flexible = isFlexibleVersion(apiKey, apiVersion)
  readHeaderRest(r, header, requestHeaderVersion(apiKey, apiVersion, flexible))
  const api = servedSchema(apiKey, apiVersion, header)
  const body = messageCodec(api.request, apiVersion).decode(r)
  return { apiKey, apiVersion, header, body } as unknown as DecodedRequest
}

/** The target of a response: the request's key, version and correlation id. */
export interface ResponseTarget<K extends number> {
  requestApiKey: K
  requestApiVersion: number
  correlationId: number
}

/**
 * Encodes a response as chunks ready for a socket's writev: the 4-byte size prefix, the response
 * header of the right version and the body. Large records/bytes fields are referenced, not
 * copied. Throws ProtocolError for an unserved version or a value the version cannot carry.
 */
export function encodeResponseChunks<K extends ServedApiKey>(
  header: ResponseTarget<K>,
  body: Encodable<ResponseBodies[K]>
): Buffer[] {
  const { requestApiKey: apiKey, requestApiVersion: apiVersion } = header
  const api = servedSchema(apiKey, apiVersion)
  return encoding(`${api.name} v${apiVersion} response`, () => {
    const w = new ByteWriter(1024)
    const size = w.reserveInt32()
    const flexible = isFlexibleVersion(apiKey, apiVersion)
    writeResponseHeader(w, header.correlationId, responseHeaderVersion(apiKey, flexible))
    messageCodec(api.response, apiVersion).encode(w, body as object)
    ByteWriter.patchInt32(size, w.length - 4)
    return w.toChunks()
  })
}

/** @internal encodeResponseChunks as one size-prefixed Buffer, for the tests' byte comparisons. */
export function encodeResponse<K extends ServedApiKey>(
  header: ResponseTarget<K>,
  body: Encodable<ResponseBodies[K]>
): Buffer {
  const chunks = encodeResponseChunks(header, body)
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)
}

/** @internal Encodes a size-prefixed request frame, as a client would (the tests' own client). */
export function encodeRequest<K extends ServedApiKey>(
  header: RequestHeaderOf<K>,
  body: Encodable<RequestBodies[K]>
): Buffer {
  const { requestApiKey: apiKey, requestApiVersion: apiVersion } = header
  const api = servedSchema(apiKey, apiVersion)
  return encoding(`${api.name} v${apiVersion} request`, () => {
    const w = new ByteWriter(1024)
    const size = w.reserveInt32()
    const flexible = isFlexibleVersion(apiKey, apiVersion)
    writeRequestHeader(w, header, requestHeaderVersion(apiKey, apiVersion, flexible))
    messageCodec(api.request, apiVersion).encode(w, body as object)
    ByteWriter.patchInt32(size, w.length - 4)
    return w.toBuffer()
  })
}

/**
 * @internal
 * Decodes a response frame WITHOUT its size prefix, given the request's key and version (a
 * response does not carry them). The client-side mirror of encodeResponse.
 */
export function decodeResponse<K extends ServedApiKey>(
  apiKey: K,
  apiVersion: number,
  frame: Buffer
): { correlationId: number; body: ResponseBodies[K] } {
  const api = servedSchema(apiKey, apiVersion)
  const r = new ByteReader(frame)
  const flexible = isFlexibleVersion(apiKey, apiVersion)
  const correlationId = readResponseHeader(r, responseHeaderVersion(apiKey, flexible))
  const body = messageCodec(api.response, apiVersion).decode(r)
  return { correlationId, body: body as unknown as ResponseBodies[K] }
}
