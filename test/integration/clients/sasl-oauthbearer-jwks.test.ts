// SASL/OAUTHBEARER with signed tokens verified against a file: JWKS (KIP-768): confluent-kafka-
// python (an oauth_cb returning an RS256 token signed here) and kafkajs (oauthBearerProvider, an
// ES256 token) produce and consume as User:alice, whom only the ACLs let in, and an HS256 token
// logs in with a symmetric (oct) key of the JWKS; a token signed by another key under the same
// kid, an unsigned one (kcat, librdkafka's unsecured JWT) and one for another audience are
// refused with {"status":"invalid_token"} then SASL_AUTHENTICATION_FAILED, and a log line naming
// the reason; a key added to the file is taken without a restart. With no expected audience, a
// token carrying aud is refused and one without passes, as jose4j's default audience rule has it
// for Kafka.
import {
  constants,
  createHmac,
  createSecretKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject
} from 'node:crypto'
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'
import {
  aliceOwnsPrefix,
  confluentListTopics,
  confluentProduceConsume,
  expectKafkajsRefused,
  expectRefusedOnTheWire,
  kafkajsProduceConsume,
  kcatUnsecuredJwt
} from '../../support/oauthbearer-clients'
import { waitFor } from '../../support/wait-for'

const TOPIC = 'jwks-orders'
const nowS = () => Math.floor(Date.now() / 1000)
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

function signJws(
  alg: 'RS256' | 'ES256' | 'PS256' | 'HS256',
  key: KeyObject,
  kid: string,
  claims: object
) {
  const input = `${b64({ alg, typ: 'JWT', kid })}.${b64(claims)}`
  const sig =
    alg === 'HS256'
      ? createHmac('sha256', key).update(input).digest()
      : alg === 'ES256'
        ? sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
        : alg === 'PS256'
          ? sign('sha256', Buffer.from(input), {
              key,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: constants.RSA_PSS_SALTLEN_DIGEST
            })
          : sign('sha256', Buffer.from(input), key)
  return `${input}.${sig.toString('base64url')}`
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })
const later = generateKeyPairSync('rsa', { modulusLength: 2048 })
const hmac = createSecretKey(randomBytes(32))
const jwk = (k: KeyObject, kid: string) => ({ ...k.export({ format: 'jwk' }), kid, use: 'sig' })
const claims = (sub = 'alice', aud = 'kafka') => ({
  sub,
  aud,
  iss: 'https://idp.example',
  iat: nowS(),
  exp: nowS() + 600
})

