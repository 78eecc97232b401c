// Turns decoded records into the contract's MessageRecord: UTF-8 text where the bytes are
// valid UTF-8, base64 (and saying so) where they are not.
import type { MessageHeader, MessageRecord } from '../../shared/api/messages'
import type { DecodedRecord } from '../records'

const decoder = new TextDecoder('utf-8', { fatal: true })

/** The bytes as text, or null when they are not valid UTF-8. */
export function utf8OrNull(bytes: Buffer): string | null {
  try {
    return decoder.decode(bytes)
  } catch {
    return null
  }
}

function field(bytes: Buffer | null): { text: string | null; base64: boolean } {
  if (bytes === null) return { text: null, base64: false }
  const text = utf8OrNull(bytes)
  return text === null ? { text: bytes.toString('base64'), base64: true } : { text, base64: false }
}

export function toMessageRecord(
  partition: number,
  r: DecodedRecord,
  logAppendTime: boolean
): MessageRecord {
  const key = field(r.key)
  const value = field(r.value)
  const headers: MessageHeader[] = r.headers.map((h) => {
    const v = field(h.value)
    return v.base64
      ? { key: h.key, value: v.text, encoding: 'base64' }
      : { key: h.key, value: v.text }
  })
  const out: MessageRecord = {
    partition,
    offset: r.offset,
    timestamp: r.timestamp,
    timestampType: logAppendTime ? 'LogAppendTime' : 'CreateTime',
    key: key.text,
    value: value.text,
    headers,
    sizeBytes:
      (r.key?.length ?? 0) +
      (r.value?.length ?? 0) +
      r.headers.reduce((n, h) => n + h.key.length + (h.value?.length ?? 0), 0)
  }
  if (key.base64) out.keyEncoding = 'base64'
  if (value.base64) out.valueEncoding = 'base64'
  return out
}

/** Decodes a contract string into bytes according to the request's encoding. */
export function fromContractBytes(
  text: string | null | undefined,
  encoding: 'utf8' | 'base64' = 'utf8'
): Buffer | null {
  if (text === null || text === undefined) return null
  return Buffer.from(text, encoding === 'base64' ? 'base64' : 'utf8')
}
