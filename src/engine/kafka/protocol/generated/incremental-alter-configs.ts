// IncrementalAlterConfigs (key 44): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** IncrementalAlterConfigs: serves versions 0-1 of the spec's 0-1. */
export const incrementalAlterConfigsApi: ApiSchema = {
  apiKey: 44,
  name: 'IncrementalAlterConfigs',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  request: {
    name: 'IncrementalAlterConfigsRequest',
    validVersions: '0-1',
    flexibleVersions: '1+',
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
              { name: 'configOperation', type: 'int8', versions: '0+' },
              { name: 'value', type: 'string', versions: '0+', nullableVersions: '0+' }
            ]
          }
        ]
      },
      { name: 'validateOnly', type: 'bool', versions: '0+' }
    ]
  },
  response: {
    name: 'IncrementalAlterConfigsResponse',
    validVersions: '0-1',
    flexibleVersions: '1+',
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

/** IncrementalAlterConfigsRequest body, versions 0-1. */
export interface IncrementalAlterConfigsRequest {
  /** The incremental updates for each resource. (versions 0+) */
  resources: IncrementalAlterConfigsRequestAlterConfigsResource[]
  /** True if we should validate the request, but not change the configurations. (versions 0+) */
  validateOnly: boolean
}

/** A struct of IncrementalAlterConfigsRequest. */
export interface IncrementalAlterConfigsRequestAlterConfigsResource {
  /** The resource type. (versions 0+) */
  resourceType: number
  /** The resource name. (versions 0+) */
  resourceName: string
  /** The configurations. (versions 0+) */
  configs: IncrementalAlterConfigsRequestAlterableConfig[]
}

/** A struct of IncrementalAlterConfigsRequest. */
export interface IncrementalAlterConfigsRequestAlterableConfig {
  /** The configuration key name. (versions 0+) */
  name: string
  /** The type (Set, Delete, Append, Subtract) of operation. (versions 0+) */
  configOperation: number
  /** The value to set for the configuration key. (versions 0+; nullable 0+) */
  value: string | null
}

/** IncrementalAlterConfigsResponse body, versions 0-1. */
export interface IncrementalAlterConfigsResponse {
  /**
   * Duration in milliseconds for which the request was throttled due to a quota violation, or zero
   * if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The responses for each resource. (versions 0+) */
  responses: IncrementalAlterConfigsResponseAlterConfigsResourceResponse[]
}

/** A struct of IncrementalAlterConfigsResponse. */
export interface IncrementalAlterConfigsResponseAlterConfigsResourceResponse {
  /** The resource error code. (versions 0+) */
  errorCode: number
  /** The resource error message, or null if there was no error. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /** The resource type. (versions 0+) */
  resourceType: number
  /** The resource name. (versions 0+) */
  resourceName: string
}
