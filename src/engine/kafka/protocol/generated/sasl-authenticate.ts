// SaslAuthenticate (key 36): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** SaslAuthenticate: serves versions 0-2 of the spec's 0-2. */
export const saslAuthenticateApi: ApiSchema = {
  apiKey: 36,
  name: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  request: {
    name: 'SaslAuthenticateRequest',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [{ name: 'authBytes', type: 'bytes', versions: '0+' }]
  },
  response: {
    name: 'SaslAuthenticateResponse',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
      { name: 'authBytes', type: 'bytes', versions: '0+' },
      { name: 'sessionLifetimeMs', type: 'int64', versions: '1+', default: '0' }
    ]
  }
}

/** SaslAuthenticateRequest body, versions 0-2. */
export interface SaslAuthenticateRequest {
  /**
   * The SASL authentication bytes from the client, as defined by the SASL mechanism. (versions 0+)
   */
  authBytes: Buffer
}

/** SaslAuthenticateResponse body, versions 0-2. */
export interface SaslAuthenticateResponse {
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The error message, or null if there was no error. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /**
   * The SASL authentication bytes from the server, as defined by the SASL mechanism. (versions 0+)
   */
  authBytes: Buffer
  /**
   * Number of milliseconds after which only re-authentication over the existing connection to
   * create a new session can occur. (versions 1+; default 0)
   */
  sessionLifetimeMs: bigint
}
