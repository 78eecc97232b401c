// The console's delegation token list filtered by owner, and tokens expired later than now, on
// both backends: the embedded cluster, and a second `logdeck serve` on SASL_PLAINTEXT reached
// only over the Kafka protocol (a connection logged in as admin). Tokens are created by their
// owners with CreateDelegationToken; the filter answers what DescribeDelegationToken with the same
// owners answers a client; an expiry period sets the expiry to now + the period within the max
// time (the token still logs in), 0 expires it (it no longer logs in, and only expiring it at
// once removes it); bad owners and periods are refused naming the field.
import {
  Connection,
  createDelegationTokenV3,
  describeDelegationTokenV3,
  metadataV12
} from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../support/serve-process'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { platformaticTokenAuthenticator } from '../support/scram-token-client'
import { waitFor } from '../support/wait-for'
import { ApiError } from '../../src/shared/errors'
import type { TokensList } from '../../src/shared/api/users'

const USERS = ['admin', 'alice', 'bob', 'carol'].map((name) => ({
  name,
  password: `${name}-secret`
}))
const CONFIGS = {
  'delegation.token.secret.key': 'a-secret-key',
  'delegation.token.max.lifetime.ms': '7200000',
  'delegation.token.expiry.time.ms': '600000'
}
const HOUR = 3_600_000

type Created = Awaited<ReturnType<typeof createDelegationTokenV3.api.async>>
type Expired = { tokenId: string; expiryTimestamp: number; removed: boolean }

