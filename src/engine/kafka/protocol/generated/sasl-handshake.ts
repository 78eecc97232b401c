// SaslHandshake (key 17): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** SaslHandshake: serves versions 0-1 of the spec's 0-1. */
export const saslHandshakeApi: ApiSchema = {
  apiKey: 17,
  name: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: null,
  request: {
    name: 'SaslHandshakeRequest',
    validVersions: '0-1',
    flexibleVersions: 'none',
    fields: [{ name: 'mechanism', type: 'string', versions: '0+' }]
  },
  response: {
    name: 'SaslHandshakeResponse',
    validVersions: '0-1',
    flexibleVersions: 'none',
    fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'mechanisms', type: '[]string', versions: '0+' }
    ]
  }
}

/** SaslHandshakeRequest body, versions 0-1. */
export interface SaslHandshakeRequest {
  /** The SASL mechanism chosen by the client. (versions 0+) */
  mechanism: string
}

/** SaslHandshakeResponse body, versions 0-1. */
export interface SaslHandshakeResponse {
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The mechanisms enabled in the server. (versions 0+) */
  mechanisms: string[]
}
