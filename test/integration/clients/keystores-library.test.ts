// startCluster's `sslConfigs` (Kafka's ssl.keystore.*, ssl.truststore.* and ssl.client.auth) for
// every TLS listener and per listener, with keystores made by keytool: kcat presents its own
// PKCS12 keystore where client certificates are required, and a mistake is a BAD_REQUEST naming
// the option and the config.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from '../../../src/server/library'
import { kcatSsl, makeKeytoolStores, type KeytoolStores } from '../../support/keytool-stores'
import { kcat, python } from '../../support/external-clients'

let dir: string
let stores: KeytoolStores
let cluster: Cluster

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-keystores-library-'))
  stores = makeKeytoolStores(dir)
  cluster = await startCluster({
    brokers: 2,
    listeners: [
      { name: 'MTLS', securityProtocol: 'SSL' },
      {
        name: 'OPEN',
        securityProtocol: 'SSL',
        sslConfigs: {
          'ssl.keystore.location': stores.brokerJks,
          'ssl.keystore.password': stores.password,
          'ssl.client.auth': 'none'
        }
      }
    ],
    sslConfigs: {
      'ssl.keystore.type': 'PKCS12',
      'ssl.keystore.location': stores.brokerP12,
      'ssl.keystore.password': stores.password,
      'ssl.truststore.location': stores.truststoreJks,
      'ssl.truststore.password': stores.password,
      'ssl.client.auth': 'required'
    }
  })
}, 120_000) // keytool starts a JVM for each step
afterAll(async () => {
  await cluster?.close()
  rmSync(dir, { recursive: true, force: true })
})

const bootstrap = (name: string) =>
  cluster.listeners.find((l) => l.name === name)!.bootstrapServers.join(',')
const ssl = (withKeystore: boolean) => kcatSsl(stores, stores.caPem, withKeystore)

describe('startCluster sslConfigs', () => {
  it('MTLS requires a client certificate: kcat with its keystore is served, without refused', async () => {
    const served = await kcat(['-b', bootstrap('MTLS'), ...ssl(true), '-L', '-m', '10'])
    expect(served.code, served.stderr).toBe(0)
    expect(served.stdout).toMatch(/2 brokers/)
    const refused = await kcat(['-b', bootstrap('MTLS'), ...ssl(false), '-L', '-m', '3'])
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/certificate required/)
  })

  it('OPEN, with its own JKS keystore and ssl.client.auth none, serves kcat without one', async () => {
    const r = await kcat(['-b', bootstrap('OPEN'), ...ssl(false), '-L', '-m', '10'])
    expect(r.code, r.stderr).toBe(0)
  })

  it("DescribeConfigs lists the stores as given, every listener's and one listener's own", async () => {
    const script = `
import json, sys
from confluent_kafka.admin import AdminClient, ConfigResource
a = AdminClient({'bootstrap.servers': sys.argv[1]})
res = ConfigResource('broker', sys.argv[2])
entries = a.describe_configs([res])[res].result(30)
print(json.dumps({k: [e.value, e.is_sensitive] for k, e in entries.items() if k in sys.argv[3:]}))
`
    const r = await python(script, [
      bootstrap('PLAINTEXT'),
      '0',
      'ssl.keystore.type',
      'ssl.keystore.location',
      'ssl.keystore.password',
      'ssl.keystore.key',
      'ssl.truststore.location',
      'listener.name.open.ssl.keystore.location',
      'listener.name.open.ssl.keystore.password',
      'listener.name.open.ssl.client.auth'
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({
      'ssl.keystore.type': ['PKCS12', false],
      'ssl.keystore.location': [stores.brokerP12, false],
      'ssl.keystore.password': [null, true],
      'ssl.keystore.key': [null, true],
      'ssl.truststore.location': [stores.truststoreJks, false],
      'listener.name.open.ssl.keystore.location': [stores.brokerJks, false],
      'listener.name.open.ssl.keystore.password': [null, true],
      'listener.name.open.ssl.client.auth': ['none', false]
    })
  })

  it('refuses a wrong password, an unknown config and a keystore given twice', async () => {
    const listeners = [{ name: 'S', securityProtocol: 'SSL' as const }]
    await expect(
      startCluster({
        listeners,
        sslConfigs: { 'ssl.keystore.location': stores.brokerP12, 'ssl.keystore.password': 'nope' }
      })
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'sslConfigs',
      message: expect.stringContaining(
        `sslConfigs['ssl.keystore.password'] is not the password of sslConfigs['ssl.keystore.location'] ${stores.brokerP12}`
      )
    })
    await expect(
      startCluster({
        listeners: [{ ...listeners[0], sslConfigs: { 'ssl.cipher.names': 'X' } }],
        sslConfigs: {
          'ssl.keystore.location': stores.brokerP12,
          'ssl.keystore.password': stores.password
        }
      })
    ).rejects.toMatchObject({
      field: 'listeners',
      message: expect.stringMatching(
        /^listeners\[0\]\.sslConfigs: 'ssl.cipher.names' is not one of /
      )
    })
    await expect(
      startCluster({
        listeners,
        tls: { cert: 'x', key: 'y' },
        sslConfigs: {
          'ssl.keystore.location': stores.brokerP12,
          'ssl.keystore.password': stores.password
        }
      })
    ).rejects.toMatchObject({
      field: 'sslConfigs',
      message: "give tls or sslConfigs' keystore, not both"
    })
  })
})
