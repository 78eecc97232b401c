// The message browser's view of __consumer_offsets and __transaction_state: each record's key
// and value decoded from Kafka's coordinator layout into JSON with Kafka's field names, as Kafka's
// OffsetsMessageFormatter and TransactionLogMessageFormatter print them ({"type":1,"data":{...}}
// and {"version":3,"data":{...}}), the bytes kept beside them. The same for the embedded cluster
// and a Kafka cluster's topics.
import type {
  CoordinatorRecordKind,
  MessageRecord,
  messagesParams
} from '../../shared/api/messages'
import {
  decodeCoordinatorRecord,
  GROUP_RECORD_TYPES,
  type CoordinatorRecordTypes
} from '../groups/coordinator-records'
import { OFFSETS_TOPIC } from '../groups/offsets-topic'
import { TRANSACTION_RECORD_TYPES } from '../transactions/transaction-log-records'
import { TRANSACTION_STATE_TOPIC } from '../transactions/transaction-state-topic'
import type { Area } from './backend'

/** The coordinators' topics and their records. */
const TOPIC_RECORDS = new Map<string, CoordinatorRecordTypes>([
  [OFFSETS_TOPIC, GROUP_RECORD_TYPES],
  [TRANSACTION_STATE_TOPIC, TRANSACTION_RECORD_TYPES]
])

function bytesOf(text: string | null, encoding: 'base64' | undefined): Buffer | null {
  return text === null ? null : Buffer.from(text, encoding === 'base64' ? 'base64' : 'utf8')
}

/** Rewrites a coordinator's record in place: JSON key and value, raw bytes kept. */
export function decodeCoordinatorMessage(types: CoordinatorRecordTypes, r: MessageRecord): void {
  if (r.marker) return
  const key = bytesOf(r.key, r.keyEncoding)
  const value = bytesOf(r.value, r.valueEncoding)
  if (key === null) {
    r.coordinatorRecord = { type: 'unknown', error: 'a record without a key' }
    return
  }
  try {
    const decoded = decodeCoordinatorRecord(types, key, value)
    r.keyRaw = key.toString('base64')
    r.key = JSON.stringify(decoded.key)
    delete r.keyEncoding
    if (value !== null && decoded.value !== null) {
      r.valueRaw = value.toString('base64')
      r.value = JSON.stringify(decoded.value)
      delete r.valueEncoding
    }
    const type = types.get(decoded.key.type)?.name as CoordinatorRecordKind['type'] | undefined
    r.coordinatorRecord = { type: type ?? 'unknown' }
  } catch (err) {
    r.coordinatorRecord = { type: 'unknown', error: (err as Error).message }
  }
}

/** messages.read with the coordinators' records decoded (see decodeCoordinatorMessage). */
export function coordinatorMessages(
  messages: Area<typeof messagesParams>
): Area<typeof messagesParams> {
  const read = messages['messages.read']
  return {
    ...messages,
    'messages.read': async (params) => {
      const result = await read(params)
      const types = TOPIC_RECORDS.get(params.topic)
      if (types) for (const r of result.records) decodeCoordinatorMessage(types, r)
      return result
    }
  }
}
