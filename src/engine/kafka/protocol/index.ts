// Public surface of the Kafka protocol codec (no I/O): framing, headers, bodies, the API table.
export { ProtocolError, type ProtocolErrorCode, type ProtocolErrorHeader } from './errors'
export { ByteReader } from './reader'
export { ByteWriter, type Int32Slot } from './writer'
export { FrameSplitter, DEFAULT_MAX_FRAME_BYTES, type FrameSplitterOptions } from './framing'
export { requestHeaderVersion, responseHeaderVersion, type RequestHeader } from './header'
export { API_TABLE, apiSchema, isFlexibleVersion, isVersionSupported, type ApiInfo } from './apis'
export {
  answerToRefusedRequest,
  encodeApiVersionsUnsupported,
  supportedApiVersions,
  type ApiVersionRange
} from './api-versions'
export {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  encodeResponseChunks,
  type DecodedRequest,
  type Encodable,
  type RequestHeaderOf,
  type ResponseTarget,
  type ServedApiKey
} from './messages'
export { messageCodec, type MessageCodec } from './compile'
export { ZERO_UUID } from './defaults'
export type { ApiSchema, FieldSchema, MessageSchema } from './schema'
export * from './generated'
