// `logdeck certs`: a self-signed development CA and, signed by it, a server certificate for
// 127.0.0.1 and localhost and a client certificate, so TLS clients can be tried in one command.
// Node's crypto makes the keys but cannot issue X.509 certificates; node-forge signs them.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import forge from 'node-forge'

export interface DevCertificates {
  /** PEM of the development CA's certificate (what clients trust). */
  ca: string
  caKey: string
  /** The broker's certificate (127.0.0.1, ::1, localhost) and key. */
  cert: string
  key: string
  /** A client certificate signed by the same CA, for listeners that require one. */
  clientCert: string
  clientKey: string
}

/** File names `writeDevCertificates` uses, by what they hold. */
export const CERT_FILES = {
  ca: 'ca.pem',
  caKey: 'ca-key.pem',
  cert: 'server.pem',
  key: 'server-key.pem',
  clientCert: 'client.pem',
  clientKey: 'client-key.pem'
} as const satisfies Record<keyof DevCertificates, string>

const DAY_MS = 86_400_000

function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' }
  })
  const priv = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey
  return { privateKey: priv, publicKey: forge.pki.rsa.setPublicKey(priv.n, priv.e) }
}

function certificate(
  subject: string,
  publicKey: forge.pki.rsa.PublicKey,
  issuer: forge.pki.Certificate | null,
  signingKey: forge.pki.rsa.PrivateKey,
  extensions: object[],
  validDays: number
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate()
  cert.publicKey = publicKey
  // A positive serial number of 16 random bytes (the high bit cleared).
  const serial = randomBytes(16)
  serial[0] &= 0x7f
  cert.serialNumber = serial.toString('hex')
  const now = Date.now()
  cert.validity.notBefore = new Date(now - DAY_MS)
  cert.validity.notAfter = new Date(now + validDays * DAY_MS)
  // Most general first, as usual in X.509, so that the RFC 2253 name Kafka gives a client reads
  // `CN=logdeck-client,O=Logdeck development`.
  const attrs = [
    { name: 'organizationName', value: 'Logdeck development' },
    { name: 'commonName', value: subject }
  ]
  cert.setSubject(attrs)
  cert.setIssuer(issuer ? issuer.subject.attributes : attrs)
  cert.setExtensions(extensions)
  cert.sign(signingKey, forge.md.sha256.create())
  return cert
}

/** A CA, a server certificate for the loopback names and a client certificate, as PEM. */
export function createDevCertificates(validDays = 365): DevCertificates {
  const caKeys = keyPair()
  const ca = certificate(
    'Logdeck development CA',
    caKeys.publicKey,
    null,
    caKeys.privateKey,
    [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' }
    ],
    validDays
  )
  const serverKeys = keyPair()
  const server = certificate(
    'localhost',
    serverKeys.publicKey,
    ca,
    caKeys.privateKey,
    [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' }
        ]
      }
    ],
    validDays
  )
  const clientKeys = keyPair()
  const client = certificate(
    'logdeck-client',
    clientKeys.publicKey,
    ca,
    caKeys.privateKey,
    [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true }
    ],
    validDays
  )
  const pem = forge.pki.certificateToPem
  const keyPem = (k: forge.pki.rsa.PrivateKey) => forge.pki.privateKeyToPem(k)
  return {
    ca: pem(ca),
    caKey: keyPem(caKeys.privateKey),
    cert: pem(server),
    key: keyPem(serverKeys.privateKey),
    clientCert: pem(client),
    clientKey: keyPem(clientKeys.privateKey)
  }
}

/**
 * Writes the files of `createDevCertificates` into `dir` (created if missing); refuses to
 * replace existing ones unless `force`. Returns the paths written, by what they hold.
 */
export function writeDevCertificates(
  dir: string,
  force = false
): Record<keyof DevCertificates, string> {
  const paths = Object.fromEntries(
    Object.entries(CERT_FILES).map(([k, f]) => [k, join(dir, f)])
  ) as Record<keyof DevCertificates, string>
  const existing = Object.values(paths).filter((p) => existsSync(p))
  if (existing.length > 0 && !force)
    throw new Error(
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} (--force replaces them)`
    )
  mkdirSync(dir, { recursive: true })
  const certs = createDevCertificates()
  for (const [k, p] of Object.entries(paths)) {
    const isKey = k === 'caKey' || k === 'key' || k === 'clientKey'
    writeFileSync(p, certs[k as keyof DevCertificates], { mode: isKey ? 0o600 : 0o644 })
  }
  return paths
}
