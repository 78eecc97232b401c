// SyncGroup (key 14): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** SyncGroup: serves versions 0-5 of the spec's 0-5. */
export const syncGroupApi: ApiSchema = {
  apiKey: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 4,
  request: {
    name: 'SyncGroupRequest',
    validVersions: '0-5',
    flexibleVersions: '4+',
    fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'generationId', type: 'int32', versions: '0+' },
      { name: 'memberId', type: 'string', versions: '0+' },
      {
        name: 'groupInstanceId',
        type: 'string',
        versions: '3+',
        nullableVersions: '3+',
        default: 'null'
      },
      {
        name: 'protocolType',
        type: 'string',
        versions: '5+',
        nullableVersions: '5+',
        default: 'null'
      },
      {
        name: 'protocolName',
        type: 'string',
        versions: '5+',
        nullableVersions: '5+',
        default: 'null'
      },
      {
        name: 'assignments',
        type: '[]SyncGroupRequestAssignment',
        versions: '0+',
        fields: [
          { name: 'memberId', type: 'string', versions: '0+' },
          { name: 'assignment', type: 'bytes', versions: '0+' }
        ]
      }
    ]
  },
  response: {
    name: 'SyncGroupResponse',
    validVersions: '0-5',
    flexibleVersions: '4+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      {
        name: 'protocolType',
        type: 'string',
        versions: '5+',
        nullableVersions: '5+',
        default: 'null'
      },
      {
        name: 'protocolName',
        type: 'string',
        versions: '5+',
        nullableVersions: '5+',
        default: 'null'
      },
      { name: 'assignment', type: 'bytes', versions: '0+' }
    ]
  }
}

/** SyncGroupRequest body, versions 0-5. */
export interface SyncGroupRequest {
  /** The unique group identifier. (versions 0+) */
  groupId: string
  /** The generation of the group. (versions 0+) */
  generationId: number
  /** The member ID assigned by the group. (versions 0+) */
  memberId: string
  /**
   * The unique identifier of the consumer instance provided by end user. (versions 3+; nullable 3+;
   * default null)
   */
  groupInstanceId: string | null
  /** The group protocol type. (versions 5+; nullable 5+; default null) */
  protocolType: string | null
  /** The group protocol name. (versions 5+; nullable 5+; default null) */
  protocolName: string | null
  /** Each assignment. (versions 0+) */
  assignments: SyncGroupRequestAssignment[]
}

/** A struct of SyncGroupRequest. */
export interface SyncGroupRequestAssignment {
  /** The ID of the member to assign. (versions 0+) */
  memberId: string
  /** The member assignment. (versions 0+) */
  assignment: Buffer
}

/** SyncGroupResponse body, versions 0-5. */
export interface SyncGroupResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 1+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The group protocol type. (versions 5+; nullable 5+; default null) */
  protocolType: string | null
  /** The group protocol name. (versions 5+; nullable 5+; default null) */
  protocolName: string | null
  /** The member assignment. (versions 0+) */
  assignment: Buffer
}
