// ConsumerGroupDescribe (key 69): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ConsumerGroupDescribe: serves versions 0-1 of the spec's 0-1. */
export const consumerGroupDescribeApi: ApiSchema = {
  apiKey: 69,
  name: 'ConsumerGroupDescribe',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  request: {
    name: 'ConsumerGroupDescribeRequest',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [
      { name: 'groupIds', type: '[]string', versions: '0+' },
      { name: 'includeAuthorizedOperations', type: 'bool', versions: '0+' }
    ]
  },
  response: {
    name: 'ConsumerGroupDescribeResponse',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'groups',
        type: '[]DescribedGroup',
        versions: '0+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '0+' },
          {
            name: 'errorMessage',
            type: 'string',
            versions: '0+',
            nullableVersions: '0+',
            default: 'null'
          },
          { name: 'groupId', type: 'string', versions: '0+' },
          { name: 'groupState', type: 'string', versions: '0+' },
          { name: 'groupEpoch', type: 'int32', versions: '0+' },
          { name: 'assignmentEpoch', type: 'int32', versions: '0+' },
          { name: 'assignorName', type: 'string', versions: '0+' },
          {
            name: 'members',
            type: '[]Member',
            versions: '0+',
            fields: [
              { name: 'memberId', type: 'string', versions: '0+' },
              {
                name: 'instanceId',
                type: 'string',
                versions: '0+',
                nullableVersions: '0+',
                default: 'null'
              },
              {
                name: 'rackId',
                type: 'string',
                versions: '0+',
                nullableVersions: '0+',
                default: 'null'
              },
              { name: 'memberEpoch', type: 'int32', versions: '0+' },
              { name: 'clientId', type: 'string', versions: '0+' },
              { name: 'clientHost', type: 'string', versions: '0+' },
              { name: 'subscribedTopicNames', type: '[]string', versions: '0+' },
              {
                name: 'subscribedTopicRegex',
                type: 'string',
                versions: '0+',
                nullableVersions: '0+',
                default: 'null'
              },
              {
                name: 'assignment',
                type: 'Assignment',
                versions: '0+',
                fields: [
                  {
                    name: 'topicPartitions',
                    type: '[]TopicPartitions',
                    versions: '0+',
                    fields: [
                      { name: 'topicId', type: 'uuid', versions: '0+' },
                      { name: 'topicName', type: 'string', versions: '0+' },
                      { name: 'partitions', type: '[]int32', versions: '0+' }
                    ]
                  }
                ]
              },
              {
                name: 'targetAssignment',
                type: 'Assignment',
                versions: '0+',
                fields: [
                  {
                    name: 'topicPartitions',
                    type: '[]TopicPartitions',
                    versions: '0+',
                    fields: [
                      { name: 'topicId', type: 'uuid', versions: '0+' },
                      { name: 'topicName', type: 'string', versions: '0+' },
                      { name: 'partitions', type: '[]int32', versions: '0+' }
                    ]
                  }
                ]
              },
              { name: 'memberType', type: 'int8', versions: '1+', default: '-1' }
            ]
          },
          { name: 'authorizedOperations', type: 'int32', versions: '0+', default: '-2147483648' }
        ]
      }
    ]
  }
}

/** ConsumerGroupDescribeRequest body, versions 0-1. */
export interface ConsumerGroupDescribeRequest {
  /** The ids of the groups to describe. (versions 0+) */
  groupIds: string[]
  /** Whether to include authorized operations. (versions 0+) */
  includeAuthorizedOperations: boolean
}

/** ConsumerGroupDescribeResponse body, versions 0-1. */
export interface ConsumerGroupDescribeResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** Each described group. (versions 0+) */
  groups: ConsumerGroupDescribeResponseDescribedGroup[]
}

/** A struct of ConsumerGroupDescribeResponse. */
export interface ConsumerGroupDescribeResponseDescribedGroup {
  /** The describe error, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /**
   * The top-level error message, or null if there was no error. (versions 0+; nullable 0+; default
   * null)
   */
  errorMessage: string | null
  /** The group ID string. (versions 0+) */
  groupId: string
  /** The group state string, or the empty string. (versions 0+) */
  groupState: string
  /** The group epoch. (versions 0+) */
  groupEpoch: number
  /** The assignment epoch. (versions 0+) */
  assignmentEpoch: number
  /** The selected assignor. (versions 0+) */
  assignorName: string
  /** The members. (versions 0+) */
  members: ConsumerGroupDescribeResponseMember[]
  /**
   * 32-bit bitfield to represent authorized operations for this group. (versions 0+; default
   * -2147483648)
   */
  authorizedOperations: number
}

/** A struct of ConsumerGroupDescribeResponse. */
export interface ConsumerGroupDescribeResponseMember {
  /** The member ID. (versions 0+) */
  memberId: string
  /** The member instance ID. (versions 0+; nullable 0+; default null) */
  instanceId: string | null
  /** The member rack ID. (versions 0+; nullable 0+; default null) */
  rackId: string | null
  /** The current member epoch. (versions 0+) */
  memberEpoch: number
  /** The client ID. (versions 0+) */
  clientId: string
  /** The client host. (versions 0+) */
  clientHost: string
  /** The subscribed topic names. (versions 0+) */
  subscribedTopicNames: string[]
  /**
   * the subscribed topic regex otherwise or null of not provided. (versions 0+; nullable 0+;
   * default null)
   */
  subscribedTopicRegex: string | null
  /** The current assignment. (versions 0+) */
  assignment: ConsumerGroupDescribeResponseAssignment
  /** The target assignment. (versions 0+) */
  targetAssignment: ConsumerGroupDescribeResponseAssignment
  /** -1 for unknown. 0 for classic member. +1 for consumer member. (versions 1+; default -1) */
  memberType: number
}

/** A struct of ConsumerGroupDescribeResponse. */
export interface ConsumerGroupDescribeResponseAssignment {
  /** The assigned topic-partitions to the member. (versions 0+) */
  topicPartitions: ConsumerGroupDescribeResponseTopicPartitions[]
}

/** A struct of ConsumerGroupDescribeResponse. */
export interface ConsumerGroupDescribeResponseTopicPartitions {
  /** The topic ID. (versions 0+) */
  topicId: string
  /** The topic name. (versions 0+) */
  topicName: string
  /** The partitions. (versions 0+) */
  partitions: number[]
}
