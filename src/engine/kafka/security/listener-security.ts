// What a listener asks of its clients, under Kafka's names: TLS (optionally with client
// certificates) and/or SASL authentication.
import type tls from 'node:tls'
import { tlsVersionOptions, type TlsParameters } from './tls-protocols'

export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SASL_PLAINTEXT', 'SSL', 'SASL_SSL'] as const
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number]

export interface ListenerTls {
  /** PEM certificate chain and private key of the brokers. */
  cert: string | Buffer
  key: string | Buffer
  /** PEM CA(s) whose client certificates are accepted; set, a client certificate is required. */
  ca?: string | Buffer
}

export function usesTls(protocol: SecurityProtocol): boolean {
  return protocol === 'SSL' || protocol === 'SASL_SSL'
}

export function usesSasl(protocol: SecurityProtocol): boolean {
  return protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL'
}

/**
 * Kafka's ssl.client.auth: whether a TLS listener requires a client certificate, asks for one
 * (a client may present none; one presented must be trusted), or does not ask.
 */
export const CLIENT_AUTH = ['required', 'requested', 'none'] as const
export type ClientAuth = (typeof CLIENT_AUTH)[number]

/**
 * Node's TLS server options for a listener: client certificates as `clientAuth` says, by default
 * required when the listener has a CA (`requested` lets the handshake through; the listener
 * closes a connection whose certificate is not trusted), and the protocol versions and cipher
 * suites of ssl.enabled.protocols and ssl.cipher.suites (Kafka's defaults when absent).
 */
export function tlsServerOptions(
  t: ListenerTls,
  clientAuth: ClientAuth = t.ca ? 'required' : 'none',
  parameters: TlsParameters = {}
): tls.TlsOptions {
  const { minVersion, maxVersion, ciphers } = tlsVersionOptions(parameters)
  return {
    cert: t.cert,
    key: t.key,
    ...(t.ca && clientAuth !== 'none'
      ? { ca: t.ca, requestCert: true, rejectUnauthorized: clientAuth === 'required' }
      : {}),
    minVersion,
    maxVersion,
    ...(ciphers ? { ciphers } : {})
  }
}
