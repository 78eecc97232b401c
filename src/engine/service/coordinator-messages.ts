// The message browser's view of __consumer_offsets: each record's key and value decoded from
// Kafka's group coordinator layout into JSON with Kafka's field names, as Kafka's
// OffsetsMessageFormatter prints them ({"type":1,"data":{...}} and {"version":3,"data":{...}}),
// the bytes kept beside them. The same for the embedded cluster and a Kafka cluster's topic.
import type { MessageRecord, messagesParams } from '../../shared/api/messages'
import { decodeCoordinatorRecord } from '../groups/coordinator-records'
import { OFFSETS_TOPIC } from '../groups/offsets-topic'
import type { Area } from './backend'

const recordTypes: Record<number, NonNullable<MessageRecord['coordinatorRecord']>['type']> = {
  0: 'OffsetCommit',
  1: 'OffsetCommit',
  2: 'GroupMetadata'
}

function bytesOf(text: string | null, encoding: 'base64' | undefined): Buffer | null {
  return text === null ? null : Buffer.from(text, encoding === 'base64' ? 'base64' : 'utf8')
}

/** Rewrites a record of __consumer_offsets in place: JSON key and value, raw bytes kept. */
export function decodeOffsetsRecord(r: MessageRecord): void {
  if (r.marker) return
  const key = bytesOf(r.key, r.keyEncoding)
  const value = bytesOf(r.value, r.valueEncoding)
  if (key === null) {
    r.coordinatorRecord = { type: 'unknown', error: 'a record without a key' }
    return
  }
  try {
    const decoded = decodeCoordinatorRecord(key, value)
    r.keyRaw = key.toString('base64')
    r.key = JSON.stringify(decoded.key)
    delete r.keyEncoding
    if (value !== null && decoded.value !== null) {
      r.valueRaw = value.toString('base64')
      r.value = JSON.stringify(decoded.value)
      delete r.valueEncoding
    }
    r.coordinatorRecord = { type: recordTypes[decoded.key.type] ?? 'unknown' }
  } catch (err) {
    r.coordinatorRecord = { type: 'unknown', error: (err as Error).message }
  }
}

/** messages.read with __consumer_offsets records decoded (see decodeOffsetsRecord). */
export function coordinatorMessages(
  messages: Area<typeof messagesParams>
): Area<typeof messagesParams> {
  const read = messages['messages.read']
  return {
    ...messages,
    'messages.read': async (params) => {
      const result = await read(params)
      if (params.topic === OFFSETS_TOPIC) for (const r of result.records) decodeOffsetsRecord(r)
      return result
    }
  }
}
