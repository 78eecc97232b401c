// AlterConfigs (key 33): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** AlterConfigs: serves versions 0-2 of the spec's 0-2. */
export const alterConfigsApi: ApiSchema = {
  apiKey: 33,
  name: 'AlterConfigs',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  request: {
    name: 'AlterConfigsRequest',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      {
        name: 'resources',
        type: '[]AlterConfigsResource',
        versions: '0+',
        fields: [
          { name: 'resourceType', type: 'int8', versions: '0+' },
          { name: 'resourceName', type: 'string', versions: '0+' },
          {
            name: 'configs',
            type: '[]AlterableConfig',
            versions: '0+',
            fields: [
              { name: 'name', type: 'string', versions: '0+' },
              { name: 'value', type: 'string', versions: '0+', nullableVersions: '0+' }
            ]
          }
        ]
      },
      { name: 'validateOnly', type: 'bool', versions: '0+' }
    ]
  },
  response: {
    name: 'AlterConfigsResponse',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'responses',
        type: '[]AlterConfigsResourceResponse',
        versions: '0+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
          { name: 'resourceType', type: 'int8', versions: '0+' },
          { name: 'resourceName', type: 'string', versions: '0+' }
        ]
      }
    ]
  }
}

/** AlterConfigsRequest body, versions 0-2. */
export interface AlterConfigsRequest {
  /** The updates for each resource. (versions 0+) */
  resources: AlterConfigsRequestAlterConfigsResource[]
  /** True if we should validate the request, but not change the configurations. (versions 0+) */
  validateOnly: boolean
}

/** A struct of AlterConfigsRequest. */
export interface AlterConfigsRequestAlterConfigsResource {
  /** The resource type. (versions 0+) */
  resourceType: number
  /** The resource name. (versions 0+) */
  resourceName: string
  /** The configurations. (versions 0+) */
  configs: AlterConfigsRequestAlterableConfig[]
}

/** A struct of AlterConfigsRequest. */
export interface AlterConfigsRequestAlterableConfig {
  /** The configuration key name. (versions 0+) */
  name: string
  /** The value to set for the configuration key. (versions 0+; nullable 0+) */
  value: string | null
}

/** AlterConfigsResponse body, versions 0-2. */
export interface AlterConfigsResponse {
  /**
   * Duration in milliseconds for which the request was throttled due to a quota violation, or zero
   * if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The responses for each resource. (versions 0+) */
  responses: AlterConfigsResponseAlterConfigsResourceResponse[]
}

/** A struct of AlterConfigsResponse. */
export interface AlterConfigsResponseAlterConfigsResourceResponse {
  /** The resource error code. (versions 0+) */
  errorCode: number
  /** The resource error message, or null if there was no error. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /** The resource type. (versions 0+) */
  resourceType: number
  /** The resource name. (versions 0+) */
  resourceName: string
}
