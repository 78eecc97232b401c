// Whether and where the schema registry is served over HTTP, with one meaning for `logdeck serve`
// and the desktop app: port 8081 unless --schema-registry-port says otherwise,
// --no-schema-registry turns it off, --schema-registry-auth USER:PASSWORD asks for basic auth,
// --schema-registry-tls-cert and --schema-registry-tls-key serve HTTPS instead (Confluent's
// listeners=https://...), or beside HTTP on --schema-registry-https-port (listeners=http://...,
// https://...), and --schema-registry-tls-ca asks clients for certificates it signed.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

export const DEFAULT_SCHEMA_REGISTRY_PORT = 8081

export interface SchemaRegistrySettings {
  /** The port to serve on (0: any free one); null when the registry is not served. */
  port: number | null
  /** 'user:password' clients must send; null lets every client in. */
  basicAuth: string | null
  /** PEM files to serve HTTPS with; null serves HTTP. */
  tls: SchemaRegistryTls | null
  /**
   * With `tls`, the port HTTPS is served on while `port` serves HTTP (Confluent's
   * listeners=http://...,https://...); absent, HTTPS is served alone on `port`.
   */
  httpsPort?: number
}

export interface SchemaRegistryTls {
  /** The server's certificate (chain). */
  cert: string
  /** Its private key. */
  key: string
  /** CA whose client certificates are required; null asks for none. */
  ca: string | null
}

export interface SchemaRegistryFlags {
  port?: number
  off?: boolean
  auth?: string
  tlsCert?: string
  tlsKey?: string
  tlsCa?: string
  httpsPort?: number
  /** The Kafka port asked for: 0 (any free port) means any free registry port too. */
  kafkaPort?: number
}

/** A registry flag that does not fit; the message names the flag. */
export class SchemaRegistryFlagError extends Error {}

export function schemaRegistrySettings(flags: SchemaRegistryFlags): SchemaRegistrySettings {
  // A registry not served takes no settings: the first one given is named.
  const setting = (
    [
      ['port', '--schema-registry-port'],
      ['auth', '--schema-registry-auth'],
      ['tlsCert', '--schema-registry-tls-cert'],
      ['tlsKey', '--schema-registry-tls-key'],
      ['tlsCa', '--schema-registry-tls-ca'],
      ['httpsPort', '--schema-registry-https-port']
    ] as const
  ).find(([field]) => flags[field] !== undefined)
  if (flags.off && setting)
    throw new SchemaRegistryFlagError(
      `${setting[1]} and --no-schema-registry cannot be used together`
    )
  if (flags.auth !== undefined && !/^[^:\s]+:\S+$/.test(flags.auth))
    throw new SchemaRegistryFlagError('--schema-registry-auth takes USER:PASSWORD')
  if ((flags.tlsCert === undefined) !== (flags.tlsKey === undefined))
    throw new SchemaRegistryFlagError(
      '--schema-registry-tls-cert and --schema-registry-tls-key go together'
    )
  if (flags.tlsCa !== undefined && flags.tlsCert === undefined)
    throw new SchemaRegistryFlagError(
      '--schema-registry-tls-ca needs --schema-registry-tls-cert and --schema-registry-tls-key'
    )
  if (flags.httpsPort !== undefined && flags.tlsCert === undefined)
    throw new SchemaRegistryFlagError(
      '--schema-registry-https-port needs --schema-registry-tls-cert and --schema-registry-tls-key (HTTPS beside HTTP on --schema-registry-port)'
    )
  const tls =
    flags.tlsCert !== undefined && flags.tlsKey !== undefined
      ? { cert: flags.tlsCert, key: flags.tlsKey, ca: flags.tlsCa ?? null }
      : null
  // Tests that ask for any free Kafka port get any free registry port too, never a clash on 8081.
  const port = flags.off
    ? null
    : (flags.port ?? (flags.kafkaPort === 0 ? 0 : DEFAULT_SCHEMA_REGISTRY_PORT))
  const { httpsPort } = flags
  if (httpsPort !== undefined && httpsPort !== 0 && httpsPort === port)
    throw new SchemaRegistryFlagError(
      `--schema-registry-https-port ${httpsPort} is the HTTP port (--schema-registry-port): give another`
    )
  return {
    port,
    basicAuth: flags.auth ?? null,
    tls,
    ...(httpsPort !== undefined ? { httpsPort } : {})
  }
}

