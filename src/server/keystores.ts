// Kafka's own SSL configs for a TLS listener, as a broker's server.properties has them:
// ssl.keystore.* (JKS, PKCS12 or PEM; a file, or PEM inline) and ssl.truststore.* (the CA of
// client certificates), read at start into the PEM certificate chain, key and CA the listeners
// use. Each mistake (a missing file, a wrong password or type) is one line naming the config.
// node-forge reads PKCS12 and jks-js reads JKS; each loads on the first keystore of its kind.
import { createPrivateKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type * as Forge from 'node-forge'
import type * as JksJs from 'jks-js'
import { UsageError } from './cli-errors'
import { KAFKA_SSL_STORE_CONFIGS } from '../shared/kafka/ssl-store-configs'

export const KEYSTORE_TYPES = ['JKS', 'PKCS12', 'PEM'] as const
type KeystoreType = (typeof KEYSTORE_TYPES)[number]

/** The configs read here, under Kafka's names. */
export const KAFKA_SSL_KEYS = KAFKA_SSL_STORE_CONFIGS
type KafkaSslKey = (typeof KAFKA_SSL_KEYS)[number]

/** What the configs give: the brokers' certificate chain and key, and the CA(s) to trust. */
export interface KeystoreTls {
  cert?: string
  key?: string
  ca?: string
}

/**
 * The keystore and truststore the configs describe. `get` reads a config; `where` names it in
 * messages (a flag, or a listener's config), never with a password's value.
 */
export function readKafkaSsl(
  get: (key: KafkaSslKey) => string | undefined,
  where: (key: KafkaSslKey) => string
): KeystoreTls {
  return { ...readKeystore(get, where), ...readTruststore(get, where) }
}

const require_ = createRequire(import.meta.url)
let forge: typeof Forge | undefined
let jks: typeof JksJs | undefined

function storeType(
  raw: string | undefined,
  key: 'ssl.keystore.type' | 'ssl.truststore.type',
  where: (key: KafkaSslKey) => string
): KeystoreType {
  const type = (raw ?? 'JKS').toUpperCase()
  if (!(KEYSTORE_TYPES as readonly string[]).includes(type))
    throw new UsageError(`${where(key)} must be one of ${KEYSTORE_TYPES.join(', ')}, got '${raw}'`)
  return type as KeystoreType
}

function readStoreFile(location: string, at: string): Buffer {
  try {
    return readFileSync(location)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable'
          : code === 'EISDIR'
            ? 'is a directory'
            : String(err)
    throw new UsageError(`${at} ${location} ${why}`)
  }
}

/** JKS files begin with 0xFEEDFEED, PKCS12 ones with a DER SEQUENCE, PEM ones with text. */
function kindOf(bytes: Buffer): KeystoreType | undefined {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xfeedfeed) return 'JKS'
  if (bytes.toString('latin1').includes('-----BEGIN ')) return 'PEM'
  if (bytes.length > 0 && bytes[0] === 0x30) return 'PKCS12'
  return undefined
}

/**
 * The file as the given type wants it. As Java's keystores do, type JKS (Kafka's default) also
 * reads a PKCS12 file; anything else must be what the type says.
 */
function checkKind(
  bytes: Buffer,
  type: KeystoreType,
  at: string,
  typeKey: 'ssl.keystore.type' | 'ssl.truststore.type',
  where: (key: KafkaSslKey) => string
): KeystoreType {
  const kind = kindOf(bytes)
  if (kind === type || (type === 'JKS' && kind === 'PKCS12')) return kind
  throw new UsageError(
    kind
      ? `${at} is a ${kind} file, not ${type}: set ${where(typeKey)} to ${kind}`
      : `${at} is not a keystore (neither JKS, PKCS12 nor PEM)`
  )
}

interface StoreEntries {
  keys: { key: string; chain: string[] }[]
  certs: string[]
}

