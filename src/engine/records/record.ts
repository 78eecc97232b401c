// One record inside a v2 batch: sizing, writing and reading its varint layout.
import { corrupt, invalidRecord } from './errors'
import { ByteReader, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint'

export interface RecordHeader {
  key: string
  value: Buffer | null
}

export interface DecodedRecord {
  /** Absolute offset: the batch's baseOffset + offsetDelta. */
  offset: number
  /** Absolute timestamp; for LOG_APPEND_TIME batches the batch's maxTimestamp, as Kafka reports. */
  timestamp: number
  attributes: number
  timestampDelta: number
  offsetDelta: number
  /** Views into the (decompressed) batch bytes; copy them if the batch buffer is reused. */
  key: Buffer | null
  value: Buffer | null
  headers: RecordHeader[]
}

export type Bytes = Buffer | string | null

export interface RecordInput {
  key?: Bytes
  value?: Bytes
  headers?: ReadonlyArray<{ key: string; value: Bytes }> | Readonly<Record<string, Bytes>>
  /** Absolute timestamp in ms; the batch encoder defaults it to `now`. */
  timestamp?: number
  /** Defaults to the record's index; compaction rewrites keep the original deltas. */
  offsetDelta?: number
}

/** A record with its byte fields resolved, so its size is known before anything is written. */
export interface PreparedRecord {
  key: Buffer | null
  value: Buffer | null
  headers: Array<[Buffer, Buffer | null]>
  timestamp: number
  offsetDelta: number
  /** Size of the record body, excluding its own length prefix. */
  bodySize: number
}

function toBytes(value: Bytes | undefined): Buffer | null {
  if (value === undefined || value === null) return null
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value
}

function sizeOfBytes(value: Buffer | null): number {
  return value === null ? 1 : sizeOfVarint(value.length) + value.length
}

export function prepareRecord(
  input: RecordInput,
  index: number,
  now: number,
  baseTimestamp: number
): PreparedRecord {
  const key = toBytes(input.key)
  const value = toBytes(input.value)
  const entries: Array<[string, Bytes]> = Array.isArray(input.headers)
    ? input.headers.map((h: { key: string; value: Bytes }) => [h.key, h.value])
    : Object.entries(input.headers ?? {})
  const headers = entries.map(([k, v]): [Buffer, Buffer | null] => [Buffer.from(k), toBytes(v)])
  const timestamp = input.timestamp ?? now
  const offsetDelta = input.offsetDelta ?? index
  let bodySize =
    1 +
    sizeOfVarlong(timestamp - baseTimestamp) +
    sizeOfVarint(offsetDelta) +
    sizeOfBytes(key) +
    sizeOfBytes(value) +
    sizeOfVarint(headers.length)
  for (const [k, v] of headers) bodySize += sizeOfBytes(k) + sizeOfBytes(v)
  return { key, value, headers, timestamp, offsetDelta, bodySize }
}

function writeBytes(buf: Buffer, value: Buffer | null, pos: number): number {
  if (value === null) return writeVarint(buf, -1, pos)
  pos = writeVarint(buf, value.length, pos)
  return pos + value.copy(buf, pos)
}

/** Writes the length-prefixed record at `pos`; returns the position after it. */
export function writeRecord(
  buf: Buffer,
  record: PreparedRecord,
  baseTimestamp: number,
  pos: number
): number {
  pos = writeVarint(buf, record.bodySize, pos)
  buf[pos++] = 0 // record attributes: unused by every Kafka version so far
  pos = writeVarlong(buf, record.timestamp - baseTimestamp, pos)
  pos = writeVarint(buf, record.offsetDelta, pos)
  pos = writeBytes(buf, record.key, pos)
  pos = writeBytes(buf, record.value, pos)
  pos = writeVarint(buf, record.headers.length, pos)
  for (const [k, v] of record.headers) {
    pos = writeBytes(buf, k, pos)
    pos = writeBytes(buf, v, pos)
  }
  return pos
}

/** Batch fields a record needs to turn its deltas into absolute values. */
export interface RecordContext {
  baseOffset: number
  baseTimestamp: number
  /** Set for LOG_APPEND_TIME batches: every record then reports this timestamp. */
  logAppendTime: number | null
}

/** Reads one record at the reader's position, checking it uses exactly its declared length. */
export function readRecord(reader: ByteReader, ctx: RecordContext): DecodedRecord {
  const length = reader.varint()
  const start = reader.pos
  const outerEnd = reader.end
  if (length < 0 || length > outerEnd - start) {
    throw corrupt(`record length ${length} at byte ${start} overruns the batch`)
  }
  reader.end = start + length
  const attributes = reader.int8()
  const timestampDelta = reader.varlong()
  const offsetDelta = reader.varint()
  const key = reader.nullableBytes()
  const value = reader.nullableBytes()
  const headerCount = reader.varint()
  if (headerCount < 0) throw invalidRecord(`invalid header count ${headerCount}`)
  const headers: RecordHeader[] = []
  for (let i = 0; i < headerCount; i++) {
    const keyLength = reader.varint()
    if (keyLength < 0) throw invalidRecord(`invalid header key length ${keyLength}`)
    const headerKey = reader.bytes(keyLength).toString('utf8')
    headers.push({ key: headerKey, value: reader.nullableBytes() })
  }
  if (reader.pos !== reader.end) {
    throw invalidRecord(`record declares ${length} bytes but uses ${reader.pos - start}`)
  }
  reader.end = outerEnd
  return {
    offset: ctx.baseOffset + offsetDelta,
    timestamp: ctx.logAppendTime ?? ctx.baseTimestamp + timestampDelta,
    attributes,
    timestampDelta,
    offsetDelta,
    key,
    value,
    headers
  }
}

export const ControlRecordType = { Abort: 0, Commit: 1 } as const

/** Key of a transaction marker in a control batch: int16 version, int16 type. */
export function decodeControlKey(key: Buffer | null): { version: number; type: number } {
  if (key === null || key.length < 4) throw corrupt('control record key is shorter than 4 bytes')
  return { version: key.readInt16BE(0), type: key.readInt16BE(2) }
}

export function encodeControlKey(type: number, version = 0): Buffer {
  const key = Buffer.allocUnsafe(4)
  key.writeInt16BE(version, 0)
  key.writeInt16BE(type, 2)
  return key
}
