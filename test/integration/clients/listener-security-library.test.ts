// startCluster's per-listener `tls`, `clientAuth` and `saslMechanisms`: an SSL listener that
// asks for client certificates (ssl.client.auth=requested) takes kafkajs without one and with a
// trusted one, and closes a connection presenting an untrusted one; a SASL listener offering
// SCRAM-SHA-256 only logs kafkajs in with it and refuses PLAIN; users.list tells the console
// what each listener asks; bad settings are refused naming the listener.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from '../../../src/server/library'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { waitFor } from '../../support/wait-for'

const ALICE = { name: 'alice', password: 'wonder:land' }
let dir: string
let trusted: ReturnType<typeof writeDevCertificates>
let other: ReturnType<typeof writeDevCertificates>
let cluster: Cluster
const logs: string[] = []
const pem = (file: string) => readFileSync(file, 'utf8')

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-listener-security-lib-'))
  trusted = writeDevCertificates(join(dir, 'trusted'))
  other = writeDevCertificates(join(dir, 'other'))
  cluster = await startCluster({
    brokers: 2,
    tls: { cert: pem(trusted.cert), key: pem(trusted.key) },
    listeners: [
      {
        name: 'ASKING',
        securityProtocol: 'SSL',
        tls: { ca: pem(trusted.ca) },
        clientAuth: 'requested'
      },
      { name: 'SCRAM', securityProtocol: 'SASL_PLAINTEXT', saslMechanisms: ['SCRAM-SHA-256'] }
    ],
    users: [ALICE],
    topics: [{ name: 'orders', partitions: 2, replicationFactor: 1 }],
    log: (line) => logs.push(line)
  })
})
afterAll(async () => {
  await cluster?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function topicsOn(listener: number, config: Partial<KafkaConfig>): Promise<string[]> {
  const admin = new Kafka({
    brokers: cluster.listeners[listener].bootstrapServers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 3000,
    ...config
  }).admin()
  await admin.connect()
  try {
    return await admin.listTopics()
  } finally {
    await admin.disconnect()
  }
}

const tlsWith = (client?: { cert: string; key: string }) => ({
  ssl: {
    ca: [pem(trusted.ca)],
    servername: 'localhost',
    ...(client ? { cert: pem(client.cert), key: pem(client.key) } : {})
  }
})

describe("startCluster's per-listener TLS and SASL settings", () => {
  it('ssl.client.auth=requested: no certificate or a trusted one is served, an untrusted one closed', async () => {
    expect(await topicsOn(1, tlsWith())).toContain('orders')
    expect(
      await topicsOn(1, tlsWith({ cert: trusted.clientCert, key: trusted.clientKey }))
    ).toContain('orders')
    await expect(
      topicsOn(1, tlsWith({ cert: other.clientCert, key: other.clientKey }))
    ).rejects.toThrow()
    await waitFor('the untrusted certificate in the log', () =>
      logs.some((l) =>
        /^broker \d \(listener ASKING\): closing the TLS connection of .*: its client certificate is not trusted/.test(
          l
        )
      )
    )
  })

  it('a listener offering SCRAM-SHA-256 only logs it in and refuses PLAIN', async () => {
    const sasl = (mechanism: 'plain' | 'scram-sha-256'): Partial<KafkaConfig> =>
      mechanism === 'plain'
        ? { sasl: { mechanism, username: ALICE.name, password: ALICE.password } }
        : { sasl: { mechanism, username: ALICE.name, password: ALICE.password } }
    expect(await topicsOn(2, sasl('scram-sha-256'))).toContain('orders')
    await expect(topicsOn(2, sasl('plain'))).rejects.toThrow(
      /The broker does not support the requested SASL mechanism/
    )
  })

  it('tells the console what each listener asks of its clients', async () => {
    const users = await cluster.call('users.list', {})
    expect(users.listeners).toEqual([
      { name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT' },
      {
        name: 'ASKING',
        securityProtocol: 'SSL',
        clientAuth: 'requested',
        tlsProtocols: ['TLSv1.2', 'TLSv1.3']
      },
      { name: 'SCRAM', securityProtocol: 'SASL_PLAINTEXT', saslMechanisms: ['SCRAM-SHA-256'] }
    ])
    expect(users.saslMechanisms).toEqual(['SCRAM-SHA-256'])
  })

  it('refuses settings a listener cannot use, naming it', async () => {
    await expect(
      startCluster({
        tls: { cert: pem(trusted.cert), key: pem(trusted.key) },
        listeners: [{ name: 'S', securityProtocol: 'SSL', clientAuth: 'required' }]
      })
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'listeners',
      message:
        'listeners[0]: listener S: ssl.client.auth=required needs a CA of client certificates'
    })
    await expect(
      startCluster({
        listeners: [{ name: 'P', securityProtocol: 'PLAINTEXT', saslMechanisms: ['PLAIN'] }]
      })
    ).rejects.toMatchObject({
      field: 'listeners',
      message: 'listeners[0]: listener P (PLAINTEXT) asks for no SASL login: it takes no mechanisms'
    })
    await expect(
      startCluster({
        listeners: [
          {
            name: 'S',
            securityProtocol: 'SASL_PLAINTEXT',
            saslMechanisms: ['GSSAPI' as 'PLAIN']
          }
        ]
      })
    ).rejects.toMatchObject({ field: 'listeners', message: /got 'GSSAPI'/ })
  })
})
