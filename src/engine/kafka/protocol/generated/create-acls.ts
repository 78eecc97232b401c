// CreateAcls (key 30): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** CreateAcls: serves versions 0-3 of the spec's 0-3. */
export const createAclsApi: ApiSchema = {
  apiKey: 30,
  name: 'CreateAcls',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  request: {
    name: 'CreateAclsRequest',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      {
        name: 'creations',
        type: '[]AclCreation',
        versions: '0+',
        fields: [
          { name: 'resourceType', type: 'int8', versions: '0+' },
          { name: 'resourceName', type: 'string', versions: '0+' },
          { name: 'resourcePatternType', type: 'int8', versions: '1+', default: '3' },
          { name: 'principal', type: 'string', versions: '0+' },
          { name: 'host', type: 'string', versions: '0+' },
          { name: 'operation', type: 'int8', versions: '0+' },
          { name: 'permissionType', type: 'int8', versions: '0+' }
        ]
      }
    ]
  },
  response: {
    name: 'CreateAclsResponse',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'results',
        type: '[]AclCreationResult',
        versions: '0+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' }
        ]
      }
    ]
  }
}

/** CreateAclsRequest body, versions 0-3. */
export interface CreateAclsRequest {
  /** The ACLs that we want to create. (versions 0+) */
  creations: CreateAclsRequestAclCreation[]
}

/** A struct of CreateAclsRequest. */
export interface CreateAclsRequestAclCreation {
  /** The type of the resource. (versions 0+) */
  resourceType: number
  /** The resource name for the ACL. (versions 0+) */
  resourceName: string
  /** The pattern type for the ACL. (versions 1+; default 3) */
  resourcePatternType: number
  /** The principal for the ACL. (versions 0+) */
  principal: string
  /** The host for the ACL. (versions 0+) */
  host: string
  /** The operation type for the ACL (read, write, etc.). (versions 0+) */
  operation: number
  /** The permission type for the ACL (allow, deny, etc.). (versions 0+) */
  permissionType: number
}

/** CreateAclsResponse body, versions 0-3. */
export interface CreateAclsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The results for each ACL creation. (versions 0+) */
  results: CreateAclsResponseAclCreationResult[]
}

/** A struct of CreateAclsResponse. */
export interface CreateAclsResponseAclCreationResult {
  /** The result error, or zero if there was no error. (versions 0+) */
  errorCode: number
  /** The result message, or null if there was no error. (versions 0+; nullable 0+) */
  errorMessage: string | null
}
