// Request header v0-v2 and response header v0-v1, and which header version each API version uses.
//
// RequestHeader (Version: 0) => request_api_key request_api_version correlation_id
// RequestHeader (Version: 1) => request_api_key request_api_version correlation_id client_id
// RequestHeader (Version: 2) => request_api_key request_api_version correlation_id client_id TAG_BUFFER
//   client_id => NULLABLE_STRING (never compact, so that any broker can read any ApiVersions header)
// ResponseHeader (Version: 0) => correlation_id
// ResponseHeader (Version: 1) => correlation_id TAG_BUFFER
import type { ByteReader } from './reader'
import type { ByteWriter } from './writer'

export const API_VERSIONS_KEY = 18
const CONTROLLED_SHUTDOWN_KEY = 7

export interface RequestHeader {
  requestApiKey: number
  requestApiVersion: number
  correlationId: number
  /** Null in header v0 and when the client sends a null client id. */
  clientId: string | null
}

/**
 * Request header version: 2 for flexible API versions, else 1 (0 only for ControlledShutdown v0,
 * which is not served). `flexible` comes from the API's flexibleVersions; a version above the
 * served range of a flexible API is flexible too, so its header still parses.
 */
export function requestHeaderVersion(
  apiKey: number,
  apiVersion: number,
  flexible: boolean
): number {
  if (flexible) return 2
  if (apiKey === CONTROLLED_SHUTDOWN_KEY && apiVersion === 0) return 0
  return 1
}

/**
 * Response header version: 1 for flexible API versions, else 0. ApiVersions responses always use
 * header v0, so that a client can read the error of any ApiVersions version it tried.
 */
export function responseHeaderVersion(apiKey: number, flexible: boolean): number {
  if (apiKey === API_VERSIONS_KEY) return 0
  return flexible ? 1 : 0
}

/** Reads the fixed part shared by every header version: key, version, correlation id. */
export function readHeaderPrefix(r: ByteReader): RequestHeader {
  return {
    requestApiKey: r.readInt16(),
    requestApiVersion: r.readInt16(),
    correlationId: r.readInt32(),
    clientId: null
  }
}

/** Reads the rest of a request header of the given version after readHeaderPrefix. */
export function readHeaderRest(r: ByteReader, header: RequestHeader, headerVersion: number): void {
  if (headerVersion >= 1) header.clientId = r.readNullableString()
  // Header tagged fields are all unknown to us (none are defined): skipped.
  if (headerVersion >= 2) r.readTaggedFields()
}

export function writeRequestHeader(w: ByteWriter, h: RequestHeader, headerVersion: number): void {
  w.writeInt16(h.requestApiKey).writeInt16(h.requestApiVersion).writeInt32(h.correlationId)
  if (headerVersion >= 1) w.writeString(h.clientId)
  if (headerVersion >= 2) w.writeUnsignedVarint(0)
}

export function writeResponseHeader(
  w: ByteWriter,
  correlationId: number,
  headerVersion: number
): void {
  w.writeInt32(correlationId)
  if (headerVersion >= 1) w.writeUnsignedVarint(0)
}

/** Reads a response header; returns the correlation id. */
export function readResponseHeader(r: ByteReader, headerVersion: number): number {
  const correlationId = r.readInt32()
  if (headerVersion >= 1) r.readTaggedFields()
  return correlationId
}
