// DescribeDelegationToken (key 41): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeDelegationToken: serves versions 0-3 of the spec's 0-3. */
export const describeDelegationTokenApi: ApiSchema = {
  apiKey: 41,
  name: 'DescribeDelegationToken',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  request: {
    name: 'DescribeDelegationTokenRequest',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      {
        name: 'owners',
        type: '[]DescribeDelegationTokenOwner',
        versions: '0+',
        nullableVersions: '0+',
        fields: [
          { name: 'principalType', type: 'string', versions: '0+' },
          { name: 'principalName', type: 'string', versions: '0+' }
        ]
      }
    ]
  },
  response: {
    name: 'DescribeDelegationTokenResponse',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      {
        name: 'tokens',
        type: '[]DescribedDelegationToken',
        versions: '0+',
        fields: [
          { name: 'principalType', type: 'string', versions: '0+' },
          { name: 'principalName', type: 'string', versions: '0+' },
          { name: 'tokenRequesterPrincipalType', type: 'string', versions: '3+' },
          { name: 'tokenRequesterPrincipalName', type: 'string', versions: '3+' },
          { name: 'issueTimestamp', type: 'int64', versions: '0+' },
          { name: 'expiryTimestamp', type: 'int64', versions: '0+' },
          { name: 'maxTimestamp', type: 'int64', versions: '0+' },
          { name: 'tokenId', type: 'string', versions: '0+' },
          { name: 'hmac', type: 'bytes', versions: '0+' },
          {
            name: 'renewers',
            type: '[]DescribedDelegationTokenRenewer',
            versions: '0+',
            fields: [
              { name: 'principalType', type: 'string', versions: '0+' },
              { name: 'principalName', type: 'string', versions: '0+' }
            ]
          }
        ]
      },
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' }
    ]
  }
}

/** DescribeDelegationTokenRequest body, versions 0-3. */
export interface DescribeDelegationTokenRequest {
  /**
   * Each owner that we want to describe delegation tokens for, or null to describe all tokens.
   * (versions 0+; nullable 0+)
   */
  owners: DescribeDelegationTokenRequestDescribeDelegationTokenOwner[] | null
}

/** A struct of DescribeDelegationTokenRequest. */
export interface DescribeDelegationTokenRequestDescribeDelegationTokenOwner {
  /** The owner principal type. (versions 0+) */
  principalType: string
  /** The owner principal name. (versions 0+) */
  principalName: string
}

/** DescribeDelegationTokenResponse body, versions 0-3. */
export interface DescribeDelegationTokenResponse {
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The tokens. (versions 0+) */
  tokens: DescribeDelegationTokenResponseDescribedDelegationToken[]
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
}

/** A struct of DescribeDelegationTokenResponse. */
export interface DescribeDelegationTokenResponseDescribedDelegationToken {
  /** The token principal type. (versions 0+) */
  principalType: string
  /** The token principal name. (versions 0+) */
  principalName: string
  /** The principal type of the requester of the token. (versions 3+) */
  tokenRequesterPrincipalType: string
  /** The principal type of the requester of the token. (versions 3+) */
  tokenRequesterPrincipalName: string
  /** The token issue timestamp in milliseconds. (versions 0+) */
  issueTimestamp: bigint
  /** The token expiry timestamp in milliseconds. (versions 0+) */
  expiryTimestamp: bigint
  /** The token maximum timestamp length in milliseconds. (versions 0+) */
  maxTimestamp: bigint
  /** The token ID. (versions 0+) */
  tokenId: string
  /** The token HMAC. (versions 0+) */
  hmac: Buffer
  /** Those who are able to renew this token before it expires. (versions 0+) */
  renewers: DescribeDelegationTokenResponseDescribedDelegationTokenRenewer[]
}

/** A struct of DescribeDelegationTokenResponse. */
export interface DescribeDelegationTokenResponseDescribedDelegationTokenRenewer {
  /** The renewer principal type. (versions 0+) */
  principalType: string
  /** The renewer principal name. (versions 0+) */
  principalName: string
}