function readPkcs12(bytes: Buffer, password: string, at: string, pwWhere: string): StoreEntries {
  forge ??= require_('node-forge') as typeof Forge
  const f = forge
  let p12: Forge.pkcs12.Pkcs12Pfx
  try {
    p12 = f.pkcs12.pkcs12FromAsn1(f.asn1.fromDer(bytes.toString('binary')), password)
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err)
    throw new UsageError(
      /password|mac|decrypt/i.test(msg)
        ? `${pwWhere} is not the password of ${at} (PKCS12: ${msg})`
        : `${at} cannot be read as PKCS12: ${msg}`
    )
  }
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? []
  const certBags = bags(f.pki.oids.certBag)
  const pem = (b: Forge.pkcs12.Bag) => (b.cert ? f.pki.certificateToPem(b.cert) : '')
  const keyBags = [...bags(f.pki.oids.pkcs8ShroudedKeyBag), ...bags(f.pki.oids.keyBag)]
  const keys = keyBags.flatMap((kb) => {
    if (!kb.key) return []
    const id = kb.attributes.localKeyId?.[0]
    const own = certBags.filter((c) => id !== undefined && c.attributes.localKeyId?.[0] === id)
    // The entry's certificate first, then the rest of its chain (the other certificates).
    const chain = [...new Set([...own, ...certBags.filter((c) => !own.includes(c))].map(pem))]
    return [{ key: f.pki.privateKeyToPem(kb.key), chain }]
  })
  const owned = new Set(keyBags.map((k) => k.attributes.localKeyId?.[0]))
  const certs = certBags
    .filter((c) => keyBags.length === 0 || !owned.has(c.attributes.localKeyId?.[0]))
    .map(pem)
  return { keys, certs }
}

function readJks(
  bytes: Buffer,
  password: string,
  keyPassword: string | undefined,
  at: string,
  pwWhere: string
): StoreEntries {
  jks ??= require_('jks-js') as typeof JksJs
  let entries: JksJs.JksResult
  try {
    entries = jks.toPem(bytes, password, keyPassword)
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err)
    throw new UsageError(
      /password/i.test(msg)
        ? `${pwWhere} is not the password of ${at} (JKS: ${msg})`
        : `${at} cannot be read as JKS: ${msg}`
    )
  }
  const keys: StoreEntries['keys'] = []
  const certs: string[] = []
  for (const e of Object.values(entries)) {
    if (e.key && e.cert) keys.push({ key: e.key, chain: [e.cert] })
    if (e.ca) certs.push(e.ca)
  }
  return { keys, certs }
}

/** A PEM private key, decrypted with `password` when it is encrypted. */
function plainKey(pem: string, password: string | undefined, at: string, pwWhere: string): string {
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem)
  if (!encrypted) return pem
  if (password === undefined) throw new UsageError(`${at} is encrypted: it needs ${pwWhere}`)
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase: password })
      .export({ type: 'pkcs8', format: 'pem' })
      .toString()
  } catch {
    throw new UsageError(`${pwWhere} does not decrypt the private key of ${at}`)
  }
}

