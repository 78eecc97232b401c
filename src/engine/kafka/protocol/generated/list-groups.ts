// ListGroups (key 16): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ListGroups: serves versions 0-5 of the spec's 0-5. */
export const listGroupsApi: ApiSchema = {
  apiKey: 16,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 3,
  request: {
    name: 'ListGroupsRequest',
    validVersions: '0-5',
    flexibleVersions: '3+',
    fields: [
      { name: 'statesFilter', type: '[]string', versions: '4+' },
      { name: 'typesFilter', type: '[]string', versions: '5+' }
    ]
  },
  response: {
    name: 'ListGroupsResponse',
    validVersions: '0-5',
    flexibleVersions: '3+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      {
        name: 'groups',
        type: '[]ListedGroup',
        versions: '0+',
        fields: [
          { name: 'groupId', type: 'string', versions: '0+' },
          { name: 'protocolType', type: 'string', versions: '0+' },
          { name: 'groupState', type: 'string', versions: '4+' },
          { name: 'groupType', type: 'string', versions: '5+' }
        ]
      }
    ]
  }
}

/** ListGroupsRequest body, versions 0-5. */
export interface ListGroupsRequest {
  /**
   * The states of the groups we want to list. If empty, all groups are returned with their state.
   * (versions 4+)
   */
  statesFilter: string[]
  /**
   * The types of the groups we want to list. If empty, all groups are returned with their type.
   * (versions 5+)
   */
  typesFilter: string[]
}

/** ListGroupsResponse body, versions 0-5. */
export interface ListGroupsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 1+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** Each group in the response. (versions 0+) */
  groups: ListGroupsResponseListedGroup[]
}

/** A struct of ListGroupsResponse. */
export interface ListGroupsResponseListedGroup {
  /** The group ID. (versions 0+) */
  groupId: string
  /** The group protocol type. (versions 0+) */
  protocolType: string
  /** The group state name. (versions 4+) */
  groupState: string
  /** The group type name. (versions 5+) */
  groupType: string
}
