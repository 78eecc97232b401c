// DeleteShareGroupOffsets (key 92): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DeleteShareGroupOffsets: serves versions 0-0 of the spec's 0. */
export const deleteShareGroupOffsetsApi: ApiSchema = {
  apiKey: 92,
  name: 'DeleteShareGroupOffsets',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  request: {
    name: 'DeleteShareGroupOffsetsRequest',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      {
        name: 'topics',
        type: '[]DeleteShareGroupOffsetsRequestTopic',
        versions: '0+',
        fields: [{ name: 'topicName', type: 'string', versions: '0+' }]
      }
    ]
  },
  response: {
    name: 'DeleteShareGroupOffsetsResponse',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      {
        name: 'errorMessage',
        type: 'string',
        versions: '0+',
        nullableVersions: '0+',
        default: 'null'
      },
      {
        name: 'responses',
        type: '[]DeleteShareGroupOffsetsResponseTopic',
        versions: '0+',
        fields: [
          { name: 'topicName', type: 'string', versions: '0+' },
          { name: 'topicId', type: 'uuid', versions: '0+' },
          { name: 'errorCode', type: 'int16', versions: '0+' },
          {
            name: 'errorMessage',
            type: 'string',
            versions: '0+',
            nullableVersions: '0+',
            default: 'null'
          }
        ]
      }
    ]
  }
}

/** DeleteShareGroupOffsetsRequest body, versions 0-0. */
export interface DeleteShareGroupOffsetsRequest {
  /** The group identifier. (versions 0+) */
  groupId: string
  /** The topics to delete offsets for. (versions 0+) */
  topics: DeleteShareGroupOffsetsRequestTopic[]
}

/** A struct of DeleteShareGroupOffsetsRequest. */
export interface DeleteShareGroupOffsetsRequestTopic {
  /** The topic name. (versions 0+) */
  topicName: string
}

/** DeleteShareGroupOffsetsResponse body, versions 0-0. */
export interface DeleteShareGroupOffsetsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The top-level error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /**
   * The top-level error message, or null if there was no error. (versions 0+; nullable 0+; default
   * null)
   */
  errorMessage: string | null
  /** The results for each topic. (versions 0+) */
  responses: DeleteShareGroupOffsetsResponseTopic[]
}

/** A struct of DeleteShareGroupOffsetsResponse. */
export interface DeleteShareGroupOffsetsResponseTopic {
  /** The topic name. (versions 0+) */
  topicName: string
  /** The unique topic ID. (versions 0+) */
  topicId: string
  /** The topic-level error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /**
   * The topic-level error message, or null if there was no error. (versions 0+; nullable 0+;
   * default null)
   */
  errorMessage: string | null
}
