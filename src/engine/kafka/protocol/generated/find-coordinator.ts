// FindCoordinator (key 10): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** FindCoordinator: serves versions 0-6 of the spec's 0-6. */
export const findCoordinatorApi: ApiSchema = {
  apiKey: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 6,
  flexibleFrom: 3,
  request: {
    name: 'FindCoordinatorRequest',
    validVersions: '0-6',
    flexibleVersions: '3+',
    fields: [
      { name: 'key', type: 'string', versions: '0-3' },
      { name: 'keyType', type: 'int8', versions: '1+', default: '0' },
      { name: 'coordinatorKeys', type: '[]string', versions: '4+' }
    ]
  },
  response: {
    name: 'FindCoordinatorResponse',
    validVersions: '0-6',
    flexibleVersions: '3+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
      { name: 'errorCode', type: 'int16', versions: '0-3' },
      { name: 'errorMessage', type: 'string', versions: '1-3', nullableVersions: '1-3' },
      { name: 'nodeId', type: 'int32', versions: '0-3' },
      { name: 'host', type: 'string', versions: '0-3' },
      { name: 'port', type: 'int32', versions: '0-3' },
      {
        name: 'coordinators',
        type: '[]Coordinator',
        versions: '4+',
        fields: [
          { name: 'key', type: 'string', versions: '4+' },
          { name: 'nodeId', type: 'int32', versions: '4+' },
          { name: 'host', type: 'string', versions: '4+' },
          { name: 'port', type: 'int32', versions: '4+' },
          { name: 'errorCode', type: 'int16', versions: '4+' },
          { name: 'errorMessage', type: 'string', versions: '4+', nullableVersions: '4+' }
        ]
      }
    ]
  }
}

/** FindCoordinatorRequest body, versions 0-6. */
export interface FindCoordinatorRequest {
  /** The coordinator key. (versions 0-3) */
  key: string
  /** The coordinator key type. (Group, transaction, etc.). (versions 1+; default 0) */
  keyType: number
  /** The coordinator keys. (versions 4+) */
  coordinatorKeys: string[]
}

/** FindCoordinatorResponse body, versions 0-6. */
export interface FindCoordinatorResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 1+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0-3) */
  errorCode: number
  /** The error message, or null if there was no error. (versions 1-3; nullable 1-3) */
  errorMessage: string | null
  /** The node id. (versions 0-3) */
  nodeId: number
  /** The host name. (versions 0-3) */
  host: string
  /** The port. (versions 0-3) */
  port: number
  /** Each coordinator result in the response. (versions 4+) */
  coordinators: FindCoordinatorResponseCoordinator[]
}

/** A struct of FindCoordinatorResponse. */
export interface FindCoordinatorResponseCoordinator {
  /** The coordinator key. (versions 4+) */
  key: string
  /** The node id. (versions 4+) */
  nodeId: number
  /** The host name. (versions 4+) */
  host: string
  /** The port. (versions 4+) */
  port: number
  /** The error code, or 0 if there was no error. (versions 4+) */
  errorCode: number
  /** The error message, or null if there was no error. (versions 4+; nullable 4+) */
  errorMessage: string | null
}