const PEM_KEY =
  /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----[\s\S]*?-----END (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g

function readKeystore(
  get: (key: KafkaSslKey) => string | undefined,
  where: (key: KafkaSslKey) => string
): KeystoreTls {
  const location = get('ssl.keystore.location')
  const chainInline = get('ssl.keystore.certificate.chain')
  const keyInline = get('ssl.keystore.key')
  const password = get('ssl.keystore.password')
  const keyPassword = get('ssl.key.password')
  const rawType = get('ssl.keystore.type')
  const type = storeType(rawType, 'ssl.keystore.type', where)
  if (chainInline !== undefined || keyInline !== undefined) {
    if (type !== 'PEM')
      throw new UsageError(
        `${where(chainInline !== undefined ? 'ssl.keystore.certificate.chain' : 'ssl.keystore.key')} needs ${where('ssl.keystore.type')} PEM`
      )
    if (location !== undefined)
      throw new UsageError(
        `${where('ssl.keystore.location')} and ${where('ssl.keystore.certificate.chain')} both give the keystore: give one`
      )
    if (chainInline === undefined || keyInline === undefined)
      throw new UsageError(
        `${where('ssl.keystore.certificate.chain')} and ${where('ssl.keystore.key')} go together`
      )
    const chain = chainInline.match(PEM_CERT)
    if (!chain)
      throw new UsageError(`${where('ssl.keystore.certificate.chain')} holds no PEM certificate`)
    if (!PEM_KEY.test(keyInline))
      throw new UsageError(`${where('ssl.keystore.key')} holds no PEM private key`)
    return {
      cert: chain.join('\n') + '\n',
      key: plainKey(keyInline, keyPassword, where('ssl.keystore.key'), where('ssl.key.password'))
    }
  }
  if (location === undefined) {
    const stray = (
      ['ssl.keystore.type', 'ssl.keystore.password', 'ssl.key.password'] as const
    ).find((k) => get(k) !== undefined)
    if (stray) throw new UsageError(`${where(stray)} needs ${where('ssl.keystore.location')}`)
    return {}
  }
  const at = `${where('ssl.keystore.location')} ${location}`
  const bytes = readStoreFile(location, where('ssl.keystore.location'))
  const kind = checkKind(bytes, type, at, 'ssl.keystore.type', where)
  if (kind === 'PEM') {
    const text = bytes.toString('utf8')
    const key = PEM_KEY.exec(text)?.[0]
    const chain = text.match(PEM_CERT)
    if (!key || !chain)
      throw new UsageError(
        `${at} must hold the private key and its certificate chain (PEM), it has ${key ? 'no certificate' : 'no private key'}`
      )
    return {
      cert: chain.join('\n') + '\n',
      key: plainKey(key, keyPassword, at, where('ssl.key.password'))
    }
  }
  if (password === undefined) throw new UsageError(`${at} needs ${where('ssl.keystore.password')}`)
  const pwWhere = where('ssl.keystore.password')
  const store =
    kind === 'JKS'
      ? readJks(bytes, password, keyPassword, at, pwWhere)
      : readPkcs12(bytes, password, at, pwWhere)
  const entry = store.keys[0]
  if (!entry) throw new UsageError(`${at} has no private key entry (a truststore?)`)
  return { cert: entry.chain.join(''), key: entry.key }
}

function readTruststore(
  get: (key: KafkaSslKey) => string | undefined,
  where: (key: KafkaSslKey) => string
): KeystoreTls {
  const location = get('ssl.truststore.location')
  const inline = get('ssl.truststore.certificates')
  const password = get('ssl.truststore.password')
  const type = storeType(get('ssl.truststore.type'), 'ssl.truststore.type', where)
  if (inline !== undefined) {
    if (type !== 'PEM')
      throw new UsageError(
        `${where('ssl.truststore.certificates')} needs ${where('ssl.truststore.type')} PEM`
      )
    if (location !== undefined)
      throw new UsageError(
        `${where('ssl.truststore.location')} and ${where('ssl.truststore.certificates')} both give the truststore: give one`
      )
    const certs = inline.match(PEM_CERT)
    if (!certs)
      throw new UsageError(`${where('ssl.truststore.certificates')} holds no PEM certificate`)
    return { ca: certs.join('\n') + '\n' }
  }
  if (location === undefined) {
    const stray = (['ssl.truststore.type', 'ssl.truststore.password'] as const).find(
      (k) => get(k) !== undefined
    )
    if (stray) throw new UsageError(`${where(stray)} needs ${where('ssl.truststore.location')}`)
    return {}
  }
  const at = `${where('ssl.truststore.location')} ${location}`
  const bytes = readStoreFile(location, where('ssl.truststore.location'))
  const kind = checkKind(bytes, type, at, 'ssl.truststore.type', where)
  let certs: string[]
  if (kind === 'PEM') certs = bytes.toString('utf8').match(PEM_CERT) ?? []
  else {
    if (password === undefined)
      throw new UsageError(`${at} needs ${where('ssl.truststore.password')}`)
    const pwWhere = where('ssl.truststore.password')
    const store =
      kind === 'JKS'
        ? readJks(bytes, password, undefined, at, pwWhere)
        : readPkcs12(bytes, password, at, pwWhere)
    certs = [...store.certs, ...store.keys.flatMap((k) => k.chain.slice(0, 1))]
  }
  if (certs.length === 0) throw new UsageError(`${at} holds no certificate to trust`)
  return { ca: certs.map((c) => c.trim()).join('\n') + '\n' }
}
