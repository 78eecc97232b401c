// DeleteTopics (key 20): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DeleteTopics: serves versions 0-6 of the spec's 0-6. */
export const deleteTopicsApi: ApiSchema = {
  apiKey: 20,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 6,
  flexibleFrom: 4,
  request: {
    name: 'DeleteTopicsRequest',
    validVersions: '0-6',
    flexibleVersions: '4+',
    fields: [
      {
        name: 'topics',
        type: '[]DeleteTopicState',
        versions: '6+',
        fields: [
          { name: 'name', type: 'string', versions: '6+', nullableVersions: '6+', default: 'null' },
          { name: 'topicId', type: 'uuid', versions: '6+' }
        ]
      },
      { name: 'topicNames', type: '[]string', versions: '0-5' },
      { name: 'timeoutMs', type: 'int32', versions: '0+' }
    ]
  },
  response: {
    name: 'DeleteTopicsResponse',
    validVersions: '0-6',
    flexibleVersions: '4+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
      {
        name: 'responses',
        type: '[]DeletableTopicResult',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+', nullableVersions: '6+' },
          { name: 'topicId', type: 'uuid', versions: '6+' },
          { name: 'errorCode', type: 'int16', versions: '0+' },
          {
            name: 'errorMessage',
            type: 'string',
            versions: '5+',
            nullableVersions: '5+',
            default: 'null'
          }
        ]
      }
    ]
  }
}

/** DeleteTopicsRequest body, versions 0-6. */
export interface DeleteTopicsRequest {
  /** The name or topic ID of the topic. (versions 6+) */
  topics: DeleteTopicsRequestDeleteTopicState[]
  /** The names of the topics to delete. (versions 0-5) */
  topicNames: string[]
  /** The length of time in milliseconds to wait for the deletions to complete. (versions 0+) */
  timeoutMs: number
}

/** A struct of DeleteTopicsRequest. */
export interface DeleteTopicsRequestDeleteTopicState {
  /** The topic name. (versions 6+; nullable 6+; default null) */
  name: string | null
  /** The unique topic ID. (versions 6+) */
  topicId: string
}

/** DeleteTopicsResponse body, versions 0-6. */
export interface DeleteTopicsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 1+)
   */
  throttleTimeMs: number
  /** The results for each topic we tried to delete. (versions 0+) */
  responses: DeleteTopicsResponseDeletableTopicResult[]
}

/** A struct of DeleteTopicsResponse. */
export interface DeleteTopicsResponseDeletableTopicResult {
  /** The topic name. (versions 0+; nullable 6+) */
  name: string | null
  /** the unique topic ID. (versions 6+) */
  topicId: string
  /** The deletion error, or 0 if the deletion succeeded. (versions 0+) */
  errorCode: number
  /** The error message, or null if there was no error. (versions 5+; nullable 5+; default null) */
  errorMessage: string | null
}
