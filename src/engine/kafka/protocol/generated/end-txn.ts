// EndTxn (key 26): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** EndTxn: serves versions 0-5 of the spec's 0-5. */
export const endTxnApi: ApiSchema = {
  apiKey: 26,
  name: 'EndTxn',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 3,
  request: {
    name: 'EndTxnRequest',
    validVersions: '0-5',
    flexibleVersions: '3+',
    fields: [
      { name: 'transactionalId', type: 'string', versions: '0+' },
      { name: 'producerId', type: 'int64', versions: '0+' },
      { name: 'producerEpoch', type: 'int16', versions: '0+' },
      { name: 'committed', type: 'bool', versions: '0+' }
    ]
  },
  response: {
    name: 'EndTxnResponse',
    validVersions: '0-5',
    flexibleVersions: '3+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'producerId', type: 'int64', versions: '5+', default: '-1' },
      { name: 'producerEpoch', type: 'int16', versions: '5+', default: '-1' }
    ]
  }
}

/** EndTxnRequest body, versions 0-5. */
export interface EndTxnRequest {
  /** The ID of the transaction to end. (versions 0+) */
  transactionalId: string
  /** The producer ID. (versions 0+) */
  producerId: bigint
  /** The current epoch associated with the producer. (versions 0+) */
  producerEpoch: number
  /** True if the transaction was committed, false if it was aborted. (versions 0+) */
  committed: boolean
}

/** EndTxnResponse body, versions 0-5. */
export interface EndTxnResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The producer ID. (versions 5+; default -1) */
  producerId: bigint
  /** The current epoch associated with the producer. (versions 5+; default -1) */
  producerEpoch: number
}
