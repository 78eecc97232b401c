// DescribeConfigs (key 32): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeConfigs: serves versions 0-4 of the spec's 0-4. */
export const describeConfigsApi: ApiSchema = {
  apiKey: 32,
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  request: {
    name: 'DescribeConfigsRequest',
    validVersions: '0-4',
    flexibleVersions: '4+',
    fields: [
      {
        name: 'resources',
        type: '[]DescribeConfigsResource',
        versions: '0+',
        fields: [
          { name: 'resourceType', type: 'int8', versions: '0+' },
          { name: 'resourceName', type: 'string', versions: '0+' },
          { name: 'configurationKeys', type: '[]string', versions: '0+', nullableVersions: '0+' }
        ]
      },
      { name: 'includeSynonyms', type: 'bool', versions: '1+', default: 'false' },
      { name: 'includeDocumentation', type: 'bool', versions: '3+', default: 'false' }
    ]
  },
  response: {
    name: 'DescribeConfigsResponse',
    validVersions: '0-4',
    flexibleVersions: '4+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'results',
        type: '[]DescribeConfigsResult',
        versions: '0+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
          { name: 'resourceType', type: 'int8', versions: '0+' },
          { name: 'resourceName', type: 'string', versions: '0+' },
          {
            name: 'configs',
            type: '[]DescribeConfigsResourceResult',
            versions: '0+',
            fields: [
              { name: 'name', type: 'string', versions: '0+' },
              { name: 'value', type: 'string', versions: '0+', nullableVersions: '0+' },
              { name: 'readOnly', type: 'bool', versions: '0+' },
              { name: 'isDefault', type: 'bool', versions: '0' },
              { name: 'configSource', type: 'int8', versions: '1+', default: '-1' },
              { name: 'isSensitive', type: 'bool', versions: '0+' },
              {
                name: 'synonyms',
                type: '[]DescribeConfigsSynonym',
                versions: '1+',
                fields: [
                  { name: 'name', type: 'string', versions: '1+' },
                  { name: 'value', type: 'string', versions: '1+', nullableVersions: '0+' },
                  { name: 'source', type: 'int8', versions: '1+' }
                ]
              },
              { name: 'configType', type: 'int8', versions: '3+', default: '0' },
              { name: 'documentation', type: 'string', versions: '3+', nullableVersions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** DescribeConfigsRequest body, versions 0-4. */
export interface DescribeConfigsRequest {
  /** The resources whose configurations we want to describe. (versions 0+) */
  resources: DescribeConfigsRequestDescribeConfigsResource[]
  /** True if we should include all synonyms. (versions 1+; default false) */
  includeSynonyms: boolean
  /** True if we should include configuration documentation. (versions 3+; default false) */
  includeDocumentation: boolean
}

/** A struct of DescribeConfigsRequest. */
export interface DescribeConfigsRequestDescribeConfigsResource {
  /** The resource type. (versions 0+) */
  resourceType: number
  /** The resource name. (versions 0+) */
  resourceName: string
  /**
   * The configuration keys to list, or null to list all configuration keys. (versions 0+; nullable
   * 0+)
   */
  configurationKeys: string[] | null
}

/** DescribeConfigsResponse body, versions 0-4. */
export interface DescribeConfigsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The results for each resource. (versions 0+) */
  results: DescribeConfigsResponseDescribeConfigsResult[]
}

/** A struct of DescribeConfigsResponse. */
export interface DescribeConfigsResponseDescribeConfigsResult {
  /**
   * The error code, or 0 if we were able to successfully describe the configurations. (versions 0+)
   */
  errorCode: number
  /**
   * The error message, or null if we were able to successfully describe the configurations.
   * (versions 0+; nullable 0+)
   */
  errorMessage: string | null
  /** The resource type. (versions 0+) */
  resourceType: number
  /** The resource name. (versions 0+) */
  resourceName: string
  /** Each listed configuration. (versions 0+) */
  configs: DescribeConfigsResponseDescribeConfigsResourceResult[]
}

/** A struct of DescribeConfigsResponse. */
export interface DescribeConfigsResponseDescribeConfigsResourceResult {
  /** The configuration name. (versions 0+) */
  name: string
  /** The configuration value. (versions 0+; nullable 0+) */
  value: string | null
  /** True if the configuration is read-only. (versions 0+) */
  readOnly: boolean
  /** True if the configuration is not set. (versions 0) */
  isDefault: boolean
  /** The configuration source. (versions 1+; default -1) */
  configSource: number
  /** True if this configuration is sensitive. (versions 0+) */
  isSensitive: boolean
  /** The synonyms for this configuration key. (versions 1+) */
  synonyms: DescribeConfigsResponseDescribeConfigsSynonym[]
  /**
   * The configuration data type. Type can be one of the following values - BOOLEAN, STRING, INT,
   * SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD. (versions 3+; default 0)
   */
  configType: number
  /** The configuration documentation. (versions 3+; nullable 0+) */
  documentation: string | null
}

/** A struct of DescribeConfigsResponse. */
export interface DescribeConfigsResponseDescribeConfigsSynonym {
  /** The synonym name. (versions 1+) */
  name: string
  /** The synonym value. (versions 1+; nullable 0+) */
  value: string | null
  /** The synonym source. (versions 1+) */
  source: number
}
