// Public surface of the Kafka protocol codec (no I/O): framing, headers, bodies, the API table.
// What is marked internal is the client side and the codec's parts, which the tests use to act
// as a Kafka client and to check frames byte for byte; the broker imports them from their files.
export { ProtocolError, type ProtocolErrorCode, type ProtocolErrorHeader } from './errors'
/** @internal */
export { ByteReader } from './reader'
/** @internal */
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
/** @internal */
export { API_TABLE, apiSchema, isFlexibleVersion, isVersionSupported, type ApiInfo } from './apis'
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
/** @internal */
export { messageCodec, type MessageCodec } from './compile'
/** @internal */
export { ZERO_UUID } from './defaults'
export type { ApiSchema, FieldSchema, MessageSchema } from './schema'
export * from './generated'
