// Public surface of the Kafka protocol codec (no I/O): framing, headers, bodies, the API table.
// What is marked internal is the client side, which the tests use to act as a Kafka client and to
// check frames byte for byte. The codec's parts (readers, writers, message codecs, the API table)
// also serve the console's requests to real clusters (service/external/generated-api.ts).
export { ProtocolError, type ProtocolErrorCode, type ProtocolErrorHeader } from './errors'
export { ByteReader } from './reader'
export { ByteWriter, type Int32Slot } from './writer'
export {
  FrameSplitter,
  /** @internal */
  DEFAULT_MAX_FRAME_BYTES,
  type FrameSplitterOptions
} from './framing'
export {
  /** @internal */
  requestHeaderVersion,
  /** @internal */
  responseHeaderVersion,
  type RequestHeader
} from './header'
export {
  /** @internal */
  API_TABLE,
  apiSchema,
  isFlexibleVersion,
  /** @internal */
  isVersionSupported,
  type ApiInfo
} from './apis'
export {
  answerToRefusedRequest,
  /** @internal */
  encodeApiVersionsUnsupported,
  supportedApiVersions,
  type ApiVersionRange
} from './api-versions'
export {
  decodeRequest,
  /** @internal */
  decodeResponse,
  /** @internal */
  encodeRequest,
  /** @internal */
  encodeResponse,
  encodeResponseChunks,
  type DecodedRequest,
  type Encodable,
  type RequestHeaderOf,
  type ResponseTarget,
  type ServedApiKey
} from './messages'
export { messageCodec, type MessageCodec } from './compile'
/** @internal */
export { ZERO_UUID } from './defaults'
export type { ApiSchema, FieldSchema, MessageSchema } from './schema'
export * from './generated'
