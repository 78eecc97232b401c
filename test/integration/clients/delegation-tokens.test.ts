// Delegation tokens (KIP-48) through @platformatic/kafka's CreateDelegationToken v3,
// RenewDelegationToken v2, ExpireDelegationToken v2 and DescribeDelegationToken v3 over
// SASL_PLAINTEXT: disabled without delegation.token.secret.key, refused on PLAINTEXT, owners and
// renewers, the CREATE_TOKENS and DESCRIBE_TOKENS ACLs on the USER resource, lifetimes from the
// broker configs, Kafka's errors, expired tokens removed and tokens kept across a restart.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  Connection,
  createDelegationTokenV3,
  describeConfigsV4,
  describeDelegationTokenV3,
  expireDelegationTokenV2,
  renewDelegationTokenV2
} from '@platformatic/kafka'
import { afterEach, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { waitFor } from '../../support/wait-for'

const USERS = [
  { name: 'alice', password: 'alice-secret' },
  { name: 'bob', password: 'bob-secret' },
  { name: 'carol', password: 'carol-secret' }
]
const SECRET = { 'delegation.token.secret.key': 'a-secret-key' }

const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

async function cluster(options: Parameters<typeof startTestCluster>[0]): Promise<TestCluster> {
  const c = await startTestCluster({ brokers: 1, ...options })
  closing.push(() => c.close())
  return c
}

/** A connection to the cluster's first broker, logged in as `user` when given. */
async function connect(c: TestCluster, user?: string): Promise<Connection> {
  const found = USERS.find((u) => u.name === user)
  const connection = new Connection(
    'delegation-tokens',
    found
      ? { sasl: { mechanism: 'SCRAM-SHA-256', username: found.name, password: found.password } }
      : {}
  )
  await connection.connect(c.listeners[0].host, c.listeners[0].port)
  closing.push(() => connection.close())
  return connection
}

/** The response, whether the client took its error code for a failure or not. */
async function answer<T>(p: Promise<T>): Promise<T> {
  return p.catch((err: { response?: T }) => {
    if (!err.response) throw err
    return err.response
  })
}

const create = (
  c: Connection,
  renewers: { principalType: string; principalName: string }[] = [],
  maxLifetimeMs = -1n,
  owner: string | null = null
) =>
  answer(
    createDelegationTokenV3.api.async(c, owner ? 'User' : null, owner, renewers, maxLifetimeMs)
  )
const renew = (c: Connection, hmac: Buffer, periodMs = -1n) =>
  answer(renewDelegationTokenV2.api.async(c, hmac, periodMs))
const expire = (c: Connection, hmac: Buffer, periodMs: bigint) =>
  answer(expireDelegationTokenV2.api.async(c, hmac, periodMs))
const describeTokens = (c: Connection, owners: string[] | null = null) =>
  answer(
    describeDelegationTokenV3.api.async(
      c,
      owners && owners.map((name) => ({ principalType: 'User', principalName: name }))
    )
  )

describe('delegation tokens', () => {
  it('are disabled without delegation.token.secret.key, and refused on PLAINTEXT', async () => {
    const sasl = await cluster({ security: { protocol: 'SASL_PLAINTEXT', users: USERS } })
    const alice = await connect(sasl, 'alice')
    expect((await create(alice)).errorCode).toBe(ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED)
    expect((await describeTokens(alice)).errorCode).toBe(ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED)
    expect((await renew(alice, Buffer.from('x'))).errorCode).toBe(
      ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED
    )

    const plain = await cluster({ brokerConfigs: SECRET })
    const anonymous = await connect(plain)
    const refused = await create(anonymous)
    expect(refused).toMatchObject({
      errorCode: ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED,
      principalType: 'User',
      principalName: 'ANONYMOUS'
    })
    expect((await describeTokens(anonymous)).errorCode).toBe(
      ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED
    )
    expect((await expire(anonymous, Buffer.from('x'), -1n)).errorCode).toBe(
      ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED
    )
    // The secret is described without its value, as Kafka describes a PASSWORD config.
    const configs = await describeConfigsV4.api.async(
      anonymous,
      [{ resourceType: 4, resourceName: '0', configurationKeys: ['delegation.token.secret.key'] }],
      false,
      false
    )
    expect(configs.results[0].configs[0]).toMatchObject({
      name: 'delegation.token.secret.key',
      value: null,
      isSensitive: true
    })
  })

  it('owners, renewers, lifetimes and ACLs as Kafka checks them', async () => {
    const c = await cluster({
      security: { protocol: 'SASL_PLAINTEXT', users: USERS },
      authorizer: {},
      brokerConfigs: {
        ...SECRET,
        'delegation.token.max.lifetime.ms': '3600000',
        'delegation.token.expiry.time.ms': '600000'
      }
    })
    const [alice, bob, carol] = [
      await connect(c, 'alice'),
      await connect(c, 'bob'),
      await connect(c, 'carol')
    ]
    const token = await create(alice, [{ principalType: 'User', principalName: 'bob' }])
    expect(token).toMatchObject({
      errorCode: 0,
      principalType: 'User',
      principalName: 'alice',
      tokenRequesterPrincipalType: 'User',
      tokenRequesterPrincipalName: 'alice'
    })
    expect(token.tokenId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(token.hmac.length).toBe(64) // HmacSHA512
    expect(token.maxTimestampMs - token.issueTimestampMs).toBe(3_600_000n)
    expect(token.expiryTimestampMs - token.issueTimestampMs).toBe(600_000n)

    // A shorter max lifetime asked for wins; the expiry stays within it.
    const short = await create(alice, [], 60_000n)
    expect(short.maxTimestampMs - short.issueTimestampMs).toBe(60_000n)
    expect(short.expiryTimestampMs).toBe(short.maxTimestampMs)
    // A longer one is capped by delegation.token.max.lifetime.ms.
    const long = await create(alice, [], 10_000_000n)
    expect(long.maxTimestampMs - long.issueTimestampMs).toBe(3_600_000n)

    // The renewer renews, within the max time; someone else may not; an unknown HMAC is no token.
    const renewed = await renew(bob, token.hmac, 1_000n)
    expect(renewed.errorCode).toBe(0)
    expect(renewed.expiryTimestampMs).toBeGreaterThan(token.issueTimestampMs)
    expect(renewed.expiryTimestampMs).toBeLessThan(token.expiryTimestampMs)
    expect((await renew(carol, token.hmac)).errorCode).toBe(
      ErrorCode.DELEGATION_TOKEN_OWNER_MISMATCH
    )
    expect((await renew(alice, Buffer.alloc(64, 1))).errorCode).toBe(
      ErrorCode.DELEGATION_TOKEN_NOT_FOUND
    )
    expect((await expire(carol, token.hmac, -1n)).errorCode).toBe(
      ErrorCode.DELEGATION_TOKEN_OWNER_MISMATCH
    )

    // Renewers must be users.
    expect((await create(alice, [{ principalType: 'Group', principalName: 'x' }])).errorCode).toBe(
      ErrorCode.INVALID_PRINCIPAL_TYPE
    )

    // Describe: the owner sees its three, the renewer the one it may renew, carol none...
    expect((await describeTokens(alice)).tokens.map((t) => t.tokenId).sort()).toEqual(
      [token.tokenId, short.tokenId, long.tokenId].sort()
    )
    const seenByBob = await describeTokens(bob)
    expect(seenByBob.tokens.map((t) => t.tokenId)).toEqual([token.tokenId])
    expect(seenByBob.tokens[0]).toMatchObject({
      principalName: 'alice',
      tokenRequesterPrincipalName: 'alice',
      renewers: [{ principalType: 'User', principalName: 'bob' }],
      hmac: token.hmac
    })
    expect((await describeTokens(carol)).tokens).toEqual([])
    // ... filtered by owner, and an empty owner list describes nothing.
    expect((await describeTokens(alice, ['bob'])).tokens.map((t) => t.tokenId)).toEqual([
      token.tokenId
    ])
    expect((await describeTokens(alice, [])).tokens).toEqual([])

    // Carol may not create a token for alice without CREATE_TOKENS on User:alice.
    expect((await create(carol, [], -1n, 'alice')).errorCode).toBe(
      ErrorCode.DELEGATION_TOKEN_AUTHORIZATION_FAILED
    )
    await c.service.call('acls.create', {
      acls: [
        {
          resourceType: 'USER',
          resourceName: 'User:alice',
          principal: 'User:carol',
          operation: 'CREATE_TOKENS',
          permission: 'ALLOW'
        },
        {
          resourceType: 'USER',
          resourceName: 'User:alice',
          principal: 'User:carol',
          operation: 'DESCRIBE_TOKENS',
          permission: 'ALLOW'
        }
      ]
    })
    const forAlice = await create(carol, [], -1n, 'alice')
    expect(forAlice).toMatchObject({
      errorCode: 0,
      principalName: 'alice',
      tokenRequesterPrincipalName: 'carol'
    })
    // DESCRIBE_TOKENS on User:alice shows carol every token alice owns.
    expect((await describeTokens(carol)).tokens.length).toBe(4)

    // Expire: a positive period sets the expiry; a negative one removes the token.
    const expiring = await expire(alice, long.hmac, 5_000n)
    expect(expiring.errorCode).toBe(0)
    expect(expiring.expiryTimestampMs).toBeLessThan(long.expiryTimestampMs)
    expect((await expire(alice, long.hmac, -1n)).errorCode).toBe(0)
    expect((await renew(alice, long.hmac)).errorCode).toBe(ErrorCode.DELEGATION_TOKEN_NOT_FOUND)
    expect((await describeTokens(alice)).tokens.map((t) => t.tokenId)).not.toContain(long.tokenId)
  })

  it('an expired token can no longer be renewed, and is removed at the next expiry check', async () => {
    const c = await cluster({
      security: { protocol: 'SASL_PLAINTEXT', users: USERS },
      brokerConfigs: SECRET
    })
    const alice = await connect(c, 'alice')
    const token = await create(alice, [], 1n)
    expect(token.errorCode).toBe(0)
    // A token of 1 ms: the broker's clock soon passes its max time.
    await waitFor(
      'the token to expire',
      async () => (await renew(alice, token.hmac)).errorCode !== 0
    )
    expect((await renew(alice, token.hmac)).errorCode).toBe(ErrorCode.DELEGATION_TOKEN_EXPIRED)
    expect((await expire(alice, token.hmac, 1000n)).errorCode).toBe(
      ErrorCode.DELEGATION_TOKEN_EXPIRED
    )
    // Until the expiry check removes it (every hour by default), describe still lists it.
    expect((await describeTokens(alice)).tokens.map((t) => t.tokenId)).toEqual([token.tokenId])

    const checked = await cluster({
      security: { protocol: 'SASL_PLAINTEXT', users: USERS },
      brokerConfigs: { ...SECRET, 'delegation.token.expiry.check.interval.ms': '50' }
    })
    const aliceThere = await connect(checked, 'alice')
    expect((await create(aliceThere, [], 1n)).errorCode).toBe(0)
    const lasting = await create(aliceThere)
    await waitFor(
      'the expiry check to remove the expired token',
      async () => (await describeTokens(aliceThere)).tokens.length === 1
    )
    expect((await describeTokens(aliceThere)).tokens.map((t) => t.tokenId)).toEqual([
      lasting.tokenId
    ])
  })

  it('tokens are kept across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-tokens-'))
    closing.push(async () => rmSync(dir, { recursive: true, force: true }))
    const options = {
      dataDir: dir,
      security: { protocol: 'SASL_PLAINTEXT' as const, users: USERS },
      brokerConfigs: SECRET
    }
    const first = await startTestCluster({ brokers: 1, ...options })
    const alice = await connect(first, 'alice')
    const token = await create(alice, [{ principalType: 'User', principalName: 'bob' }])
    await alice.close()
    await first.close()

    const second = await cluster(options)
    const bob = await connect(second, 'bob')
    const listed = await describeTokens(bob)
    expect(listed.tokens.map((t) => [t.tokenId, t.principalName, t.expiryTimestamp])).toEqual([
      [token.tokenId, 'alice', token.expiryTimestampMs]
    ])
    expect((await renew(bob, token.hmac)).errorCode).toBe(0)
  })
})
