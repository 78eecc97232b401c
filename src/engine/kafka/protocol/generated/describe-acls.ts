// DescribeAcls (key 29): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeAcls: serves versions 0-3 of the spec's 0-3. */
export const describeAclsApi: ApiSchema = {
  apiKey: 29,
  name: 'DescribeAcls',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  request: {
    name: 'DescribeAclsRequest',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      { name: 'resourceTypeFilter', type: 'int8', versions: '0+' },
      { name: 'resourceNameFilter', type: 'string', versions: '0+', nullableVersions: '0+' },
      { name: 'patternTypeFilter', type: 'int8', versions: '1+', default: '3' },
      { name: 'principalFilter', type: 'string', versions: '0+', nullableVersions: '0+' },
      { name: 'hostFilter', type: 'string', versions: '0+', nullableVersions: '0+' },
      { name: 'operation', type: 'int8', versions: '0+' },
      { name: 'permissionType', type: 'int8', versions: '0+' }
    ]
  },
  response: {
    name: 'DescribeAclsResponse',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
      {
        name: 'resources',
        type: '[]DescribeAclsResource',
        versions: '0+',
        fields: [
          { name: 'resourceType', type: 'int8', versions: '0+' },
          { name: 'resourceName', type: 'string', versions: '0+' },
          { name: 'patternType', type: 'int8', versions: '1+', default: '3' },
          {
            name: 'acls',
            type: '[]AclDescription',
            versions: '0+',
            fields: [
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

/** DescribeAclsRequest body, versions 0-3. */
export interface DescribeAclsRequest {
  /** The resource type. (versions 0+) */
  resourceTypeFilter: number
  /** The resource name, or null to match any resource name. (versions 0+; nullable 0+) */
  resourceNameFilter: string | null
  /** The resource pattern to match. (versions 1+; default 3) */
  patternTypeFilter: number
  /** The principal to match, or null to match any principal. (versions 0+; nullable 0+) */
  principalFilter: string | null
  /** The host to match, or null to match any host. (versions 0+; nullable 0+) */
  hostFilter: string | null
  /** The operation to match. (versions 0+) */
  operation: number
  /** The permission type to match. (versions 0+) */
  permissionType: number
}

/** DescribeAclsResponse body, versions 0-3. */
export interface DescribeAclsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The error message, or null if there was no error. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /** Each Resource that is referenced in an ACL. (versions 0+) */
  resources: DescribeAclsResponseDescribeAclsResource[]
}

/** A struct of DescribeAclsResponse. */
export interface DescribeAclsResponseDescribeAclsResource {
  /** The resource type. (versions 0+) */
  resourceType: number
  /** The resource name. (versions 0+) */
  resourceName: string
  /** The resource pattern type. (versions 1+; default 3) */
  patternType: number
  /** The ACLs. (versions 0+) */
  acls: DescribeAclsResponseAclDescription[]
}

/** A struct of DescribeAclsResponse. */
export interface DescribeAclsResponseAclDescription {
  /** The ACL principal. (versions 0+) */
  principal: string
  /** The ACL host. (versions 0+) */
  host: string
  /** The ACL operation. (versions 0+) */
  operation: number
  /** The ACL permission type. (versions 0+) */
  permissionType: number
}
