// ListClientMetricsResources (key 74): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ListClientMetricsResources: serves versions 0-0 of the spec's 0. */
export const listClientMetricsResourcesApi: ApiSchema = {
  apiKey: 74,
  name: 'ListClientMetricsResources',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  request: {
    name: 'ListClientMetricsResourcesRequest',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: []
  },
  response: {
    name: 'ListClientMetricsResourcesResponse',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      {
        name: 'clientMetricsResources',
        type: '[]ClientMetricsResource',
        versions: '0+',
        fields: [{ name: 'name', type: 'string', versions: '0+' }]
      }
    ]
  }
}

/** ListClientMetricsResourcesRequest body, versions 0-0. */
export type ListClientMetricsResourcesRequest = Record<string, never>

/** ListClientMetricsResourcesResponse body, versions 0-0. */
export interface ListClientMetricsResourcesResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** Each client metrics resource in the response. (versions 0+) */
  clientMetricsResources: ListClientMetricsResourcesResponseClientMetricsResource[]
}

/** A struct of ListClientMetricsResourcesResponse. */
export interface ListClientMetricsResourcesResponseClientMetricsResource {
  /** The resource name. (versions 0+) */
  name: string
}
