// UpdateFeatures (key 57): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** UpdateFeatures: serves versions 0-1 of the spec's 0-1. */
export const updateFeaturesApi: ApiSchema = {
  apiKey: 57,
  name: 'UpdateFeatures',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  request: {
    name: 'UpdateFeaturesRequest',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [
      { name: 'timeoutMs', type: 'int32', versions: '0+', default: '60000' },
      {
        name: 'featureUpdates',
        type: '[]FeatureUpdateKey',
        versions: '0+',
        fields: [
          { name: 'feature', type: 'string', versions: '0+' },
          { name: 'maxVersionLevel', type: 'int16', versions: '0+' },
          { name: 'allowDowngrade', type: 'bool', versions: '0' },
          { name: 'upgradeType', type: 'int8', versions: '1+', default: '1' }
        ]
      },
      { name: 'validateOnly', type: 'bool', versions: '1+', default: 'false' }
    ]
  },
  response: {
    name: 'UpdateFeaturesResponse',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
      {
        name: 'results',
        type: '[]UpdatableFeatureResult',
        versions: '0+',
        fields: [
          { name: 'feature', type: 'string', versions: '0+' },
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' }
        ]
      }
    ]
  }
}

/** UpdateFeaturesRequest body, versions 0-1. */
export interface UpdateFeaturesRequest {
  /**
   * How long to wait in milliseconds before timing out the request. (versions 0+; default 60000)
   */
  timeoutMs: number
  /** The list of updates to finalized features. (versions 0+) */
  featureUpdates: UpdateFeaturesRequestFeatureUpdateKey[]
  /**
   * True if we should validate the request, but not perform the upgrade or downgrade. (versions 1+;
   * default false)
   */
  validateOnly: boolean
}

/** A struct of UpdateFeaturesRequest. */
export interface UpdateFeaturesRequestFeatureUpdateKey {
  /** The name of the finalized feature to be updated. (versions 0+) */
  feature: string
  /**
   * The new maximum version level for the finalized feature. A value >= 1 is valid. A value < 1, is
   * special, and can be used to request the deletion of the finalized feature. (versions 0+)
   */
  maxVersionLevel: number
  /**
   * DEPRECATED in version 1 (see DowngradeType). When set to true, the finalized feature version
   * level is allowed to be downgraded/deleted. The downgrade request will fail if the new maximum
   * version level is a value that's not lower than the existing maximum finalized version level.
   * (versions 0)
   */
  allowDowngrade: boolean
  /**
   * Determine which type of upgrade will be performed: 1 will perform an upgrade only (default), 2
   * is safe downgrades only (lossless), 3 is unsafe downgrades (lossy). (versions 1+; default 1)
   */
  upgradeType: number
}

/** UpdateFeaturesResponse body, versions 0-1. */
export interface UpdateFeaturesResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The top-level error code, or `0` if there was no top-level error. (versions 0+) */
  errorCode: number
  /**
   * The top-level error message, or `null` if there was no top-level error. (versions 0+; nullable
   * 0+)
   */
  errorMessage: string | null
  /** Results for each feature update. (versions 0+) */
  results: UpdateFeaturesResponseUpdatableFeatureResult[]
}

/** A struct of UpdateFeaturesResponse. */
export interface UpdateFeaturesResponseUpdatableFeatureResult {
  /** The name of the finalized feature. (versions 0+) */
  feature: string
  /** The feature update error code or `0` if the feature update succeeded. (versions 0+) */
  errorCode: number
  /**
   * The feature update error, or `null` if the feature update succeeded. (versions 0+; nullable 0+)
   */
  errorMessage: string | null
}
