// CreateDelegationToken (key 38): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** CreateDelegationToken: serves versions 0-3 of the spec's 0-3. */
export const createDelegationTokenApi: ApiSchema = {
  apiKey: 38,
  name: 'CreateDelegationToken',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  request: {
    name: 'CreateDelegationTokenRequest',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      { name: 'ownerPrincipalType', type: 'string', versions: '3+', nullableVersions: '3+' },
      { name: 'ownerPrincipalName', type: 'string', versions: '3+', nullableVersions: '3+' },
      {
        name: 'renewers',
        type: '[]CreatableRenewers',
        versions: '0+',
        fields: [
          { name: 'principalType', type: 'string', versions: '0+' },
          { name: 'principalName', type: 'string', versions: '0+' }
        ]
      },
      { name: 'maxLifetimeMs', type: 'int64', versions: '0+' }
    ]
  },
  response: {
    name: 'CreateDelegationTokenResponse',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'principalType', type: 'string', versions: '0+' },
      { name: 'principalName', type: 'string', versions: '0+' },
      { name: 'tokenRequesterPrincipalType', type: 'string', versions: '3+' },
      { name: 'tokenRequesterPrincipalName', type: 'string', versions: '3+' },
      { name: 'issueTimestampMs', type: 'int64', versions: '0+' },
      { name: 'expiryTimestampMs', type: 'int64', versions: '0+' },
      { name: 'maxTimestampMs', type: 'int64', versions: '0+' },
      { name: 'tokenId', type: 'string', versions: '0+' },
      { name: 'hmac', type: 'bytes', versions: '0+' },
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' }
    ]
  }
}

/** CreateDelegationTokenRequest body, versions 0-3. */
export interface CreateDelegationTokenRequest {
  /**
   * The principal type of the owner of the token. If it's null it defaults to the token request
   * principal. (versions 3+; nullable 3+)
   */
  ownerPrincipalType: string | null
  /**
   * The principal name of the owner of the token. If it's null it defaults to the token request
   * principal. (versions 3+; nullable 3+)
   */
  ownerPrincipalName: string | null
  /** A list of those who are allowed to renew this token before it expires. (versions 0+) */
  renewers: CreateDelegationTokenRequestCreatableRenewers[]
  /**
   * The maximum lifetime of the token in milliseconds, or -1 to use the server side default.
   * (versions 0+)
   */
  maxLifetimeMs: bigint
}

/** A struct of CreateDelegationTokenRequest. */
export interface CreateDelegationTokenRequestCreatableRenewers {
  /** The type of the Kafka principal. (versions 0+) */
  principalType: string
  /** The name of the Kafka principal. (versions 0+) */
  principalName: string
}

/** CreateDelegationTokenResponse body, versions 0-3. */
export interface CreateDelegationTokenResponse {
  /** The top-level error, or zero if there was no error. (versions 0+) */
  errorCode: number
  /** The principal type of the token owner. (versions 0+) */
  principalType: string
  /** The name of the token owner. (versions 0+) */
  principalName: string
  /** The principal type of the requester of the token. (versions 3+) */
  tokenRequesterPrincipalType: string
  /** The principal type of the requester of the token. (versions 3+) */
  tokenRequesterPrincipalName: string
  /** When this token was generated. (versions 0+) */
  issueTimestampMs: bigint
  /** When this token expires. (versions 0+) */
  expiryTimestampMs: bigint
  /** The maximum lifetime of this token. (versions 0+) */
  maxTimestampMs: bigint
  /** The token UUID. (versions 0+) */
  tokenId: string
  /** HMAC of the delegation token. (versions 0+) */
  hmac: Buffer
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
}
