// ListTransactions (key 66): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ListTransactions: serves versions 0-1 of the spec's 0-1. */
export const listTransactionsApi: ApiSchema = {
  apiKey: 66,
  name: 'ListTransactions',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  request: {
    name: 'ListTransactionsRequest',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [
      { name: 'stateFilters', type: '[]string', versions: '0+' },
      { name: 'producerIdFilters', type: '[]int64', versions: '0+' },
      { name: 'durationFilter', type: 'int64', versions: '1+', default: '-1' }
    ]
  },
  response: {
    name: 'ListTransactionsResponse',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'unknownStateFilters', type: '[]string', versions: '0+' },
      {
        name: 'transactionStates',
        type: '[]TransactionState',
        versions: '0+',
        fields: [
          { name: 'transactionalId', type: 'string', versions: '0+' },
          { name: 'producerId', type: 'int64', versions: '0+' },
          { name: 'transactionState', type: 'string', versions: '0+' }
        ]
      }
    ]
  }
}

/** ListTransactionsRequest body, versions 0-1. */
export interface ListTransactionsRequest {
  /**
   * The transaction states to filter by: if empty, all transactions are returned; if non-empty,
   * then only transactions matching one of the filtered states will be returned. (versions 0+)
   */
  stateFilters: string[]
  /**
   * The producerIds to filter by: if empty, all transactions will be returned; if non-empty, only
   * transactions which match one of the filtered producerIds will be returned. (versions 0+)
   */
  producerIdFilters: bigint[]
  /**
   * Duration (in millis) to filter by: if < 0, all transactions will be returned; otherwise, only
   * transactions running longer than this duration will be returned. (versions 1+; default -1)
   */
  durationFilter: bigint
}

/** ListTransactionsResponse body, versions 0-1. */
export interface ListTransactionsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** (versions 0+) */
  errorCode: number
  /**
   * Set of state filters provided in the request which were unknown to the transaction coordinator.
   * (versions 0+)
   */
  unknownStateFilters: string[]
  /** (versions 0+) */
  transactionStates: ListTransactionsResponseTransactionState[]
}

/** A struct of ListTransactionsResponse. */
export interface ListTransactionsResponseTransactionState {
  /** (versions 0+) */
  transactionalId: string
  /** (versions 0+) */
  producerId: bigint
  /** The current transaction state of the producer. (versions 0+) */
  transactionState: string
}
