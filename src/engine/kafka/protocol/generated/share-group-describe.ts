// ShareGroupDescribe (key 77): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ShareGroupDescribe: serves versions 1-1 of the spec's 1. */
export const shareGroupDescribeApi: ApiSchema = {
  apiKey: 77,
  name: 'ShareGroupDescribe',
  minVersion: 1,
  maxVersion: 1,
  flexibleFrom: 1,
  request: {
    name: 'ShareGroupDescribeRequest',
    validVersions: '1',
    flexibleVersions: '1+',
    fields: [
      { name: 'groupIds', type: '[]string', versions: '1+' },
      { name: 'includeAuthorizedOperations', type: 'bool', versions: '1+' }
    ]
  },
  response: {
    name: 'ShareGroupDescribeResponse',
    validVersions: '1',
    flexibleVersions: '1+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
      {
        name: 'groups',
        type: '[]DescribedGroup',
        versions: '1+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '1+' },
          {
            name: 'errorMessage',
            type: 'string',
            versions: '1+',
            nullableVersions: '1+',
            default: 'null'
          },
          { name: 'groupId', type: 'string', versions: '1+' },
          { name: 'groupState', type: 'string', versions: '1+' },
          { name: 'groupEpoch', type: 'int32', versions: '1+' },
          { name: 'assignmentEpoch', type: 'int32', versions: '1+' },
          { name: 'assignorName', type: 'string', versions: '1+' },
          {
            name: 'members',
            type: '[]Member',
            versions: '1+',
            fields: [
              { name: 'memberId', type: 'string', versions: '1+' },
              {
                name: 'rackId',
                type: 'string',
                versions: '1+',
                nullableVersions: '1+',
                default: 'null'
              },
              { name: 'memberEpoch', type: 'int32', versions: '1+' },
              { name: 'clientId', type: 'string', versions: '1+' },
              { name: 'clientHost', type: 'string', versions: '1+' },
              { name: 'subscribedTopicNames', type: '[]string', versions: '1+' },
              {
                name: 'assignment',
                type: 'Assignment',
                versions: '1+',
                fields: [
                  {
                    name: 'topicPartitions',
                    type: '[]TopicPartitions',
                    versions: '1+',
                    fields: [
                      { name: 'topicId', type: 'uuid', versions: '1+' },
                      { name: 'topicName', type: 'string', versions: '1+' },
                      { name: 'partitions', type: '[]int32', versions: '1+' }
                    ]
                  }
                ]
              }
            ]
          },
          { name: 'authorizedOperations', type: 'int32', versions: '1+', default: '-2147483648' }
        ]
      }
    ]
  }
}

/** ShareGroupDescribeRequest body, versions 1-1. */
export interface ShareGroupDescribeRequest {
  /** The ids of the groups to describe. (versions 1+) */
  groupIds: string[]
  /** Whether to include authorized operations. (versions 1+) */
  includeAuthorizedOperations: boolean
}

/** ShareGroupDescribeResponse body, versions 1-1. */
export interface ShareGroupDescribeResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 1+)
   */
  throttleTimeMs: number
  /** Each described group. (versions 1+) */
  groups: ShareGroupDescribeResponseDescribedGroup[]
}

/** A struct of ShareGroupDescribeResponse. */
export interface ShareGroupDescribeResponseDescribedGroup {
  /** The describe error, or 0 if there was no error. (versions 1+) */
  errorCode: number
  /**
   * The top-level error message, or null if there was no error. (versions 1+; nullable 1+; default
   * null)
   */
  errorMessage: string | null
  /** The group ID string. (versions 1+) */
  groupId: string
  /** The group state string, or the empty string. (versions 1+) */
  groupState: string
  /** The group epoch. (versions 1+) */
  groupEpoch: number
  /** The assignment epoch. (versions 1+) */
  assignmentEpoch: number
  /** The selected assignor. (versions 1+) */
  assignorName: string
  /** The members. (versions 1+) */
  members: ShareGroupDescribeResponseMember[]
  /**
   * 32-bit bitfield to represent authorized operations for this group. (versions 1+; default
   * -2147483648)
   */
  authorizedOperations: number
}

/** A struct of ShareGroupDescribeResponse. */
export interface ShareGroupDescribeResponseMember {
  /** The member ID. (versions 1+) */
  memberId: string
  /** The member rack ID. (versions 1+; nullable 1+; default null) */
  rackId: string | null
  /** The current member epoch. (versions 1+) */
  memberEpoch: number
  /** The client ID. (versions 1+) */
  clientId: string
  /** The client host. (versions 1+) */
  clientHost: string
  /** The subscribed topic names. (versions 1+) */
  subscribedTopicNames: string[]
  /** The current assignment. (versions 1+) */
  assignment: ShareGroupDescribeResponseAssignment
}

/** A struct of ShareGroupDescribeResponse. */
export interface ShareGroupDescribeResponseAssignment {
  /** The assigned topic-partitions to the member. (versions 1+) */
  topicPartitions: ShareGroupDescribeResponseTopicPartitions[]
}

/** A struct of ShareGroupDescribeResponse. */
export interface ShareGroupDescribeResponseTopicPartitions {
  /** The topic ID. (versions 1+) */
  topicId: string
  /** The topic name. (versions 1+) */
  topicName: string
  /** The partitions. (versions 1+) */
  partitions: number[]
}