describe('delegation tokens filtered by owner and expired later than now', () => {
  let external: ServeProcess
  let console_: TestCluster
  let kafkaConnection: string
  const opened: Connection[] = []
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (err: unknown) => err
    )

  beforeAll(async () => {
    external = await startServe([
      ...['--in-memory', '--port', '0', '--no-ui', '--brokers', '2'],
      ...['--security', 'sasl_plaintext'],
      ...USERS.flatMap((u) => ['--user', `${u.name}:${u.password}`]),
      ...Object.entries(CONFIGS).flatMap(([k, v]) => ['--broker-config', `${k}=${v}`])
    ])
    console_ = await startTestCluster({
      brokers: 1,
      security: { protocol: 'SASL_PLAINTEXT', users: USERS },
      brokerConfigs: CONFIGS
    })
    const added = (await console_.service.callByName('connections.add', {
      name: 'Kafka',
      bootstrapServers: external.bootstrap.split(','),
      historyIntervalMs: 0,
      security: {
        protocol: 'SASL_PLAINTEXT',
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'admin', password: 'admin-secret' }
      }
    })) as { id: string }
    kafkaConnection = added.id
  })
  afterAll(async () => {
    for (const c of opened) await c.close().catch(() => undefined)
    await console_?.close()
    await external?.stop()
  })

  for (const where of ['embedded', 'kafka'] as const) {
    describe(where, () => {
      const connection = () => (where === 'kafka' ? kafkaConnection : 'embedded')
      const call = <T>(method: string, params: object) =>
        console_.service.callByName(method, { connection: connection(), ...params }) as Promise<T>
      const address = (): [string, number] => {
        const bootstrap = where === 'kafka' ? external.bootstrap : console_.bootstrap
        const [host, port] = bootstrap.split(',')[0]!.split(':')
        return [host!, Number(port)]
      }

      async function open(sasl: NonNullable<ConstructorParameters<typeof Connection>[1]>['sasl']) {
        const c = new Connection(`tokens-${where}`, { sasl })
        opened.push(c)
        await c.connect(...address())
        return c
      }
      const logIn = (user: string) =>
        open({ mechanism: 'SCRAM-SHA-256', username: user, password: `${user}-secret` })

      /** A Metadata request over a SCRAM login with the token: resolves when the login works. */
      async function tokenLogin(t: Created): Promise<number> {
        const c = await open({
          mechanism: 'SCRAM-SHA-256',
          authenticate: platformaticTokenAuthenticator({
            mechanism: 'SCRAM-SHA-256',
            tokenId: t.tokenId,
            hmac: t.hmac
          })
        })
        return (await metadataV12.api.async(c, [], false, false)).brokers.length
      }

      /** A token `owner` creates for itself, renewable by admin (the Kafka connection's login). */
      async function create(owner: string, renewers: string[], maxLifetimeMs = -1) {
        return createDelegationTokenV3.api.async(
          await logIn(owner),
          null,
          null,
          [...renewers, 'admin'].map((name) => ({ principalType: 'User', principalName: name })),
          BigInt(maxLifetimeMs)
        )
      }

      /** Token ids as DescribeDelegationToken with these owners answers admin, a client. */
      async function described(owners: string[]): Promise<string[]> {
        const answer = await describeDelegationTokenV3.api.async(
          await logIn('admin'),
          owners.map((o) => ({ principalType: 'User', principalName: o.slice('User:'.length) }))
        )
        return answer.tokens.map((t) => t.tokenId).sort()
      }

      const listed = async (owners?: string[]) =>
        (await call<TokensList>('tokens.list', owners ? { owners } : {})).tokens

      it('lists the tokens of the owners asked for, as DescribeDelegationToken does', async () => {
        const alices = await create('alice', ['bob'])
        const bobs = await create('bob', [])
        const carols = await create('carol', [])
        const ids = (tokens: { tokenId: string }[]) => tokens.map((t) => t.tokenId).sort()

        expect(ids(await listed())).toEqual(ids([alices, bobs, carols]))
        // alice owns one; bob owns one and renews alice's; admin renews them all.
        const cases: [string[], Created[]][] = [
          [['User:alice'], [alices]],
          [['User:bob'], [alices, bobs]],
          [['User:carol', 'User:nobody'], [carols]],
          [['User:nobody'], []],
          [['User:admin'], [alices, bobs, carols]]
        ]
        for (const [owners, expected] of cases) {
          const tokens = await listed(owners)
          expect(ids(tokens), owners.join(',')).toEqual(ids(expected))
          expect(ids(tokens), owners.join(',')).toEqual(await described(owners))
        }
        const [alice] = await listed(['User:alice'])
        expect(alice).toMatchObject({
          owner: 'User:alice',
          renewers: ['User:bob', 'User:admin'],
          expiryTimestamp: Number(alices.expiryTimestampMs)
        })

        const notPrincipal = await failure(listed(['User:alice', 'alice']))
        expect(notPrincipal).toBeInstanceOf(ApiError)
        expect(notPrincipal).toMatchObject({ code: 'BAD_REQUEST', field: 'owners.1' })
        expect((notPrincipal as ApiError).message).toBe(
          "owners.1: must be TYPE:NAME, e.g. User:alice (not 'alice')"
        )
        const notList = await failure(call('tokens.list', { owners: 'User:alice' }))
        expect(notList).toMatchObject({ code: 'BAD_REQUEST', field: 'owners' })
        expect((notList as ApiError).message).toContain('must be a list of principals')
        const none = await failure(listed([]))
        expect(none).toMatchObject({ code: 'BAD_REQUEST', field: 'owners' })
        expect((none as ApiError).message).toContain('leave owners out for every token')

        for (const t of [alices, bobs, carols]) await call('tokens.expire', { tokenId: t.tokenId })
        expect(await listed()).toEqual([])
      })

      it('expires a token a period from now, never past its max time', async () => {
        const later = await create('alice', [])
        const short = await create('bob', [], HOUR)

        // An hour from now, inside its max time (2 h): it still logs in until then.
        const before = Date.now()
        const inAnHour = await call<Expired>('tokens.expire', {
          tokenId: later.tokenId,
          expiryTimePeriodMs: HOUR
        })
        const after = Date.now()
        expect(inAnHour).toMatchObject({ tokenId: later.tokenId, removed: false })
        expect(inAnHour.expiryTimestamp).toBeGreaterThanOrEqual(before + HOUR)
        expect(inAnHour.expiryTimestamp).toBeLessThanOrEqual(after + HOUR)
        expect(inAnHour.expiryTimestamp).not.toBe(Number(later.expiryTimestampMs))
        const [listedLater] = await listed(['User:alice'])
        expect(listedLater).toMatchObject({
          tokenId: later.tokenId,
          expiryTimestamp: inAnHour.expiryTimestamp,
          maxTimestamp: Number(later.maxTimestampMs),
          expired: false
        })
        expect(await tokenLogin(later)).toBeGreaterThan(0)

        // Ten hours from now, past the token's max time (1 h): its max time.
        const capped = await call<Expired>('tokens.expire', {
          tokenId: short.tokenId,
          expiryTimePeriodMs: 10 * HOUR
        })
        expect(capped).toEqual({
          tokenId: short.tokenId,
          expiryTimestamp: Number(short.maxTimestampMs),
          removed: false
        })

        // A period of 0: it expires now, is still listed (marked), and no longer logs in.
        const zero = await call<Expired>('tokens.expire', {
          tokenId: later.tokenId,
          expiryTimePeriodMs: 0
        })
        expect(zero.removed).toBe(false)
        await waitFor('the clock to pass the expiry', () => Date.now() > zero.expiryTimestamp)
        const [expired] = await listed(['User:alice'])
        expect(expired).toMatchObject({
          tokenId: later.tokenId,
          expiryTimestamp: zero.expiryTimestamp,
          expired: true
        })
        await expect(tokenLogin(later)).rejects.toThrow()
        // Kafka moves no expired token's expiry; expiring it at once removes it.
        const refused = await failure(
          call('tokens.expire', { tokenId: later.tokenId, expiryTimePeriodMs: HOUR })
        )
        expect(refused).toMatchObject({ code: 'CONFLICT', field: 'tokenId' })
        expect((refused as ApiError).message).toContain('DELEGATION_TOKEN_EXPIRED')
        const removed = await call<Expired>('tokens.expire', {
          tokenId: later.tokenId,
          expiryTimePeriodMs: -1
        })
        expect(removed).toMatchObject({ tokenId: later.tokenId, removed: true })
        expect((await listed()).map((t) => t.tokenId)).toEqual([short.tokenId])

        const fractional = await failure(
          call('tokens.expire', { tokenId: short.tokenId, expiryTimePeriodMs: 1.5 })
        )
        expect(fractional).toMatchObject({ code: 'BAD_REQUEST', field: 'expiryTimePeriodMs' })
        const text = await failure(
          call('tokens.expire', { tokenId: short.tokenId, expiryTimePeriodMs: '1h' })
        )
        expect(text).toMatchObject({ code: 'BAD_REQUEST', field: 'expiryTimePeriodMs' })
        await call('tokens.expire', { tokenId: short.tokenId })
        expect(await listed()).toEqual([])
      })
    })
  }
})
