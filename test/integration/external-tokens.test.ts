// A real cluster's delegation tokens through a connection, over the Kafka protocol only (the
// clusters here are other embedded ones on SASL_PLAINTEXT, reached as Kafka clusters): tokens
// created with CreateDelegationToken by their owners are listed with the brokers' lifetimes and
// never their HMAC; the console expires a token it renews (Kafka takes the HMAC, which
// DescribeDelegationToken gives it) and is refused one it neither owns nor renews; tokens off,
// and a connection Kafka answers no token request on, say so.
import { Connection, createDelegationTokenV3 } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { addKafkaConnection } from '../support/external-connection'
import { ApiError } from '../../src/shared/errors'
import type { TokensList } from '../../src/shared/api/users'

const USERS = [
  { name: 'admin', password: 'admin-secret' },
  { name: 'alice', password: 'alice-secret' },
  { name: 'bob', password: 'bob-secret' }
]
const SECRET = { 'delegation.token.secret.key': 'a-secret-key' }
const LIFETIMES = {
  'delegation.token.max.lifetime.ms': '3600000',
  'delegation.token.expiry.time.ms': '600000'
}

describe('delegation tokens of an external cluster', () => {
  const clusters: TestCluster[] = []
  const connections: Connection[] = []
  let kafka: TestCluster
  let console_: TestCluster
  const ids: Record<string, string> = {}
  const call = <T>(method: string, params: object, connection = ids.secured) =>
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
    addKafkaConnection(
      console_,
      name,
      c,
      sasl ? { login: { username: 'admin', password: 'admin-secret' } } : {}
    )

  /** A token `owner` creates for itself over its own SCRAM login, HMAC and all. */
  async function createToken(owner: string, renewers: string[]) {
    const user = USERS.find((u) => u.name === owner)!
    const connection = new Connection('tokens-test', {
      sasl: { mechanism: 'SCRAM-SHA-256', username: user.name, password: user.password }
    })
    connections.push(connection)
    await connection.connect(kafka.listeners[0].host, kafka.listeners[0].port)
    return createDelegationTokenV3.api.async(
      connection,
      null,
      null,
      renewers.map((name) => ({ principalType: 'User', principalName: name })),
      -1n
    )
  }

  beforeAll(async () => {
    const security = { protocol: 'SASL_PLAINTEXT' as const, users: USERS }
    kafka = await cluster({ brokers: 2, security, brokerConfigs: { ...SECRET, ...LIFETIMES } })
    const off = await cluster({ security })
    const plain = await cluster({ brokerConfigs: SECRET })
    console_ = await cluster({})
    ids.secured = await add('Secured', kafka, true)
    ids.off = await add('Tokens off', off, true)
    ids.plain = await add('Plain', plain, false)
  })
  afterAll(async () => {
    for (const c of connections) await c.close()
    for (const c of clusters.reverse()) await c.close()
  })

  it('lists every token with the lifetimes, never an HMAC, and expires what Kafka allows', async () => {
    const alices = await createToken('alice', ['admin'])
    const bobs = await createToken('bob', [])

    const list = await call<TokensList>('tokens.list', {})
    expect(list).toMatchObject({ enabled: true, maxLifetimeMs: 3600000, expiryTimeMs: 600000 })
    expect(list.tokens).toEqual([
      {
        tokenId: alices.tokenId,
        owner: 'User:alice',
        requester: 'User:alice',
        renewers: ['User:admin'],
        issueTimestamp: Number(alices.issueTimestampMs),
        expiryTimestamp: Number(alices.expiryTimestampMs),
        maxTimestamp: Number(alices.maxTimestampMs),
        expired: false
      },
      expect.objectContaining({ tokenId: bobs.tokenId, owner: 'User:bob', renewers: [] })
    ])
    const text = JSON.stringify(list)
    expect(text).not.toMatch(/hmac/i)
    for (const hmac of [alices.hmac, bobs.hmac])
      for (const encoding of ['base64', 'hex', 'base64url', 'latin1'] as const)
        expect(text).not.toContain(hmac.toString(encoding))

    // The console logs in as admin, a renewer of alice's token: Kafka lets it expire that one.
    expect(await call('tokens.expire', { tokenId: alices.tokenId })).toMatchObject({
      tokenId: alices.tokenId,
      removed: true
    })
    expect(kafka.engine.delegationTokens().map((t) => t.tokenId)).toEqual([bobs.tokenId])

    // bob's token names neither admin as owner nor as renewer: Kafka refuses, and the console
    // says why.
    const refused = await failure(call('tokens.expire', { tokenId: bobs.tokenId }))
    expect(refused).toBeInstanceOf(ApiError)
    expect(refused).toMatchObject({ code: 'FORBIDDEN', field: 'tokenId' })
    expect((refused as ApiError).message).toContain('DELEGATION_TOKEN_OWNER_MISMATCH')
    expect((refused as ApiError).message).toContain('User:bob')
    expect(kafka.engine.delegationTokens().map((t) => t.tokenId)).toEqual([bobs.tokenId])

    const unknown = await failure(call('tokens.expire', { tokenId: 'no-such-token' }))
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', field: 'tokenId' })
    const after = await call<TokensList>('tokens.list', {})
    expect(after.tokens.map((t) => t.tokenId)).toEqual([bobs.tokenId])
  })

  it('says tokens are off without delegation.token.secret.key', async () => {
    const list = await call<TokensList>('tokens.list', {}, ids.off)
    expect(list).toEqual({
      enabled: false,
      maxLifetimeMs: 86400000 * 7,
      expiryTimeMs: 86400000,
      tokens: []
    })
    const expire = await failure(call('tokens.expire', { tokenId: 'x' }, ids.off))
    expect(expire).toMatchObject({ code: 'BAD_REQUEST', field: 'tokenId' })
  })

  it('says why a connection without a login cannot see tokens', async () => {
    const refused = await failure(call('tokens.list', {}, ids.plain))
    expect(refused).toBeInstanceOf(ApiError)
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' })
    expect((refused as ApiError).message).toContain('DELEGATION_TOKEN_REQUEST_NOT_ALLOWED')
    expect((refused as ApiError).message).toContain('PLAINTEXT')
  })
})