describe('SASL/OAUTHBEARER (signed tokens, file: JWKS)', () => {
  let cluster: TestCluster
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-jwks-'))
  const jwksFile = join(dir, 'jwks.json')
  const writeJwks = (keys: object[]) => {
    writeFileSync(`${jwksFile}.tmp`, JSON.stringify({ keys }))
    renameSync(`${jwksFile}.tmp`, jwksFile)
  }
  beforeAll(async () => {
    writeJwks([jwk(rsa.publicKey, 'rsa-1'), jwk(ec.publicKey, 'ec-1'), jwk(hmac, 'hmac-1')])
    cluster = await startTestCluster({
      brokers: 1,
      security: {
        protocol: 'SASL_PLAINTEXT',
        saslMechanisms: ['OAUTHBEARER'],
        oauthBearer: {
          jwks: {
            endpointUrl: pathToFileURL(jwksFile).href,
            expectedAudience: ['kafka'],
            expectedIssuer: 'https://idp.example'
          }
        }
      },
      authorizer: {}
    })
    cluster.engine.createTopic({ name: TOPIC, partitions: 2, replicationFactor: 1 })
    await cluster.service.call('acls.create', {
      acls: aliceOwnsPrefix('jwks-')
    })
  })
  afterAll(async () => {
    await cluster.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('confluent-kafka-python produces and consumes with an RS256 token', async () => {
    const token = signJws('RS256', rsa.privateKey, 'rsa-1', claims())
    const r = await confluentProduceConsume(cluster.bootstrap, TOPIC, 'jwks-py', { token })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('20')
  })

  it('kafkajs produces and consumes with an ES256 token', async () => {
    await kafkajsProduceConsume(cluster.bootstrap, TOPIC, 'jwks-kafkajs', () =>
      signJws('ES256', ec.privateKey, 'ec-1', claims())
    )
  })

  it('confluent-kafka-python logs in with an HS256 token (a symmetric oct key of the JWKS)', async () => {
    const token = signJws('HS256', hmac, 'hmac-1', claims())
    const py = await confluentListTopics(cluster.bootstrap, { token })
    expect(py.stdout.trim(), py.stderr).toBe('listed')
  })

  it('an unsigned token is refused (kcat, librdkafka unsecured JWT)', async () => {
    const r = await kcat([
      '-b',
      cluster.bootstrap,
      ...kcatUnsecuredJwt('principal=alice'),
      '-L',
      '-m',
      '5'
    ])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/SASL authentication error: \{"status":"invalid_token"\}/)
    await waitFor('the unsigned token in the log', () =>
      cluster.logs.some((l) => /'none' is not a permitted algorithm/.test(l))
    )
  })

  it.each([
    [
      'a token signed by another key under a known kid',
      () => signJws('RS256', stranger.privateKey, 'rsa-1', claims()),
      /JWS signature is invalid/
    ],
    [
      'a token for another audience',
      () => signJws('RS256', rsa.privateKey, 'rsa-1', claims('alice', 'billing')),
      /Audience \(aud\) claim \["billing"\] doesn't contain an acceptable identifier/
    ],
    [
      'a token naming a kid the JWKS has not',
      () => signJws('PS256', later.privateKey, 'rsa-2', claims()),
      /Unable to find a suitable verification key/
    ]
  ])(
    '%s is refused: invalid_token, SASL_AUTHENTICATION_FAILED, a log line',
    async (_, make, reason) => {
      const token = make()
      await expectKafkajsRefused(cluster.bootstrap, token)
      const py = await confluentListTopics(cluster.bootstrap, { token })
      expect(py.stdout).toMatch(/^failed/)
      expect(py.stderr).toMatch(/SASL authentication error: \{"status":"invalid_token"\}/)
      await expectRefusedOnTheWire(cluster.listeners[0].port, token)
      await waitFor('the failure in the log', () =>
        cluster.logs.some(
          (l) =>
            /SASL authentication with OAUTHBEARER failed: \{"status":"invalid_token"\}/.test(l) &&
            /Could not validate the access token/.test(l) &&
            reason.test(l)
        )
      )
    }
  )

  it('a key added to the JWKS file is used without a restart', async () => {
    writeJwks([
      jwk(rsa.publicKey, 'rsa-1'),
      jwk(ec.publicKey, 'ec-1'),
      jwk(hmac, 'hmac-1'),
      { ...jwk(later.publicKey, 'rsa-2'), alg: 'PS256' }
    ])
    const token = signJws('PS256', later.privateKey, 'rsa-2', claims())
    const py = await confluentListTopics(cluster.bootstrap, { token })
    expect(py.stdout.trim(), py.stderr).toBe('listed')
  })
})

describe('SASL/OAUTHBEARER (signed tokens, no expected audience)', () => {
  let cluster: TestCluster
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-jwks-'))
  beforeAll(async () => {
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [jwk(rsa.publicKey, 'rsa-1')] }))
    cluster = await startTestCluster({
      brokers: 1,
      security: {
        protocol: 'SASL_PLAINTEXT',
        saslMechanisms: ['OAUTHBEARER'],
        oauthBearer: { jwks: { endpointUrl: pathToFileURL(join(dir, 'jwks.json')).href } }
      }
    })
  })
  afterAll(async () => {
    await cluster.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a token without aud logs in; one with aud is refused, as jose4j has it for Kafka', async () => {
    const noAud = signJws('RS256', rsa.privateKey, 'rsa-1', { ...claims(), aud: undefined })
    const listed = await confluentListTopics(cluster.bootstrap, { token: noAud })
    expect(listed.stdout.trim(), listed.stderr).toBe('listed')
    const withAud = signJws('RS256', rsa.privateKey, 'rsa-1', claims())
    await expectKafkajsRefused(cluster.bootstrap, withAud)
    const py = await confluentListTopics(cluster.bootstrap, { token: withAud })
    expect(py.stdout).toMatch(/^failed/)
    expect(py.stderr).toMatch(/SASL authentication error: \{"status":"invalid_token"\}/)
    await waitFor('the refused aud in the log', () =>
      cluster.logs.some((l) =>
        /Could not validate the access token: Audience \(aud\) claim \["kafka"\] present in the JWT but no expected audience value\(s\) were provided/.test(
          l
        )
      )
    )
  })
})
