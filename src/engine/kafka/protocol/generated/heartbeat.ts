// Heartbeat (key 12): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** Heartbeat: serves versions 0-4 of the spec's 0-4. */
export const heartbeatApi: ApiSchema = {
  apiKey: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  request: {
    name: 'HeartbeatRequest',
    validVersions: '0-4',
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
      }
    ]
  },
  response: {
    name: 'HeartbeatResponse',
    validVersions: '0-4',
    flexibleVersions: '4+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
      { name: 'errorCode', type: 'int16', versions: '0+' }
    ]
  }
}

/** HeartbeatRequest body, versions 0-4. */
export interface HeartbeatRequest {
  /** The group id. (versions 0+) */
  groupId: string
  /** The generation of the group. (versions 0+) */
  generationId: number
  /** The member ID. (versions 0+) */
  memberId: string
  /**
   * The unique identifier of the consumer instance provided by end user. (versions 3+; nullable 3+;
   * default null)
   */
  groupInstanceId: string | null
}

/** HeartbeatResponse body, versions 0-4. */
export interface HeartbeatResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 1+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
}
