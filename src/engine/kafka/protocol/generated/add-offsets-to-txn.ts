// AddOffsetsToTxn (key 25): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** AddOffsetsToTxn: serves versions 0-4 of the spec's 0-4. */
export const addOffsetsToTxnApi: ApiSchema = {
  apiKey: 25,
  name: 'AddOffsetsToTxn',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 3,
  request: {
    name: 'AddOffsetsToTxnRequest',
    validVersions: '0-4',
    flexibleVersions: '3+',
    fields: [
      { name: 'transactionalId', type: 'string', versions: '0+' },
      { name: 'producerId', type: 'int64', versions: '0+' },
      { name: 'producerEpoch', type: 'int16', versions: '0+' },
      { name: 'groupId', type: 'string', versions: '0+' }
    ]
  },
  response: {
    name: 'AddOffsetsToTxnResponse',
    validVersions: '0-4',
    flexibleVersions: '3+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' }
    ]
  }
}

/** AddOffsetsToTxnRequest body, versions 0-4. */
export interface AddOffsetsToTxnRequest {
  /** The transactional id corresponding to the transaction. (versions 0+) */
  transactionalId: string
  /** Current producer id in use by the transactional id. (versions 0+) */
  producerId: bigint
  /** Current epoch associated with the producer id. (versions 0+) */
  producerEpoch: number
  /** The unique group identifier. (versions 0+) */
  groupId: string
}

/** AddOffsetsToTxnResponse body, versions 0-4. */
export interface AddOffsetsToTxnResponse {
  /**
   * Duration in milliseconds for which the request was throttled due to a quota violation, or zero
   * if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The response error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
}
