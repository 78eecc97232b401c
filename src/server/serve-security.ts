// `logdeck serve --security ... --tls-cert --tls-key --tls-ca`: checked and read into what the
// listeners need, each mistake one line naming the flag.
import { readFileSync } from 'node:fs'
import tls from 'node:tls'
import {
  SECURITY_PROTOCOLS,
  usesTls,
  type ListenerTls,
  type SecurityProtocol
} from '../engine/kafka/security/listener-security'
import { UsageError } from './cli-errors'

export interface ServeSecurity {
  protocol: SecurityProtocol
  tls?: ListenerTls
}

function readPem(flag: string, file: string): string {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : String(err)
    throw new UsageError(`--${flag} ${file} ${why}`)
  }
  if (!text.includes('-----BEGIN '))
    throw new UsageError(`--${flag} ${file} is not a PEM file (no -----BEGIN line)`)
  return text
}

export function readListenerSecurity(flag: (name: string) => string | undefined): ServeSecurity {
  const raw = flag('security') ?? 'plaintext'
  const protocol = raw.toUpperCase() as SecurityProtocol
  if (!SECURITY_PROTOCOLS.includes(protocol))
    throw new UsageError(
      `--security must be one of ${SECURITY_PROTOCOLS.map((p) => p.toLowerCase()).join(', ')}, got '${raw}'`
    )
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL')
    throw new UsageError(`--security ${raw}: SASL is not served yet (plaintext or ssl)`)
  const certFile = flag('tls-cert')
  const keyFile = flag('tls-key')
  const caFile = flag('tls-ca')
  if (!usesTls(protocol)) {
    const given = [certFile && '--tls-cert', keyFile && '--tls-key', caFile && '--tls-ca'].filter(
      Boolean
    )
    if (given.length > 0)
      throw new UsageError(
        `${given.join(', ')} need${given.length === 1 ? 's' : ''} --security ssl or sasl_ssl (got ${raw})`
      )
    return { protocol }
  }
  if (!certFile || !keyFile)
    throw new UsageError(
      `--security ${raw} needs --tls-cert and --tls-key (logdeck certs writes a development pair)`
    )
  const listenerTls: ListenerTls = {
    cert: readPem('tls-cert', certFile),
    key: readPem('tls-key', keyFile),
    ...(caFile ? { ca: readPem('tls-ca', caFile) } : {})
  }
  try {
    tls.createSecureContext({ cert: listenerTls.cert, key: listenerTls.key })
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err)
    throw new UsageError(
      /mismatch/i.test(msg)
        ? `--tls-key ${keyFile} is not the key of --tls-cert ${certFile}`
        : `--tls-cert ${certFile} / --tls-key ${keyFile} cannot be used: ${msg}`
    )
  }
  if (listenerTls.ca) {
    try {
      tls.createSecureContext({ ca: listenerTls.ca })
    } catch (err) {
      throw new UsageError(
        `--tls-ca ${caFile} cannot be used: ${err instanceof Error ? err.message : String(err)}`
      )
    }
  }
  return { protocol, tls: listenerTls }
}
