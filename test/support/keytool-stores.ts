// Keystores and truststores made by the JDK's keytool, as a Kafka deployment has them: a CA, a
// broker key pair signed by it for 127.0.0.1 and localhost (PKCS12, and converted to JKS), a
// client key pair signed by it (PKCS12, which librdkafka reads as ssl.keystore.location), and
// truststores holding the CA (JKS and PKCS12).
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface KeytoolStores {
  /** PEM of the CA's certificate, for clients. */
  caPem: string
  brokerP12: string
  brokerJks: string
  clientP12: string
  truststoreJks: string
  truststoreP12: string
  /** The one password of every store and key here. */
  password: string
}

const PASSWORD = 'store-secret'

function keytool(...args: string[]): string {
  return execFileSync('keytool', args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })
}

/** A key pair in a new PKCS12 keystore, its certificate signed by the CA of `ca`. */
function signedKeyPair(dir: string, alias: string, dname: string, ca: string, san?: string) {
  const store = join(dir, `${alias}.p12`)
  const common = ['-keystore', store, '-storetype', 'PKCS12', '-storepass', PASSWORD]
  keytool(
    '-genkeypair',
    '-alias',
    alias,
    '-keyalg',
    'RSA',
    '-keysize',
    '2048',
    '-dname',
    dname,
    '-validity',
    '30',
    ...common
  )
  const csr = keytool('-certreq', '-alias', alias, ...common)
  const csrFile = join(dir, `${alias}.csr`)
  writeFileSync(csrFile, csr)
  const signed = keytool(
    '-gencert',
    '-alias',
    'ca',
    '-keystore',
    ca,
    '-storepass',
    PASSWORD,
    '-infile',
    csrFile,
    '-rfc',
    '-validity',
    '30',
    ...(san ? ['-ext', `san=${san}`] : [])
  )
  const signedFile = join(dir, `${alias}.crt`)
  writeFileSync(signedFile, signed)
  keytool('-importcert', '-noprompt', '-alias', 'ca', '-file', join(dir, 'ca.pem'), ...common)
  keytool('-importcert', '-alias', alias, '-file', signedFile, ...common)
  return store
}

export function makeKeytoolStores(dir: string): KeytoolStores {
  const ca = join(dir, 'ca.p12')
  keytool(
    '-genkeypair',
    '-alias',
    'ca',
    '-keyalg',
    'RSA',
    '-keysize',
    '2048',
    '-dname',
    'CN=Keytool test CA',
    '-ext',
    'bc:c',
    '-validity',
    '30',
    '-keystore',
    ca,
    '-storetype',
    'PKCS12',
    '-storepass',
    PASSWORD
  )
  const caPem = join(dir, 'ca.pem')
  writeFileSync(
    caPem,
    keytool('-exportcert', '-rfc', '-alias', 'ca', '-keystore', ca, '-storepass', PASSWORD)
  )
  const brokerP12 = signedKeyPair(dir, 'broker', 'CN=localhost', ca, 'ip:127.0.0.1,dns:localhost')
  const clientP12 = signedKeyPair(dir, 'client', 'CN=keytool-client', ca)
  const brokerJks = join(dir, 'broker.jks')
  keytool(
    '-importkeystore',
    '-srckeystore',
    brokerP12,
    '-srcstoretype',
    'PKCS12',
    '-srcstorepass',
    PASSWORD,
    '-destkeystore',
    brokerJks,
    '-deststoretype',
    'JKS',
    '-deststorepass',
    PASSWORD,
    '-destkeypass',
    PASSWORD
  )
  const truststore = (type: 'JKS' | 'PKCS12', file: string) => {
    keytool(
      '-importcert',
      '-noprompt',
      '-alias',
      'ca',
      '-file',
      caPem,
      '-keystore',
      file,
      '-storetype',
      type,
      '-storepass',
      PASSWORD
    )
    return file
  }
  return {
    caPem,
    brokerP12,
    brokerJks,
    clientP12,
    truststoreJks: truststore('JKS', join(dir, 'truststore.jks')),
    truststoreP12: truststore('PKCS12', join(dir, 'truststore.p12')),
    password: PASSWORD
  }
}

/** kcat's flags for TLS trusting `ca`, presenting the client's PKCS12 keystore if asked. */
export function kcatSsl(stores: KeytoolStores, ca: string, withKeystore: boolean): string[] {
  return [
    '-X',
    'security.protocol=ssl',
    '-X',
    `ssl.ca.location=${ca}`,
    ...(withKeystore
      ? [
          '-X',
          `ssl.keystore.location=${stores.clientP12}`,
          '-X',
          `ssl.keystore.password=${stores.password}`
        ]
      : [])
  ]
}
