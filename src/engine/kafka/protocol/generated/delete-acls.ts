// DeleteAcls (key 31): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DeleteAcls: serves versions 0-3 of the spec's 0-3. */
export const deleteAclsApi: ApiSchema = {
  apiKey: 31,
  name: 'DeleteAcls',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  request: {
    name: 'DeleteAclsRequest',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      {
        name: 'filters',
        type: '[]DeleteAclsFilter',
        versions: '0+',
        fields: [
          { name: 'resourceTypeFilter', type: 'int8', versions: '0+' },
          { name: 'resourceNameFilter', type: 'string', versions: '0+', nullableVersions: '0+' },
          { name: 'patternTypeFilter', type: 'int8', versions: '1+', default: '3' },
          { name: 'principalFilter', type: 'string', versions: '0+', nullableVersions: '0+' },
          { name: 'hostFilter', type: 'string', versions: '0+', nullableVersions: '0+' },
          { name: 'operation', type: 'int8', versions: '0+' },
          { name: 'permissionType', type: 'int8', versions: '0+' }
        ]
      }
    ]
  },
  response: {
    name: 'DeleteAclsResponse',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'filterResults',
        type: '[]DeleteAclsFilterResult',
        versions: '0+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
          {
            name: 'matchingAcls',
            type: '[]DeleteAclsMatchingAcl',
            versions: '0+',
            fields: [
              { name: 'errorCode', type: 'int16', versions: '0+' },
              { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
              { name: 'resourceType', type: 'int8', versions: '0+' },
              { name: 'resourceName', type: 'string', versions: '0+' },
              { name: 'patternType', type: 'int8', versions: '1+', default: '3' },
              { name: 'principal', type: 'string', versions: '0+' },
              { name: 'host', type: 'string', versions: '0+' },
              { name: 'operation', type: 'int8', versions: '0+' },
              { name: 'permissionType', type: 'int8', versions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** DeleteAclsRequest body, versions 0-3. */
export interface DeleteAclsRequest {
  /** The filters to use when deleting ACLs. (versions 0+) */
  filters: DeleteAclsRequestDeleteAclsFilter[]
}

/** A struct of DeleteAclsRequest. */
export interface DeleteAclsRequestDeleteAclsFilter {
  /** The resource type. (versions 0+) */
  resourceTypeFilter: number
  /** The resource name. (versions 0+; nullable 0+) */
  resourceNameFilter: string | null
  /** The pattern type. (versions 1+; default 3) */
  patternTypeFilter: number
  /** The principal filter, or null to accept all principals. (versions 0+; nullable 0+) */
  principalFilter: string | null
  /** The host filter, or null to accept all hosts. (versions 0+; nullable 0+) */
  hostFilter: string | null
  /** The ACL operation. (versions 0+) */
  operation: number
  /** The permission type. (versions 0+) */
  permissionType: number
}

/** DeleteAclsResponse body, versions 0-3. */
export interface DeleteAclsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The results for each filter. (versions 0+) */
  filterResults: DeleteAclsResponseDeleteAclsFilterResult[]
}

/** A struct of DeleteAclsResponse. */
export interface DeleteAclsResponseDeleteAclsFilterResult {
  /** The error code, or 0 if the filter succeeded. (versions 0+) */
  errorCode: number
  /** The error message, or null if the filter succeeded. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /** The ACLs which matched this filter. (versions 0+) */
  matchingAcls: DeleteAclsResponseDeleteAclsMatchingAcl[]
}

/** A struct of DeleteAclsResponse. */
export interface DeleteAclsResponseDeleteAclsMatchingAcl {
  /** The deletion error code, or 0 if the deletion succeeded. (versions 0+) */
  errorCode: number
  /** The deletion error message, or null if the deletion succeeded. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /** The ACL resource type. (versions 0+) */
  resourceType: number
  /** The ACL resource name. (versions 0+) */
  resourceName: string
  /** The ACL resource pattern type. (versions 1+; default 3) */
  patternType: number
  /** The ACL principal. (versions 0+) */
  principal: string
  /** The ACL host. (versions 0+) */
  host: string
  /** The ACL operation. (versions 0+) */
  operation: number
  /** The ACL permission type. (versions 0+) */
  permissionType: number
}