/**
 * The registry flags among a program's arguments (the desktop app's command line), others left
 * alone: `--schema-registry-port PORT`, `--no-schema-registry`, `--schema-registry-auth U:P`,
 * `--schema-registry-tls-cert`, `-key` and `-ca FILE` and `--schema-registry-https-port PORT`.
 */
export function schemaRegistryArgs(argv: string[]): SchemaRegistrySettings {
  const { values } = parseArgs({
    args: argv,
    options: {
      'schema-registry-port': { type: 'string' },
      'no-schema-registry': { type: 'boolean' },
      'schema-registry-auth': { type: 'string' },
      'schema-registry-tls-cert': { type: 'string' },
      'schema-registry-tls-key': { type: 'string' },
      'schema-registry-tls-ca': { type: 'string' },
      'schema-registry-https-port': { type: 'string' }
    },
    strict: false,
    allowPositionals: true
  })
  const rawPort = values['schema-registry-port']
  const rawHttpsPort = values['schema-registry-https-port']
  const rawAuth = values['schema-registry-auth']
  for (const [flag, raw] of [
    ['schema-registry-port', rawPort],
    ['schema-registry-https-port', rawHttpsPort]
  ] as const)
    if (raw !== undefined && (typeof raw !== 'string' || !validPort(raw)))
      throw new SchemaRegistryFlagError(
        `--${flag} takes a port from 0 to 65535, got '${String(raw)}'`
      )
  if (rawAuth !== undefined && typeof rawAuth !== 'string')
    throw new SchemaRegistryFlagError('--schema-registry-auth takes USER:PASSWORD')
  const file = (name: 'cert' | 'key' | 'ca'): string | undefined => {
    const raw = values[`schema-registry-tls-${name}`]
    if (raw !== undefined && typeof raw !== 'string')
      throw new SchemaRegistryFlagError(`--schema-registry-tls-${name} takes a PEM file`)
    return raw
  }
  return schemaRegistrySettings({
    port: rawPort === undefined ? undefined : Number(rawPort),
    off: values['no-schema-registry'] === true,
    auth: rawAuth,
    tlsCert: file('cert'),
    tlsKey: file('key'),
    tlsCa: file('ca'),
    ...(rawHttpsPort === undefined ? {} : { httpsPort: Number(rawHttpsPort) })
  })
}

/**
 * The certificate, key and CA files read and checked, as `logdeck serve` does before it starts
 * and the server before it serves, each refusal naming its flag and file (where OpenSSL's own
 * message would name neither).
 */
export function readSchemaRegistryTls(tls: SchemaRegistryTls): {
  cert: string
  key: string
  ca: string | null
} {
  const where = (name: 'cert' | 'key' | 'ca', path: string) =>
    `--schema-registry-tls-${name} ${path}`
  const read = (name: 'cert' | 'key' | 'ca', path: string, holds: RegExp, what: string) => {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (err) {
      throw new SchemaRegistryFlagError(
        `${where(name, path)} cannot be read: ${(err as Error).message}`,
        {
          cause: err
        }
      )
    }
    if (!holds.test(text))
      throw new SchemaRegistryFlagError(`${where(name, path)} holds no ${what} (PEM)`)
    return text
  }
  const cert = read('cert', tls.cert, /-----BEGIN [A-Z0-9 ]*CERTIFICATE-----/, 'certificate')
  const key = read('key', tls.key, /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/, 'private key')
  const ca = tls.ca
    ? read('ca', tls.ca, /-----BEGIN [A-Z0-9 ]*CERTIFICATE-----/, 'certificate')
    : null
  try {
    process.getBuiltinModule('node:tls').createSecureContext({ cert, key, ...(ca ? { ca } : {}) })
  } catch (err) {
    const msg = (err as Error).message
    throw new SchemaRegistryFlagError(
      /mismatch/i.test(msg)
        ? `${where('key', tls.key)} is not the key of ${where('cert', tls.cert)}`
        : `${where('cert', tls.cert)}, ${where('key', tls.key)}` +
            (ca ? ` and ${where('ca', tls.ca!)}` : '') +
            ` cannot be used: ${msg}`,
      { cause: err }
    )
  }
  return { cert, key, ca }
}

function validPort(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) <= 65535
}
