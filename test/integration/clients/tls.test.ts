// TLS listeners with the certificates `logdeck certs` writes: kcat and confluent-kafka-python
// produce and consume over SSL, client certificates are required when a CA is given, and a
// plaintext client or one without a certificate fails with a clear error on both sides; a
// certificate names its client's principal (`User:CN=logdeck-client,O=Logdeck development`),
// whose ACLs decide what it may do.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'
import { confluentSslRoundTrip } from '../../support/confluent-ssl'
import { waitFor } from '../../support/wait-for'

let dir: string
let certs: ReturnType<typeof writeDevCertificates>

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-tls-'))
  certs = writeDevCertificates(dir)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** SSL listeners with the development certificate that require client certificates. */
const requiringCertificates = () => ({
  protocol: 'SSL' as const,
  tls: {
    cert: readFileSync(certs.cert),
    key: readFileSync(certs.key),
    ca: readFileSync(certs.ca)
  }
})

/** kcat's flags for TLS trusting the development CA, and with the client certificate. */
const ssl = () => ['-X', 'security.protocol=ssl', '-X', `ssl.ca.location=${certs.ca}`]
const withCertificate = () => [
  ...ssl(),
  '-X',
  `ssl.certificate.location=${certs.clientCert}`,
  '-X',
  `ssl.key.location=${certs.clientKey}`
]

describe('SSL listeners', () => {
  let cluster: TestCluster
  beforeAll(async () => {
    cluster = await startTestCluster({
      security: {
        protocol: 'SSL',
        tls: { cert: readFileSync(certs.cert), key: readFileSync(certs.key) }
      }
    })
  })
  afterAll(() => cluster.close())

  it('kcat produces batches and reads them back over TLS', async () => {
    const records = Array.from({ length: 50 }, (_, i) => `r${i}`).join('\n') + '\n'
    const produced = await kcat(
      ['-b', cluster.bootstrap, ...ssl(), '-P', '-t', 'tls-kcat', '-X', 'linger.ms=20'],
      records
    )
    expect(produced.code, produced.stderr).toBe(0)
    const consumed = await kcat([
      '-b',
      cluster.bootstrap,
      ...ssl(),
      '-C',
      '-t',
      'tls-kcat',
      '-o',
      'beginning',
      '-e',
      '-q'
    ])
    expect(consumed.code, consumed.stderr).toBe(0)
    expect(consumed.stdout.trim().split('\n')).toEqual(records.trim().split('\n'))
  })

  it('confluent-kafka-python produces and consumes in a group over TLS', async () => {
    const r = await confluentSslRoundTrip(cluster.bootstrap, 'tls-python', {
      'ssl.ca.location': certs.ca
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('40 40')
  })

  it('a plaintext client fails clearly, and the broker logs why', async () => {
    const r = await kcat(['-b', cluster.bootstrap, '-L', '-m', '3'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/SSL listener/)
    await waitFor('the broker to log the plaintext client', () =>
      cluster.logs.some((l) => /does not speak TLS/.test(l))
    )
  })

  it('a client that does not trust the CA fails verifying the broker', async () => {
    const r = await kcat(['-b', cluster.bootstrap, '-X', 'security.protocol=ssl', '-L', '-m', '3'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/certificate verify failed|self.signed/i)
  })
})

describe('SSL listeners requiring client certificates (--tls-ca)', () => {
  let cluster: TestCluster
  beforeAll(async () => {
    cluster = await startTestCluster({
      brokers: 1,
      security: requiringCertificates()
    })
  })
  afterAll(() => cluster.close())

  it('accepts a client with a certificate signed by the CA', async () => {
    const r = await kcat(['-b', cluster.bootstrap, ...withCertificate(), '-L', '-m', '10'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/1 brokers/)
  })

  it('refuses a client without one, saying so in the log', async () => {
    const r = await kcat(['-b', cluster.bootstrap, ...ssl(), '-L', '-m', '3'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/certificate required/)
    await waitFor('the broker to log the missing certificate', () =>
      cluster.logs.some((l) => /sent no certificate/.test(l))
    )
  })
})

describe('client certificates name the principal that ACLs apply to', () => {
  const PRINCIPAL = 'User:CN=logdeck-client,O=Logdeck development'
  let cluster: TestCluster
  beforeAll(async () => {
    cluster = await startTestCluster({
      brokers: 1,
      authorizer: {},
      security: requiringCertificates()
    })
    await cluster.service.call('topics.create', {
      name: 'certified',
      partitions: 1,
      replicationFactor: 1
    })
    for (const value of ['a', 'b', 'c'])
      await cluster.service.call('messages.produce', { topic: 'certified', value })
  })
  afterAll(() => cluster.close())

  const consume = () =>
    kcat([
      '-b',
      cluster.bootstrap,
      ...withCertificate(),
      '-C',
      '-t',
      'certified',
      '-o',
      'beginning',
      '-e',
      '-q'
    ])

  it('without an ACL for its subject the client is refused TOPIC_AUTHORIZATION_FAILED', async () => {
    const r = await consume()
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/Topic authorization failed/)
    await waitFor('the authorizer to log the denial', () =>
      cluster.logs.some((l) =>
        l.includes(`Principal = ${PRINCIPAL} is Denied Operation = DESCRIBE`)
      )
    )
  })

  it("an ACL for the certificate's principal lets it read", async () => {
    await cluster.service.call('acls.create', {
      acls: [
        {
          resourceType: 'TOPIC',
          resourceName: 'certified',
          principal: PRINCIPAL,
          operation: 'READ',
          permission: 'ALLOW'
        }
      ]
    })
    const r = await consume()
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim().split('\n')).toEqual(['a', 'b', 'c'])
  })
})

describe('ssl.principal.mapping.rules', () => {
  it('closes the connection of a client whose subject no rule maps, saying why', async () => {
    const cluster = await startTestCluster({
      brokers: 1,
      security: {
        ...requiringCertificates(),
        sslPrincipalMappingRules: 'RULE:^CN=([^,]*),O=Elsewhere$/$1/'
      }
    })
    try {
      const r = await kcat(['-b', cluster.bootstrap, ...withCertificate(), '-L', '-m', '3'])
      expect(r.code).not.toBe(0)
      await waitFor('the broker to log the unmapped subject', () =>
        cluster.logs.some((l) =>
          l.includes(
            'SSL authentication failed: no ssl.principal.mapping.rules rule applies to CN=logdeck-client,O=Logdeck development'
          )
        )
      )
    } finally {
      await cluster.close()
    }
  })
})
