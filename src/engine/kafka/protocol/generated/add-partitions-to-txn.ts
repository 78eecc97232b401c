// AddPartitionsToTxn (key 24): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** AddPartitionsToTxn: serves versions 0-5 of the spec's 0-5. */
export const addPartitionsToTxnApi: ApiSchema = {
  apiKey: 24,
  name: 'AddPartitionsToTxn',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 3,
  request: {
    name: 'AddPartitionsToTxnRequest',
    validVersions: '0-5',
    flexibleVersions: '3+',
    fields: [
      {
        name: 'transactions',
        type: '[]AddPartitionsToTxnTransaction',
        versions: '4+',
        fields: [
          { name: 'transactionalId', type: 'string', versions: '4+' },
          { name: 'producerId', type: 'int64', versions: '4+' },
          { name: 'producerEpoch', type: 'int16', versions: '4+' },
          { name: 'verifyOnly', type: 'bool', versions: '4+', default: 'false' },
          {
            name: 'topics',
            type: '[]AddPartitionsToTxnTopic',
            versions: '4+',
            fields: [
              { name: 'name', type: 'string', versions: '0+' },
              { name: 'partitions', type: '[]int32', versions: '0+' }
            ]
          }
        ]
      },
      { name: 'v3AndBelowTransactionalId', type: 'string', versions: '0-3' },
      { name: 'v3AndBelowProducerId', type: 'int64', versions: '0-3' },
      { name: 'v3AndBelowProducerEpoch', type: 'int16', versions: '0-3' },
      {
        name: 'v3AndBelowTopics',
        type: '[]AddPartitionsToTxnTopic',
        versions: '0-3',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          { name: 'partitions', type: '[]int32', versions: '0+' }
        ]
      }
    ]
  },
  response: {
    name: 'AddPartitionsToTxnResponse',
    validVersions: '0-5',
    flexibleVersions: '3+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '4+' },
      {
        name: 'resultsByTransaction',
        type: '[]AddPartitionsToTxnResult',
        versions: '4+',
        fields: [
          { name: 'transactionalId', type: 'string', versions: '4+' },
          {
            name: 'topicResults',
            type: '[]AddPartitionsToTxnTopicResult',
            versions: '4+',
            fields: [
              { name: 'name', type: 'string', versions: '0+' },
              {
                name: 'resultsByPartition',
                type: '[]AddPartitionsToTxnPartitionResult',
                versions: '0+',
                fields: [
                  { name: 'partitionIndex', type: 'int32', versions: '0+' },
                  { name: 'partitionErrorCode', type: 'int16', versions: '0+' }
                ]
              }
            ]
          }
        ]
      },
      {
        name: 'resultsByTopicV3AndBelow',
        type: '[]AddPartitionsToTxnTopicResult',
        versions: '0-3',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'resultsByPartition',
            type: '[]AddPartitionsToTxnPartitionResult',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'partitionErrorCode', type: 'int16', versions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** AddPartitionsToTxnRequest body, versions 0-5. */
export interface AddPartitionsToTxnRequest {
  /** List of transactions to add partitions to. (versions 4+) */
  transactions: AddPartitionsToTxnRequestAddPartitionsToTxnTransaction[]
  /** The transactional id corresponding to the transaction. (versions 0-3) */
  v3AndBelowTransactionalId: string
  /** Current producer id in use by the transactional id. (versions 0-3) */
  v3AndBelowProducerId: bigint
  /** Current epoch associated with the producer id. (versions 0-3) */
  v3AndBelowProducerEpoch: number
  /** The partitions to add to the transaction. (versions 0-3) */
  v3AndBelowTopics: AddPartitionsToTxnRequestAddPartitionsToTxnTopic[]
}

/** A struct of AddPartitionsToTxnRequest. */
export interface AddPartitionsToTxnRequestAddPartitionsToTxnTransaction {
  /** The transactional id corresponding to the transaction. (versions 4+) */
  transactionalId: string
  /** Current producer id in use by the transactional id. (versions 4+) */
  producerId: bigint
  /** Current epoch associated with the producer id. (versions 4+) */
  producerEpoch: number
  /**
   * Boolean to signify if we want to check if the partition is in the transaction rather than add
   * it. (versions 4+; default false)
   */
  verifyOnly: boolean
  /** The partitions to add to the transaction. (versions 4+) */
  topics: AddPartitionsToTxnRequestAddPartitionsToTxnTopic[]
}

/** A struct of AddPartitionsToTxnRequest. */
export interface AddPartitionsToTxnRequestAddPartitionsToTxnTopic {
  /** The name of the topic. (versions 0+) */
  name: string
  /** The partition indexes to add to the transaction. (versions 0+) */
  partitions: number[]
}

/** AddPartitionsToTxnResponse body, versions 0-5. */
export interface AddPartitionsToTxnResponse {
  /**
   * Duration in milliseconds for which the request was throttled due to a quota violation, or zero
   * if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The response top level error code. (versions 4+) */
  errorCode: number
  /** Results categorized by transactional ID. (versions 4+) */
  resultsByTransaction: AddPartitionsToTxnResponseAddPartitionsToTxnResult[]
  /** The results for each topic. (versions 0-3) */
  resultsByTopicV3AndBelow: AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult[]
}

/** A struct of AddPartitionsToTxnResponse. */
export interface AddPartitionsToTxnResponseAddPartitionsToTxnResult {
  /** The transactional id corresponding to the transaction. (versions 4+) */
  transactionalId: string
  /** The results for each topic. (versions 4+) */
  topicResults: AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult[]
}

/** A struct of AddPartitionsToTxnResponse. */
export interface AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult {
  /** The topic name. (versions 0+) */
  name: string
  /** The results for each partition. (versions 0+) */
  resultsByPartition: AddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult[]
}

/** A struct of AddPartitionsToTxnResponse. */
export interface AddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult {
  /** The partition indexes. (versions 0+) */
  partitionIndex: number
  /** The response error code. (versions 0+) */
  partitionErrorCode: number
}
