// DescribeTransactions (key 65): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeTransactions: serves versions 0-0 of the spec's 0. */
export const describeTransactionsApi: ApiSchema = {
  apiKey: 65,
  name: 'DescribeTransactions',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  request: {
    name: 'DescribeTransactionsRequest',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [{ name: 'transactionalIds', type: '[]string', versions: '0+' }]
  },
  response: {
    name: 'DescribeTransactionsResponse',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'transactionStates',
        type: '[]TransactionState',
        versions: '0+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'transactionalId', type: 'string', versions: '0+' },
          { name: 'transactionState', type: 'string', versions: '0+' },
          { name: 'transactionTimeoutMs', type: 'int32', versions: '0+' },
          { name: 'transactionStartTimeMs', type: 'int64', versions: '0+' },
          { name: 'producerId', type: 'int64', versions: '0+' },
          { name: 'producerEpoch', type: 'int16', versions: '0+' },
          {
            name: 'topics',
            type: '[]TopicData',
            versions: '0+',
            fields: [
              { name: 'topic', type: 'string', versions: '0+' },
              { name: 'partitions', type: '[]int32', versions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** DescribeTransactionsRequest body, versions 0-0. */
export interface DescribeTransactionsRequest {
  /**
   * Array of transactionalIds to include in describe results. If empty, then no results will be
   * returned. (versions 0+)
   */
  transactionalIds: string[]
}

/** DescribeTransactionsResponse body, versions 0-0. */
export interface DescribeTransactionsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** (versions 0+) */
  transactionStates: DescribeTransactionsResponseTransactionState[]
}

/** A struct of DescribeTransactionsResponse. */
export interface DescribeTransactionsResponseTransactionState {
  /** (versions 0+) */
  errorCode: number
  /** (versions 0+) */
  transactionalId: string
  /** (versions 0+) */
  transactionState: string
  /** (versions 0+) */
  transactionTimeoutMs: number
  /** (versions 0+) */
  transactionStartTimeMs: bigint
  /** (versions 0+) */
  producerId: bigint
  /** (versions 0+) */
  producerEpoch: number
  /**
   * The set of partitions included in the current transaction (if active). When a transaction is
   * preparing to commit or abort, this will include only partitions which do not have markers.
   * (versions 0+)
   */
  topics: DescribeTransactionsResponseTopicData[]
}

/** A struct of DescribeTransactionsResponse. */
export interface DescribeTransactionsResponseTopicData {
  /** (versions 0+) */
  topic: string
  /** (versions 0+) */
  partitions: number[]
}
