// InitProducerId (key 22): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** InitProducerId: serves versions 0-5 of the spec's 0-5. */
export const initProducerIdApi: ApiSchema = {
  apiKey: 22,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 2,
  request: {
    name: 'InitProducerIdRequest',
    validVersions: '0-5',
    flexibleVersions: '2+',
    fields: [
      { name: 'transactionalId', type: 'string', versions: '0+', nullableVersions: '0+' },
      { name: 'transactionTimeoutMs', type: 'int32', versions: '0+' },
      { name: 'producerId', type: 'int64', versions: '3+', default: '-1' },
      { name: 'producerEpoch', type: 'int16', versions: '3+', default: '-1' }
    ]
  },
  response: {
    name: 'InitProducerIdResponse',
    validVersions: '0-5',
    flexibleVersions: '2+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'producerId', type: 'int64', versions: '0+', default: '-1' },
      { name: 'producerEpoch', type: 'int16', versions: '0+' }
    ]
  }
}

/** InitProducerIdRequest body, versions 0-5. */
export interface InitProducerIdRequest {
  /**
   * The transactional id, or null if the producer is not transactional. (versions 0+; nullable 0+)
   */
  transactionalId: string | null
  /**
   * The time in ms to wait before aborting idle transactions sent by this producer. This is only
   * relevant if a TransactionalId has been defined. (versions 0+)
   */
  transactionTimeoutMs: number
  /**
   * The producer id. This is used to disambiguate requests if a transactional id is reused
   * following its expiration. (versions 3+; default -1)
   */
  producerId: bigint
  /**
   * The producer's current epoch. This will be checked against the producer epoch on the broker,
   * and the request will return an error if they do not match. (versions 3+; default -1)
   */
  producerEpoch: number
}

/** InitProducerIdResponse body, versions 0-5. */
export interface InitProducerIdResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The current producer id. (versions 0+; default -1) */
  producerId: bigint
  /** The current epoch associated with the producer id. (versions 0+) */
  producerEpoch: number
}
