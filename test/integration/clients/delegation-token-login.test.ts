// Logging in with a delegation token: SCRAM-SHA-256/512 with the tokenauth=true extension, the
// token id as user name and its HMAC as password (test/support/scram-token-client.ts: the
// installed clients do not make this login themselves, kafkajs and @platformatic/kafka take it
// through their custom SASL hooks). The connection acts as the token's owner (its ACLs apply),
// may not use the token APIs, and a wrong HMAC or an expired token is SASL_AUTHENTICATION_FAILED.
import {
  Connection,
  createDelegationTokenV3,
  describeDelegationTokenV3,
  renewDelegationTokenV2
} from '@platformatic/kafka'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import {
  kafkajsTokenSasl,
  platformaticTokenAuthenticator,
  type TokenLogin,
  type TokenMechanism
} from '../../support/scram-token-client'
import { waitFor } from '../../support/wait-for'

const ALICE = { name: 'alice', password: 'alice-secret' }

/** The response, whether the client took its error code for a failure or not. */
async function answer<T>(p: Promise<T>): Promise<T> {
  return p.catch((err: { response?: T }) => {
    if (!err.response) throw err
    return err.response
  })
}

describe('SCRAM login with a delegation token', () => {
  let cluster: TestCluster
  let alice: Connection
  const opened: (() => Promise<unknown>)[] = []

  const createToken = async (maxLifetimeMs = -1n) => {
    const t = await createDelegationTokenV3.api.async(alice, null, null, [], maxLifetimeMs)
    expect(t.errorCode).toBe(0)
    return t
  }
  const kafka = (login: TokenLogin) =>
    new Kafka({
      clientId: 'token-login',
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      sasl: kafkajsTokenSasl(login) as never
    })

  beforeAll(async () => {
    cluster = await startTestCluster({
      security: { protocol: 'SASL_PLAINTEXT', users: [ALICE, { name: 'bob', password: 'bob' }] },
      authorizer: { superUsers: ['bob'] },
      brokerConfigs: { 'delegation.token.secret.key': 'a-secret-key' }
    })
    await cluster.service.call('topics.create', {
      name: 'token-orders',
      partitions: 3,
      replicationFactor: 2
    })
    // Only alice may use the topic and the group: a token login works as her.
    await cluster.service.call('acls.create', {
      acls: [
        {
          resourceType: 'TOPIC',
          resourceName: 'token-orders',
          principal: 'User:alice',
          operation: 'ALL',
          permission: 'ALLOW'
        },
        {
          resourceType: 'GROUP',
          resourceName: 'token-group',
          principal: 'User:alice',
          operation: 'ALL',
          permission: 'ALLOW'
        }
      ]
    })
    alice = new Connection('token-owner', {
      sasl: { mechanism: 'SCRAM-SHA-256', username: ALICE.name, password: ALICE.password }
    })
    await alice.connect(cluster.listeners[0].host, cluster.listeners[0].port)
  })
  afterAll(async () => {
    for (const close of opened.reverse()) await close().catch(() => {})
    await alice?.close()
    await cluster?.close()
  })

  it.each(['SCRAM-SHA-256', 'SCRAM-SHA-512'] as TokenMechanism[])(
    'kafkajs logs in with %s and tokenauth=true, produces and consumes as the owner',
    async (mechanism) => {
      const token = await createToken()
      const client = kafka({ mechanism, tokenId: token.tokenId, hmac: token.hmac })
      const producer = client.producer()
      await producer.connect()
      opened.push(() => producer.disconnect())
      const values = Array.from({ length: 20 }, (_, i) => `${mechanism}-${i}`)
      await producer.sendBatch({
        topicMessages: [
          {
            topic: 'token-orders',
            messages: values.map((value, i) => ({ key: `k${i % 4}`, value }))
          }
        ]
      })
      const consumer = client.consumer({ groupId: 'token-group' })
      await consumer.connect()
      opened.push(() => consumer.disconnect())
      await consumer.subscribe({ topic: 'token-orders', fromBeginning: true })
      const seen = new Set<string>()
      await consumer.run({
        eachMessage: async ({ message }) => {
          const v = message.value?.toString() ?? ''
          if (v.startsWith(mechanism)) seen.add(v)
        }
      })
      await waitFor('the token login to consume what it produced', () => seen.size === 20)
      await consumer.disconnect()
      await producer.disconnect()
      expect([...seen].sort()).toEqual([...values].sort())
    }
  )

  it('a connection that logged in with a token may not use the token APIs', async () => {
    const token = await createToken()
    const byToken = new Connection('token-user', {
      sasl: {
        mechanism: 'SCRAM-SHA-512',
        authenticate: platformaticTokenAuthenticator({
          mechanism: 'SCRAM-SHA-512',
          tokenId: token.tokenId,
          hmac: token.hmac
        })
      }
    })
    await byToken.connect(cluster.listeners[0].host, cluster.listeners[0].port)
    opened.push(() => byToken.close())
    const created = await answer(createDelegationTokenV3.api.async(byToken, null, null, [], -1n))
    expect(created).toMatchObject({
      errorCode: ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED,
      principalName: 'alice'
    })
    expect((await answer(describeDelegationTokenV3.api.async(byToken, null))).errorCode).toBe(
      ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED
    )
    expect(
      (await answer(renewDelegationTokenV2.api.async(byToken, token.hmac, -1n))).errorCode
    ).toBe(ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED)
    // The owner's own login may.
    expect((await describeDelegationTokenV3.api.async(alice, null)).errorCode).toBe(0)
  })

  it('a wrong HMAC and an expired token fail with SASL_AUTHENTICATION_FAILED', async () => {
    const token = await createToken()
    const wrong = kafka({
      mechanism: 'SCRAM-SHA-256',
      tokenId: token.tokenId,
      hmac: Buffer.alloc(64, 7)
    })
    const admin = wrong.admin()
    await expect(admin.connect()).rejects.toMatchObject({ type: 'SASL_AUTHENTICATION_FAILED' })

    // A token of 1 ms: once the broker finds it expired, its login is refused.
    const brief = await createToken(1n)
    await waitFor(
      'the token to expire',
      async () =>
        (await answer(renewDelegationTokenV2.api.async(alice, brief.hmac, -1n))).errorCode ===
        ErrorCode.DELEGATION_TOKEN_EXPIRED
    )
    const expired = kafka({ mechanism: 'SCRAM-SHA-256', tokenId: brief.tokenId, hmac: brief.hmac })
    await expect(expired.admin().connect()).rejects.toMatchObject({
      type: 'SASL_AUTHENTICATION_FAILED'
    })
    expect(
      cluster.logs.some((l) => l.includes(`SASL authentication of user '${brief.tokenId}'`))
    ).toBe(true)
  })
})
