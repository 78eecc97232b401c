// JoinGroup (key 11): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** JoinGroup: serves versions 0-9 of the spec's 0-9. */
export const joinGroupApi: ApiSchema = {
  apiKey: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 9,
  flexibleFrom: 6,
  request: {
    name: 'JoinGroupRequest',
    validVersions: '0-9',
    flexibleVersions: '6+',
    fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'sessionTimeoutMs', type: 'int32', versions: '0+' },
      { name: 'rebalanceTimeoutMs', type: 'int32', versions: '1+', default: '-1' },
      { name: 'memberId', type: 'string', versions: '0+' },
      {
        name: 'groupInstanceId',
        type: 'string',
        versions: '5+',
        nullableVersions: '5+',
        default: 'null'
      },
      { name: 'protocolType', type: 'string', versions: '0+' },
      {
        name: 'protocols',
        type: '[]JoinGroupRequestProtocol',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          { name: 'metadata', type: 'bytes', versions: '0+' }
        ]
      },
      { name: 'reason', type: 'string', versions: '8+', nullableVersions: '8+', default: 'null' }
    ]
  },
  response: {
    name: 'JoinGroupResponse',
    validVersions: '0-9',
    flexibleVersions: '6+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '2+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'generationId', type: 'int32', versions: '0+', default: '-1' },
      {
        name: 'protocolType',
        type: 'string',
        versions: '7+',
        nullableVersions: '7+',
        default: 'null'
      },
      { name: 'protocolName', type: 'string', versions: '0+', nullableVersions: '7+' },
      { name: 'leader', type: 'string', versions: '0+' },
      { name: 'skipAssignment', type: 'bool', versions: '9+', default: 'false' },
      { name: 'memberId', type: 'string', versions: '0+' },
      {
        name: 'members',
        type: '[]JoinGroupResponseMember',
        versions: '0+',
        fields: [
          { name: 'memberId', type: 'string', versions: '0+' },
          {
            name: 'groupInstanceId',
            type: 'string',
            versions: '5+',
            nullableVersions: '5+',
            default: 'null'
          },
          { name: 'metadata', type: 'bytes', versions: '0+' }
        ]
      }
    ]
  }
}

/** JoinGroupRequest body, versions 0-9. */
export interface JoinGroupRequest {
  /** The group identifier. (versions 0+) */
  groupId: string
  /**
   * The coordinator considers the consumer dead if it receives no heartbeat after this timeout in
   * milliseconds. (versions 0+)
   */
  sessionTimeoutMs: number
  /**
   * The maximum time in milliseconds that the coordinator will wait for each member to rejoin when
   * rebalancing the group. (versions 1+; default -1)
   */
  rebalanceTimeoutMs: number
  /** The member id assigned by the group coordinator. (versions 0+) */
  memberId: string
  /**
   * The unique identifier of the consumer instance provided by end user. (versions 5+; nullable 5+;
   * default null)
   */
  groupInstanceId: string | null
  /**
   * The unique name the for class of protocols implemented by the group we want to join. (versions
   * 0+)
   */
  protocolType: string
  /** The list of protocols that the member supports. (versions 0+) */
  protocols: JoinGroupRequestProtocol[]
  /** The reason why the member (re-)joins the group. (versions 8+; nullable 8+; default null) */
  reason: string | null
}

/** A struct of JoinGroupRequest. */
export interface JoinGroupRequestProtocol {
  /** The protocol name. (versions 0+) */
  name: string
  /** The protocol metadata. (versions 0+) */
  metadata: Buffer
}

/** JoinGroupResponse body, versions 0-9. */
export interface JoinGroupResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 2+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The generation ID of the group. (versions 0+; default -1) */
  generationId: number
  /** The group protocol name. (versions 7+; nullable 7+; default null) */
  protocolType: string | null
  /** The group protocol selected by the coordinator. (versions 0+; nullable 7+) */
  protocolName: string | null
  /** The leader of the group. (versions 0+) */
  leader: string
  /** True if the leader must skip running the assignment. (versions 9+; default false) */
  skipAssignment: boolean
  /** The member ID assigned by the group coordinator. (versions 0+) */
  memberId: string
  /** (versions 0+) */
  members: JoinGroupResponseMember[]
}

/** A struct of JoinGroupResponse. */
export interface JoinGroupResponseMember {
  /** The group member ID. (versions 0+) */
  memberId: string
  /**
   * The unique identifier of the consumer instance provided by end user. (versions 5+; nullable 5+;
   * default null)
   */
  groupInstanceId: string | null
  /** The group member metadata. (versions 0+) */
  metadata: Buffer
}
