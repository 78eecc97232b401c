// LeaveGroup (key 13): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** LeaveGroup: serves versions 0-5 of the spec's 0-5. */
export const leaveGroupApi: ApiSchema = {
  apiKey: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 4,
  request: {
    name: 'LeaveGroupRequest',
    validVersions: '0-5',
    flexibleVersions: '4+',
    fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'memberId', type: 'string', versions: '0-2' },
      {
        name: 'members',
        type: '[]MemberIdentity',
        versions: '3+',
        fields: [
          { name: 'memberId', type: 'string', versions: '3+' },
          {
            name: 'groupInstanceId',
            type: 'string',
            versions: '3+',
            nullableVersions: '3+',
            default: 'null'
          },
          {
            name: 'reason',
            type: 'string',
            versions: '5+',
            nullableVersions: '5+',
            default: 'null'
          }
        ]
      }
    ]
  },
  response: {
    name: 'LeaveGroupResponse',
    validVersions: '0-5',
    flexibleVersions: '4+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      {
        name: 'members',
        type: '[]MemberResponse',
        versions: '3+',
        fields: [
          { name: 'memberId', type: 'string', versions: '3+' },
          { name: 'groupInstanceId', type: 'string', versions: '3+', nullableVersions: '3+' },
          { name: 'errorCode', type: 'int16', versions: '3+' }
        ]
      }
    ]
  }
}

/** LeaveGroupRequest body, versions 0-5. */
export interface LeaveGroupRequest {
  /** The ID of the group to leave. (versions 0+) */
  groupId: string
  /** The member ID to remove from the group. (versions 0-2) */
  memberId: string
  /** List of leaving member identities. (versions 3+) */
  members: LeaveGroupRequestMemberIdentity[]
}

/** A struct of LeaveGroupRequest. */
export interface LeaveGroupRequestMemberIdentity {
  /** The member ID to remove from the group. (versions 3+) */
  memberId: string
  /** The group instance ID to remove from the group. (versions 3+; nullable 3+; default null) */
  groupInstanceId: string | null
  /** The reason why the member left the group. (versions 5+; nullable 5+; default null) */
  reason: string | null
}

/** LeaveGroupResponse body, versions 0-5. */
export interface LeaveGroupResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 1+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** List of leaving member responses. (versions 3+) */
  members: LeaveGroupResponseMemberResponse[]
}

/** A struct of LeaveGroupResponse. */
export interface LeaveGroupResponseMemberResponse {
  /** The member ID to remove from the group. (versions 3+) */
  memberId: string
  /** The group instance ID to remove from the group. (versions 3+; nullable 3+) */
  groupInstanceId: string | null
  /** The error code, or 0 if there was no error. (versions 3+) */
  errorCode: number
}
