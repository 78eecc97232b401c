// What a listener asks of its clients, under Kafka's names: TLS (optionally with client
// certificates) and/or SASL authentication.
import type tls from 'node:tls'

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

/** Node's TLS server options for a listener. */
export function tlsServerOptions(t: ListenerTls): tls.TlsOptions {
  return {
    cert: t.cert,
    key: t.key,
    ...(t.ca ? { ca: t.ca, requestCert: true, rejectUnauthorized: true } : {}),
    minVersion: 'TLSv1.2'
  }
}
