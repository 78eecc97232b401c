// `logdeck serve` with Kafka's own SSL configs and keystores made by keytool: a PKCS12 keystore
// and a JKS truststore for every listener (--ssl.keystore.*, --ssl.truststore.*,
// --ssl.client.auth required), and per listener (listener.name.<name>.ssl.*) a JKS keystore with
// a PKCS12 truststore, and a PEM keystore given inline. kcat and confluent-kafka-python connect
// with the CA, and with their own PKCS12 keystore where a client certificate is required.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { kcatSsl, makeKeytoolStores, type KeytoolStores } from '../../support/keytool-stores'
import { listenerBootstrap, startServe, type ServeProcess } from '../../support/serve-process'
import { kcat, kcatRefusal } from '../../support/external-clients'
import { confluentSslRoundTrip } from '../../support/confluent-ssl'
import { waitFor } from '../../support/wait-for'

let dir: string
let stores: KeytoolStores

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-keystores-'))
  stores = makeKeytoolStores(dir)
}, 120_000) // keytool starts a JVM for each step
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ssl = (ca: string, withKeystore: boolean) => kcatSsl(stores, ca, withKeystore)

/** `--listener-config PREFIX.KEY=VALUE` for each setting. */
const listenerConfigs = (prefix: string, settings: Record<string, string>) =>
  Object.entries(settings).flatMap(([k, v]) => ['--listener-config', `${prefix}.${k}=${v}`])

async function roundTrip(bootstrap: string, flags: string[], topic: string): Promise<string[]> {
  const records = Array.from({ length: 30 }, (_, i) => `${topic}-${i}`).join('\n') + '\n'
  const produced = await kcat(
    ['-b', bootstrap, ...flags, '-P', '-t', topic, '-X', 'linger.ms=20'],
    records
  )
  expect(produced.code, produced.stderr).toBe(0)
  const consumed = await kcat([
    '-b',
    bootstrap,
    ...flags,
    '-C',
    '-t',
    topic,
    '-o',
    'beginning',
    '-e',
    '-q'
  ])
  expect(consumed.code, consumed.stderr).toBe(0)
  expect(consumed.stdout.trim().split('\n')).toEqual(records.trim().split('\n'))
  return consumed.stdout.trim().split('\n')
}

describe('--ssl.keystore.* (PKCS12) and --ssl.truststore.* (JKS) with --ssl.client.auth required', () => {
  let server: ServeProcess
  beforeAll(async () => {
    server = await startServe([
      '--in-memory',
      '--brokers',
      '2',
      '--port',
      '0',
      '--no-ui',
      '--no-schema-registry',
      '--security',
      'ssl',
      '--ssl.keystore.type',
      'PKCS12',
      '--ssl.keystore.location',
      stores.brokerP12,
      '--ssl.keystore.password',
      stores.password,
      '--ssl.truststore.location',
      stores.truststoreJks,
      '--ssl.truststore.password',
      stores.password,
      '--ssl.client.auth',
      'required'
    ])
  })
  afterAll(() => server.stop())

  it('says client certificates are required', () => {
    expect(server.output()).toMatch(/^Security: SSL \(client certificates required\)/m)
  })

  it('kcat with its own PKCS12 keystore produces and reads back', async () => {
    await roundTrip(server.bootstrap, ssl(stores.caPem, true), 'keystore-kcat')
  })

  it('confluent-kafka-python with its keystore produces and consumes in a group', async () => {
    const r = await confluentSslRoundTrip(server.bootstrap, 'keystore-python', {
      'ssl.ca.location': stores.caPem,
      'ssl.keystore.location': stores.clientP12,
      'ssl.keystore.password': stores.password
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('40 40')
  })

  it('a client without a certificate is refused, and the broker logs it', async () => {
    expect(await kcatRefusal(server.bootstrap, ssl(stores.caPem, false))).toMatch(
      /certificate required/
    )
    await waitFor('the broker to log the missing certificate', () =>
      /sent no certificate/.test(server.output())
    )
  })
})

describe("listeners' own keystores: listener.name.<name>.ssl.* (JKS, PKCS12, PEM inline)", () => {
  let server: ServeProcess
  let dev: ReturnType<typeof writeDevCertificates>

  const bootstrapOf = (listener: string) => listenerBootstrap(server, listener)

  beforeAll(async () => {
    dev = writeDevCertificates(join(dir, 'dev'))
    server = await startServe([
      '--in-memory',
      '--brokers',
      '2',
      '--port',
      '0',
      '--no-ui',
      '--no-schema-registry',
      '--listener',
      'INTERNAL=ssl:0',
      '--listener',
      'EXTERNAL=ssl:0',
      ...listenerConfigs('listener.name.internal', {
        'ssl.keystore.location': stores.brokerJks,
        'ssl.keystore.password': stores.password,
        'ssl.key.password': stores.password,
        'ssl.truststore.type': 'PKCS12',
        'ssl.truststore.location': stores.truststoreP12,
        'ssl.truststore.password': stores.password,
        'ssl.client.auth': 'required'
      }),
      ...listenerConfigs('EXTERNAL', {
        'ssl.keystore.type': 'PEM',
        'ssl.keystore.certificate.chain': readFileSync(dev.cert, 'utf8'),
        'ssl.keystore.key': readFileSync(dev.key, 'utf8')
      })
    ])
  })
  afterAll(() => server.stop())

  it('INTERNAL (a JKS keystore) serves kcat with its PKCS12 keystore', async () => {
    await roundTrip(bootstrapOf('INTERNAL'), ssl(stores.caPem, true), 'internal-jks')
  })

  it('INTERNAL refuses kcat without a client certificate', async () => {
    expect(await kcatRefusal(bootstrapOf('INTERNAL'), ssl(stores.caPem, false))).toMatch(
      /certificate required/
    )
  })

  it('EXTERNAL (a PEM keystore inline) presents its own certificate and asks for none', async () => {
    await roundTrip(bootstrapOf('EXTERNAL'), ssl(dev.ca, false), 'external-pem')
    // The keytool CA does not verify EXTERNAL's certificate: it is the listener's own.
    expect(await kcatRefusal(bootstrapOf('EXTERNAL'), ssl(stores.caPem, false))).toMatch(
      /certificate verify failed/
    )
  })
})
