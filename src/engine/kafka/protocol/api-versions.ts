// ApiVersions helpers: the advertised key list and the UNSUPPORTED_VERSION answer in the v0 layout.
//
// ApiVersions Response (Version: 0) => error_code [api_keys]
//   api_keys => api_key min_version max_version   (INT16 each; the array has an INT32 count)
import { API_TABLE } from './apis'
import { ProtocolError } from './errors'
import { API_VERSIONS_KEY } from './header'
import { ByteWriter } from './writer'

/** Kafka's UNSUPPORTED_VERSION error code. */
export const UNSUPPORTED_VERSION = 35

export interface ApiVersionRange {
  apiKey: number
  minVersion: number
  maxVersion: number
}

/** Produce's API key: advertised from version 0, served from 3 (see supportedApiVersions). */
const PRODUCE_KEY = 0

/**
 * The key list an ApiVersions response advertises: every served API and its version range. As
 * Kafka 4.0 does (KAFKA-18659), Produce is listed from version 0 though only versions 3 and up
 * are served: librdkafka before 2.10 compresses gzip, snappy and LZ4 batches only for a broker
 * listing Produce v0 to v2, and otherwise sends them uncompressed. Clients pick the highest
 * version both sides know, so none sends v0 to v2 to a broker offering 11; a request that does is
 * refused as any unserved version is (the connection is closed).
 */
export function supportedApiVersions(): ApiVersionRange[] {
  return API_TABLE.map(({ apiKey, minVersion, maxVersion }) => ({
    apiKey,
    minVersion: apiKey === PRODUCE_KEY ? 0 : minVersion,
    maxVersion
  }))
}

/**
 * The size-prefixed answer to an ApiVersions request of a version we do not serve: response
 * header v0 and body v0, error UNSUPPORTED_VERSION (35) with the key list, whatever version was
 * asked (KIP-511), so that the client can retry with a version both sides know. Kafka itself
 * lists only ApiVersions' own range; the full list, the default here, serves the same purpose.
 */
export function encodeApiVersionsUnsupported(
  correlationId: number,
  apiKeys: readonly ApiVersionRange[] = supportedApiVersions()
): Buffer {
  const w = new ByteWriter(16 + apiKeys.length * 6)
  const size = w.reserveInt32()
  w.writeInt32(correlationId).writeInt16(UNSUPPORTED_VERSION).writeInt32(apiKeys.length)
  for (const k of apiKeys) w.writeInt16(k.apiKey).writeInt16(k.minVersion).writeInt16(k.maxVersion)
  ByteWriter.patchInt32(size, w.length - 4)
  return w.toBuffer()
}

/**
 * The answer the protocol defines for a request decodeRequest refused, if any: only an
 * ApiVersions request of an unserved version gets one (encodeApiVersionsUnsupported). For any
 * other failure, undefined: log it and close the connection.
 */
export function answerToRefusedRequest(err: unknown): Buffer | undefined {
  if (!(err instanceof ProtocolError) || err.code !== 'UNSUPPORTED_VERSION') return undefined
  if (err.header?.requestApiKey !== API_VERSIONS_KEY) return undefined
  return encodeApiVersionsUnsupported(err.header.correlationId)
}
