// Delegation tokens created and renewed through the console, on the embedded cluster and on a
// real cluster reached over the Kafka protocol only (another embedded cluster on SASL_PLAINTEXT,
// added as a connection): the HMAC of a created token is in the create answer only, logs in with
// a SCRAM tokenauth login, and never shows in tokens.list; renew moves the expiry; Kafka's
// refusals (owner mismatch, tokens off, a connection without a login, an owner left unnamed on
// the embedded cluster) say why.
import { Connection, createDelegationTokenV3, metadataV12 } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { addKafkaConnection } from '../support/external-connection'
import { platformaticTokenAuthenticator } from '../support/scram-token-client'
import { ApiError } from '../../src/shared/errors'
import type { CreatedDelegationToken, TokensList } from '../../src/shared/api/users'

const USERS = [
  { name: 'admin', password: 'admin-secret' },
  { name: 'alice', password: 'alice-secret' },
  { name: 'bob', password: 'bob-secret' }
]
const TOKENS = {
  'delegation.token.secret.key': 'a-secret-key',
  'delegation.token.max.lifetime.ms': '3600000',
  'delegation.token.expiry.time.ms': '600000'
}
const security = { protocol: 'SASL_PLAINTEXT' as const, users: USERS }

describe('delegation tokens created and renewed through the console', () => {
  const clusters: TestCluster[] = []
  const opened: Connection[] = []
  let kafka: TestCluster
  let console_: TestCluster
  const ids: Record<string, string> = {}
  const call = <T>(method: string, params: object, connection = ids.kafka) =>
    console_.service.callByName(method, { connection, ...params }) as Promise<T>
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (err: unknown) => err
    )

  async function cluster(options: Parameters<typeof startTestCluster>[0]): Promise<TestCluster> {
    const c = await startTestCluster({ brokers: 1, ...options })
    clusters.push(c)
    return c
  }

  const add = (name: string, c: TestCluster, sasl: boolean) =>
    addKafkaConnection(console_, name, c, {
      historyIntervalMs: 0,
      ...(sasl ? { login: { username: 'admin', password: 'admin-secret' } } : {})
    })

  /** A SCRAM login with tokenauth=true on `c`, then a Metadata request over it. */
  async function logIn(c: TestCluster, tokenId: string, hmacBase64: string) {
    const connection = new Connection('token-login', {
      sasl: {
        mechanism: 'SCRAM-SHA-256',
        authenticate: platformaticTokenAuthenticator({
          mechanism: 'SCRAM-SHA-256',
          tokenId,
          hmac: Buffer.from(hmacBase64, 'base64')
        })
      }
    })
    opened.push(connection)
    await connection.connect(c.listeners[0].host, c.listeners[0].port)
    return metadataV12.api.async(connection, [], false, false)
  }

  beforeAll(async () => {
    kafka = await cluster({ brokers: 2, security, brokerConfigs: TOKENS })
    const off = await cluster({ security })
    const plain = await cluster({ brokerConfigs: TOKENS })
    console_ = await cluster({ security, brokerConfigs: TOKENS })
    ids.kafka = await add('Kafka', kafka, true)
    ids.off = await add('Tokens off', off, true)
    ids.plain = await add('Plain', plain, false)
  })
  afterAll(async () => {
    for (const c of opened) await c.close().catch(() => undefined)
    for (const c of clusters.reverse()) await c.close()
  })

  for (const where of ['kafka', 'embedded'] as const) {
    it(`creates a token whose HMAC logs in and is shown once, and renews it (${where})`, async () => {
      const connection = where === 'kafka' ? ids.kafka : 'embedded'
      const target = where === 'kafka' ? kafka : console_
      // The embedded console logs in as no one: it names the owner; the connection is admin.
      const owner = where === 'kafka' ? undefined : 'User:admin'
      const created = await call<CreatedDelegationToken>(
        'tokens.create',
        { owner, renewers: ['User:alice'], maxLifetimeMs: 1_800_000 },
        connection
      )
      const [held] = target.engine.delegationTokens()
      expect(created).toEqual({
        tokenId: held!.tokenId,
        owner: 'User:admin',
        requester: 'User:admin',
        renewers: ['User:alice'],
        issueTimestamp: held!.issueMs,
        expiryTimestamp: held!.expiryMs,
        maxTimestamp: held!.maxMs,
        expired: false,
        hmac: held!.hmac.toString('base64')
      })
      // The max lifetime asked for, within the brokers' 1 hour; expiry 10 minutes after issue.
      expect(created.maxTimestamp - created.issueTimestamp).toBe(1_800_000)
      expect(created.expiryTimestamp - created.issueTimestamp).toBe(600_000)

      const md = await logIn(target, created.tokenId, created.hmac)
      expect(md.brokers.length).toBeGreaterThan(0)
      const wrong = Buffer.from(created.hmac, 'base64')
      wrong[0] ^= 1
      await expect(logIn(target, created.tokenId, wrong.toString('base64'))).rejects.toThrow()

      const list = await call<TokensList>('tokens.list', {}, connection)
      expect(list.tokens.map((t) => t.tokenId)).toEqual([created.tokenId])
      const text = JSON.stringify(list)
      expect(text).not.toMatch(/hmac/i)
      for (const encoding of ['base64', 'hex', 'base64url', 'latin1'] as const)
        expect(text).not.toContain(held!.hmac.toString(encoding))

      // Renewed for a minute: the expiry moves to within a minute of now; then by the brokers'
      // 10 minutes, past it.
      const short = await call<{ tokenId: string; expiryTimestamp: number }>(
        'tokens.renew',
        { tokenId: created.tokenId, renewPeriodMs: 60_000 },
        connection
      )
      expect(short.tokenId).toBe(created.tokenId)
      expect(short.expiryTimestamp).toBeLessThan(created.expiryTimestamp)
      expect(short.expiryTimestamp).toBeLessThanOrEqual(Date.now() + 60_000)
      expect(target.engine.delegationTokens()[0]!.expiryMs).toBe(short.expiryTimestamp)
      const long = await call<{ expiryTimestamp: number }>(
        'tokens.renew',
        { tokenId: created.tokenId },
        connection
      )
      expect(long.expiryTimestamp).toBeGreaterThan(short.expiryTimestamp)
      expect(long.expiryTimestamp).toBeLessThanOrEqual(created.maxTimestamp)
      expect(target.engine.delegationTokens()[0]!.expiryMs).toBe(long.expiryTimestamp)
      const renewedList = await call<TokensList>('tokens.list', {}, connection)
      expect(renewedList.tokens[0]!.expiryTimestamp).toBe(long.expiryTimestamp)

      await call('tokens.expire', { tokenId: created.tokenId }, connection)
      const gone = await failure(call('tokens.renew', { tokenId: created.tokenId }, connection))
      expect(gone).toMatchObject({ code: 'NOT_FOUND', field: 'tokenId' })
    })
  }

  it('creates a token for another owner, which logs in (kafka)', async () => {
    const created = await call<CreatedDelegationToken>('tokens.create', { owner: 'User:alice' })
    expect(created).toMatchObject({ owner: 'User:alice', requester: 'User:admin', renewers: [] })
    await logIn(kafka, created.tokenId, created.hmac)
    await call('tokens.expire', { tokenId: created.tokenId })
  })

  it("refuses to renew a token the connection's principal neither owns nor renews", async () => {
    const bob = new Connection('bob', {
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'bob', password: 'bob-secret' }
    })
    opened.push(bob)
    await bob.connect(kafka.listeners[0].host, kafka.listeners[0].port)
    const bobs = await createDelegationTokenV3.api.async(bob, null, null, [], -1n)
    const before = kafka.engine.delegationTokens().find((t) => t.tokenId === bobs.tokenId)!
    // admin may describe bob's token (no authorizer), but Kafka lets only its owner renew it.
    const refused = await failure(call('tokens.renew', { tokenId: bobs.tokenId }))
    expect(refused).toBeInstanceOf(ApiError)
    expect(refused).toMatchObject({ code: 'FORBIDDEN', field: 'tokenId' })
    expect((refused as ApiError).message).toContain('DELEGATION_TOKEN_OWNER_MISMATCH')
    expect((refused as ApiError).message).toContain('User:bob')
    const after = kafka.engine.delegationTokens().find((t) => t.tokenId === bobs.tokenId)!
    expect(after.expiryMs).toBe(before.expiryMs)
  })

  it('says why a token cannot be created: tokens off, no login, no owner named', async () => {
    const off = await failure(call('tokens.create', {}, ids.off))
    expect(off).toMatchObject({ code: 'BAD_REQUEST', field: 'owner' })
    expect((off as ApiError).message).toContain('delegation.token.secret.key')

    const plain = await failure(call('tokens.create', {}, ids.plain))
    expect(plain).toMatchObject({ code: 'BAD_REQUEST' })
    expect((plain as ApiError).message).toContain('DELEGATION_TOKEN_REQUEST_NOT_ALLOWED')
    const plainRenew = await failure(call('tokens.renew', { tokenId: 'x' }, ids.plain))
    expect((plainRenew as ApiError).message).toContain('DELEGATION_TOKEN_REQUEST_NOT_ALLOWED')

    const unnamed = await failure(call('tokens.create', {}, 'embedded'))
    expect(unnamed).toMatchObject({ code: 'BAD_REQUEST', field: 'owner' })
    const group = await failure(
      call('tokens.create', { owner: 'User:admin', renewers: ['Group:ops'] }, 'embedded')
    )
    expect(group).toMatchObject({ code: 'BAD_REQUEST', field: 'renewers' })
    const notPrincipal = await failure(call('tokens.create', { owner: 'admin' }, 'embedded'))
    expect(notPrincipal).toMatchObject({ code: 'BAD_REQUEST', field: 'owner' })
    expect(console_.engine.delegationTokens()).toEqual([])
  })
})
