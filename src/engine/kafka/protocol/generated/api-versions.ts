// ApiVersions (key 18): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ApiVersions: serves versions 0-4 of the spec's 0-4. */
export const apiVersionsApi: ApiSchema = {
  apiKey: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 3,
  request: {
    name: 'ApiVersionsRequest',
    validVersions: '0-4',
    flexibleVersions: '3+',
    fields: [
      { name: 'clientSoftwareName', type: 'string', versions: '3+' },
      { name: 'clientSoftwareVersion', type: 'string', versions: '3+' }
    ]
  },
  response: {
    name: 'ApiVersionsResponse',
    validVersions: '0-4',
    flexibleVersions: '3+',
    fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      {
        name: 'apiKeys',
        type: '[]ApiVersion',
        versions: '0+',
        fields: [
          { name: 'apiKey', type: 'int16', versions: '0+' },
          { name: 'minVersion', type: 'int16', versions: '0+' },
          { name: 'maxVersion', type: 'int16', versions: '0+' }
        ]
      },
      { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
      {
        name: 'supportedFeatures',
        type: '[]SupportedFeatureKey',
        versions: '3+',
        taggedVersions: '3+',
        tag: 0,
        fields: [
          { name: 'name', type: 'string', versions: '3+' },
          { name: 'minVersion', type: 'int16', versions: '3+' },
          { name: 'maxVersion', type: 'int16', versions: '3+' }
        ]
      },
      {
        name: 'finalizedFeaturesEpoch',
        type: 'int64',
        versions: '3+',
        taggedVersions: '3+',
        tag: 1,
        default: '-1'
      },
      {
        name: 'finalizedFeatures',
        type: '[]FinalizedFeatureKey',
        versions: '3+',
        taggedVersions: '3+',
        tag: 2,
        fields: [
          { name: 'name', type: 'string', versions: '3+' },
          { name: 'maxVersionLevel', type: 'int16', versions: '3+' },
          { name: 'minVersionLevel', type: 'int16', versions: '3+' }
        ]
      },
      {
        name: 'zkMigrationReady',
        type: 'bool',
        versions: '3+',
        taggedVersions: '3+',
        tag: 3,
        default: 'false'
      }
    ]
  }
}

/** ApiVersionsRequest body, versions 0-4. */
export interface ApiVersionsRequest {
  /** The name of the client. (versions 3+) */
  clientSoftwareName: string
  /** The version of the client. (versions 3+) */
  clientSoftwareVersion: string
}

/** ApiVersionsResponse body, versions 0-4. */
export interface ApiVersionsResponse {
  /** The top-level error code. (versions 0+) */
  errorCode: number
  /** The APIs supported by the broker. (versions 0+) */
  apiKeys: ApiVersionsResponseApiVersion[]
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 1+)
   */
  throttleTimeMs: number
  /**
   * Features supported by the broker. Note: in v0-v3, features with MinSupportedVersion = 0 are
   * omitted. (versions 3+; tag 0 in 3+)
   */
  supportedFeatures: ApiVersionsResponseSupportedFeatureKey[]
  /**
   * The monotonically increasing epoch for the finalized features information. Valid values are >=
   * 0. A value of -1 is special and represents unknown epoch. (versions 3+; tag 1 in 3+; default
   * -1)
   */
  finalizedFeaturesEpoch: bigint
  /**
   * List of cluster-wide finalized features. The information is valid only if
   * FinalizedFeaturesEpoch >= 0. (versions 3+; tag 2 in 3+)
   */
  finalizedFeatures: ApiVersionsResponseFinalizedFeatureKey[]
  /**
   * Set by a KRaft controller if the required configurations for ZK migration are present.
   * (versions 3+; tag 3 in 3+; default false)
   */
  zkMigrationReady: boolean
}

/** A struct of ApiVersionsResponse. */
export interface ApiVersionsResponseApiVersion {
  /** The API index. (versions 0+) */
  apiKey: number
  /** The minimum supported version, inclusive. (versions 0+) */
  minVersion: number
  /** The maximum supported version, inclusive. (versions 0+) */
  maxVersion: number
}

/** A struct of ApiVersionsResponse. */
export interface ApiVersionsResponseSupportedFeatureKey {
  /** The name of the feature. (versions 3+) */
  name: string
  /** The minimum supported version for the feature. (versions 3+) */
  minVersion: number
  /** The maximum supported version for the feature. (versions 3+) */
  maxVersion: number
}

/** A struct of ApiVersionsResponse. */
export interface ApiVersionsResponseFinalizedFeatureKey {
  /** The name of the feature. (versions 3+) */
  name: string
  /** The cluster-wide finalized max version level for the feature. (versions 3+) */
  maxVersionLevel: number
  /** The cluster-wide finalized min version level for the feature. (versions 3+) */
  minVersionLevel: number
}
