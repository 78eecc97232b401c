// startCluster's sslConfigs with Kafka's ssl.enabled.protocols and ssl.cipher.suites, shared and
// per listener: MODERN takes TLS 1.3 only (the shared configs), OLD its own TLS 1.2 and one
// suite. kafkajs connects where its versions meet the listener's and fails where they do not;
// users.list tells the console what each listener negotiates; a mistake is a BAD_REQUEST
// naming the listener and the config.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from '../../../src/server/library'
import { writeDevCertificates } from '../../../src/server/dev-certificates'

let dir: string
let certs: ReturnType<typeof writeDevCertificates>
let cluster: Cluster
const pem = (file: string) => readFileSync(file, 'utf8')
const OLD_SUITE = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-tls-protocols-lib-'))
  certs = writeDevCertificates(dir)
  cluster = await startCluster({
    tls: { cert: pem(certs.cert), key: pem(certs.key) },
    sslConfigs: { 'ssl.enabled.protocols': 'TLSv1.3', 'ssl.trustmanager.algorithm': 'PKIX' },
    listeners: [
      { name: 'MODERN', securityProtocol: 'SSL' },
      {
        name: 'OLD',
        securityProtocol: 'SSL',
        sslConfigs: { 'ssl.enabled.protocols': 'TLSv1.2', 'ssl.cipher.suites': OLD_SUITE }
      }
    ],
    topics: [{ name: 'orders', partitions: 2, replicationFactor: 1 }]
  })
})
afterAll(async () => {
  await cluster?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function topicsOn(
  listener: string,
  tls: { minVersion?: 'TLSv1.3'; maxVersion?: 'TLSv1.2'; ciphers?: string }
): Promise<string[]> {
  const admin = new Kafka({
    brokers: cluster.listeners.find((l) => l.name === listener)!.bootstrapServers,
    ssl: { ca: [pem(certs.ca)], servername: 'localhost', ...tls },
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 3000
  }).admin()
  await admin.connect()
  try {
    return await admin.listTopics()
  } finally {
    await admin.disconnect()
  }
}

describe('startCluster sslConfigs: ssl.enabled.protocols and ssl.cipher.suites', () => {
  it('MODERN takes TLS 1.3 clients and refuses kafkajs limited to TLS 1.2', async () => {
    expect(await topicsOn('MODERN', { minVersion: 'TLSv1.3' })).toContain('orders')
    await expect(topicsOn('MODERN', { maxVersion: 'TLSv1.2' })).rejects.toThrow(
      /alert protocol version|socket hang up|ECONNRESET/
    )
  })

  it('OLD speaks TLS 1.2 with its one suite only', async () => {
    expect(await topicsOn('OLD', { ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' })).toContain('orders')
    await expect(topicsOn('OLD', { minVersion: 'TLSv1.3' })).rejects.toThrow(
      /alert protocol version|socket hang up|ECONNRESET/
    )
    await expect(
      topicsOn('OLD', { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES256-GCM-SHA384' })
    ).rejects.toThrow(/handshake failure|socket hang up|ECONNRESET/)
  })

  it('users.list tells the console what each TLS listener negotiates', async () => {
    const users = await cluster.call('users.list', {})
    expect(users.listeners).toEqual([
      { name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT' },
      { name: 'MODERN', securityProtocol: 'SSL', clientAuth: 'none', tlsProtocols: ['TLSv1.3'] },
      {
        name: 'OLD',
        securityProtocol: 'SSL',
        clientAuth: 'none',
        tlsProtocols: ['TLSv1.2'],
        cipherSuites: [OLD_SUITE]
      }
    ])
  })

  it('refuses a mistake with a BAD_REQUEST naming the listener and the config', async () => {
    const tls = { cert: pem(certs.cert), key: pem(certs.key) }
    await expect(
      startCluster({
        tls,
        listeners: [
          {
            name: 'S',
            securityProtocol: 'SSL',
            sslConfigs: { 'ssl.enabled.protocols': 'TLSv1.1,TLSv1.3' }
          }
        ]
      })
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'listeners',
      message: expect.stringMatching(
        /^listeners\[0\]\.sslConfigs\['ssl\.enabled\.protocols'\]: TLSv1\.1,TLSv1\.3 leaves out TLSv1\.2/
      )
    })
    await expect(
      startCluster({
        tls,
        sslConfigs: { 'ssl.cipher.suites': 'TLS_AES_128_GCM_SHA256' },
        listeners: [
          {
            name: 'S',
            securityProtocol: 'SSL',
            sslConfigs: { 'ssl.enabled.protocols': 'TLSv1.2' }
          }
        ]
      })
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(
        /^listeners\[0\]: listener S: ssl\.cipher\.suites TLS_AES_128_GCM_SHA256 has no suite for ssl\.enabled\.protocols TLSv1\.2/
      )
    })
    await expect(
      startCluster({ tls, sslConfigs: { 'ssl.provider': 'Conscrypt' } })
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'sslConfigs',
      message: expect.stringMatching(
        /^sslConfigs\['ssl\.provider'\]: 'Conscrypt' is a Java security provider/
      )
    })
  })
})
