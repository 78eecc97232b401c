// DeleteGroups (key 42): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DeleteGroups: serves versions 0-2 of the spec's 0-2. */
export const deleteGroupsApi: ApiSchema = {
  apiKey: 42,
  name: 'DeleteGroups',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  request: {
    name: 'DeleteGroupsRequest',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [{ name: 'groupsNames', type: '[]string', versions: '0+' }]
  },
  response: {
    name: 'DeleteGroupsResponse',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'results',
        type: '[]DeletableGroupResult',
        versions: '0+',
        fields: [
          { name: 'groupId', type: 'string', versions: '0+' },
          { name: 'errorCode', type: 'int16', versions: '0+' }
        ]
      }
    ]
  }
}

/** DeleteGroupsRequest body, versions 0-2. */
export interface DeleteGroupsRequest {
  /** The group names to delete. (versions 0+) */
  groupsNames: string[]
}

/** DeleteGroupsResponse body, versions 0-2. */
export interface DeleteGroupsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The deletion results. (versions 0+) */
  results: DeleteGroupsResponseDeletableGroupResult[]
}

/** A struct of DeleteGroupsResponse. */
export interface DeleteGroupsResponseDeletableGroupResult {
  /** The group id. (versions 0+) */
  groupId: string
  /** The deletion error, or 0 if the deletion succeeded. (versions 0+) */
  errorCode: number
}
