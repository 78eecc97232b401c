// ListConfigResources (key 74): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ListConfigResources: serves versions 0-1 of the spec's 0-1. */
export const listConfigResourcesApi: ApiSchema = {
  apiKey: 74,
  name: 'ListConfigResources',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  request: {
    name: 'ListConfigResourcesRequest',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [{ name: 'resourceTypes', type: '[]int8', versions: '1+' }]
  },
  response: {
    name: 'ListConfigResourcesResponse',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      {
        name: 'configResources',
        type: '[]ConfigResource',
        versions: '0+',
        fields: [
          { name: 'resourceName', type: 'string', versions: '0+' },
          { name: 'resourceType', type: 'int8', versions: '1+', default: '16' }
        ]
      }
    ]
  }
}

/** ListConfigResourcesRequest body, versions 0-1. */
export interface ListConfigResourcesRequest {
  /**
   * The list of resource type. If the list is empty, it uses default supported config resource
   * types. (versions 1+)
   */
  resourceTypes: number[]
}

/** ListConfigResourcesResponse body, versions 0-1. */
export interface ListConfigResourcesResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** Each config resource in the response. (versions 0+) */
  configResources: ListConfigResourcesResponseConfigResource[]
}

/** A struct of ListConfigResourcesResponse. */
export interface ListConfigResourcesResponseConfigResource {
  /** The resource name. (versions 0+) */
  resourceName: string
  /** The resource type. (versions 1+; default 16) */
  resourceType: number
}
