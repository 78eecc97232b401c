// DescribeGroups (key 15): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeGroups: serves versions 0-5 of the spec's 0-5. */
export const describeGroupsApi: ApiSchema = {
  apiKey: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 5,
  request: {
    name: 'DescribeGroupsRequest',
    validVersions: '0-5',
    flexibleVersions: '5+',
    fields: [
      { name: 'groups', type: '[]string', versions: '0+' },
      { name: 'includeAuthorizedOperations', type: 'bool', versions: '3+' }
    ]
  },
  response: {
    name: 'DescribeGroupsResponse',
    validVersions: '0-5',
    flexibleVersions: '5+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
      {
        name: 'groups',
        type: '[]DescribedGroup',
        versions: '0+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'groupId', type: 'string', versions: '0+' },
          { name: 'groupState', type: 'string', versions: '0+' },
          { name: 'protocolType', type: 'string', versions: '0+' },
          { name: 'protocolData', type: 'string', versions: '0+' },
          {
            name: 'members',
            type: '[]DescribedGroupMember',
            versions: '0+',
            fields: [
              { name: 'memberId', type: 'string', versions: '0+' },
              {
                name: 'groupInstanceId',
                type: 'string',
                versions: '4+',
                nullableVersions: '4+',
                default: 'null'
              },
              { name: 'clientId', type: 'string', versions: '0+' },
              { name: 'clientHost', type: 'string', versions: '0+' },
              { name: 'memberMetadata', type: 'bytes', versions: '0+' },
              { name: 'memberAssignment', type: 'bytes', versions: '0+' }
            ]
          },
          { name: 'authorizedOperations', type: 'int32', versions: '3+', default: '-2147483648' }
        ]
      }
    ]
  }
}

/** DescribeGroupsRequest body, versions 0-5. */
export interface DescribeGroupsRequest {
  /** The names of the groups to describe. (versions 0+) */
  groups: string[]
  /** Whether to include authorized operations. (versions 3+) */
  includeAuthorizedOperations: boolean
}

/** DescribeGroupsResponse body, versions 0-5. */
export interface DescribeGroupsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 1+)
   */
  throttleTimeMs: number
  /** Each described group. (versions 0+) */
  groups: DescribeGroupsResponseDescribedGroup[]
}

/** A struct of DescribeGroupsResponse. */
export interface DescribeGroupsResponseDescribedGroup {
  /** The describe error, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The group ID string. (versions 0+) */
  groupId: string
  /** The group state string, or the empty string. (versions 0+) */
  groupState: string
  /** The group protocol type, or the empty string. (versions 0+) */
  protocolType: string
  /** The group protocol data, or the empty string. (versions 0+) */
  protocolData: string
  /** The group members. (versions 0+) */
  members: DescribeGroupsResponseDescribedGroupMember[]
  /**
   * 32-bit bitfield to represent authorized operations for this group. (versions 3+; default
   * -2147483648)
   */
  authorizedOperations: number
}

/** A struct of DescribeGroupsResponse. */
export interface DescribeGroupsResponseDescribedGroupMember {
  /** The member ID assigned by the group coordinator. (versions 0+) */
  memberId: string
  /**
   * The unique identifier of the consumer instance provided by end user. (versions 4+; nullable 4+;
   * default null)
   */
  groupInstanceId: string | null
  /** The client ID used in the member's latest join group request. (versions 0+) */
  clientId: string
  /** The client host. (versions 0+) */
  clientHost: string
  /** The metadata corresponding to the current group protocol in use. (versions 0+) */
  memberMetadata: Buffer
  /** The current assignment provided by the group leader. (versions 0+) */
  memberAssignment: Buffer
}
