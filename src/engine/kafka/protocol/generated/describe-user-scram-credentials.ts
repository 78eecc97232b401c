// DescribeUserScramCredentials (key 50): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeUserScramCredentials: serves versions 0-0 of the spec's 0. */
export const describeUserScramCredentialsApi: ApiSchema = {
  apiKey: 50,
  name: 'DescribeUserScramCredentials',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  request: {
    name: 'DescribeUserScramCredentialsRequest',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      {
        name: 'users',
        type: '[]UserName',
        versions: '0+',
        nullableVersions: '0+',
        fields: [{ name: 'name', type: 'string', versions: '0+' }]
      }
    ]
  },
  response: {
    name: 'DescribeUserScramCredentialsResponse',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
      {
        name: 'results',
        type: '[]DescribeUserScramCredentialsResult',
        versions: '0+',
        fields: [
          { name: 'user', type: 'string', versions: '0+' },
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
          {
            name: 'credentialInfos',
            type: '[]CredentialInfo',
            versions: '0+',
            fields: [
              { name: 'mechanism', type: 'int8', versions: '0+' },
              { name: 'iterations', type: 'int32', versions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** DescribeUserScramCredentialsRequest body, versions 0-0. */
export interface DescribeUserScramCredentialsRequest {
  /** The users to describe, or null/empty to describe all users. (versions 0+; nullable 0+) */
  users: DescribeUserScramCredentialsRequestUserName[] | null
}

/** A struct of DescribeUserScramCredentialsRequest. */
export interface DescribeUserScramCredentialsRequestUserName {
  /** The user name. (versions 0+) */
  name: string
}

/** DescribeUserScramCredentialsResponse body, versions 0-0. */
export interface DescribeUserScramCredentialsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /**
   * The message-level error code, 0 except for user authorization or infrastructure issues.
   * (versions 0+)
   */
  errorCode: number
  /** The message-level error message, if any. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /** The results for descriptions, one per user. (versions 0+) */
  results: DescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult[]
}

/** A struct of DescribeUserScramCredentialsResponse. */
export interface DescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult {
  /** The user name. (versions 0+) */
  user: string
  /** The user-level error code. (versions 0+) */
  errorCode: number
  /** The user-level error message, if any. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /**
   * The mechanism and related information associated with the user's SCRAM credentials. (versions
   * 0+)
   */
  credentialInfos: DescribeUserScramCredentialsResponseCredentialInfo[]
}

/** A struct of DescribeUserScramCredentialsResponse. */
export interface DescribeUserScramCredentialsResponseCredentialInfo {
  /** The SCRAM mechanism. (versions 0+) */
  mechanism: number
  /** The number of iterations used in the SCRAM credential. (versions 0+) */
  iterations: number
}
