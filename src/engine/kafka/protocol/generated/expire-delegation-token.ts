// ExpireDelegationToken (key 40): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ExpireDelegationToken: serves versions 0-2 of the spec's 0-2. */
export const expireDelegationTokenApi: ApiSchema = {
  apiKey: 40,
  name: 'ExpireDelegationToken',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  request: {
    name: 'ExpireDelegationTokenRequest',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      { name: 'hmac', type: 'bytes', versions: '0+' },
      { name: 'expiryTimePeriodMs', type: 'int64', versions: '0+' }
    ]
  },
  response: {
    name: 'ExpireDelegationTokenResponse',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'expiryTimestampMs', type: 'int64', versions: '0+' },
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' }
    ]
  }
}

/** ExpireDelegationTokenRequest body, versions 0-2. */
export interface ExpireDelegationTokenRequest {
  /** The HMAC of the delegation token to be expired. (versions 0+) */
  hmac: Buffer
  /** The expiry time period in milliseconds. (versions 0+) */
  expiryTimePeriodMs: bigint
}

/** ExpireDelegationTokenResponse body, versions 0-2. */
export interface ExpireDelegationTokenResponse {
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The timestamp in milliseconds at which this token expires. (versions 0+) */
  expiryTimestampMs: bigint
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
}
