// External backend, delegation tokens: a real cluster's tokens through DescribeDelegationToken
// (every owner the console's principal may see, or those of the owners asked for), their bounds
// from the brokers' configs, and ExpireDelegationToken. Kafka expires a token by its HMAC, never
// by its id: the console reads the HMAC from DescribeDelegationToken's answer (which carries it
// for every token described) and sends it back with the expiry period asked for (-1, which
// removes the token at once, unless told otherwise). The HMAC is a password for the owner's
// identity: no answer of the console carries it.
import {
  describeConfigsV4,
  describeDelegationTokenV3,
  expireDelegationTokenV2,
  type Admin
} from '@platformatic/kafka'
import type { DelegationTokenInfo, TokensList, usersParams } from '../../../shared/api/users'
import { ApiError } from '../../../shared/errors'
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { Area } from '../backend'
import type { ExternalContext } from './context'
import { protocolErrors } from './kafka-errors'
import { controllerConnection } from './users'

export type DescribeDelegationTokenResponseToken = Awaited<
  ReturnType<typeof describeDelegationTokenV3.api.async>
>['tokens'][number]

const BROKER_RESOURCE = 4
const MAX_LIFETIME = 'delegation.token.max.lifetime.ms'
const EXPIRY_TIME = 'delegation.token.expiry.time.ms'

/** The Kafka error code a client failure carries, when the cluster answered with one. */
export const kafkaCode = (err: unknown): number | undefined => protocolErrors(err)[0]?.code

/**
 * Every token the console's principal may see, HMACs included (for expire and renew only); with
 * owners, only those one of them owns, requested or may renew (Kafka filters).
 */
export async function describeTokens(
  admin: Admin,
  owners: string[] | null = null
): Promise<DescribeDelegationTokenResponseToken[]> {
  const answer = await describeDelegationTokenV3.api.async(
    await controllerConnection(admin),
    owners?.map(splitPrincipal) ?? null
  )
  return answer.tokens
}

/** A broker's value of `name`, when the cluster lets the console read it. */
async function brokerConfigs(admin: Admin): Promise<Map<string, number>> {
  const md = await admin.metadata({ topics: [] })
  const brokerId = md.brokers.has(md.controllerId)
    ? md.controllerId
    : Math.min(...md.brokers.keys())
  const connection = await admin.connections.get(md.brokers.get(brokerId)!)
  const answer = await describeConfigsV4.api
    .async(
      connection,
      [
        {
          resourceType: BROKER_RESOURCE,
          resourceName: String(brokerId),
          configurationKeys: [MAX_LIFETIME, EXPIRY_TIME]
        }
      ],
      false,
      false
    )
    .catch(() => null)
  const values = new Map<string, number>()
  for (const c of answer?.results[0]?.configs ?? []) {
    const n = c.value === null || c.value === undefined ? NaN : Number(c.value)
    if (Number.isFinite(n)) values.set(c.name, n)
  }
  return values
}

export const principal = (type: string, name: string) => `${type}:${name}`

/** `TYPE:NAME` split at its first colon, as Kafka's SecurityUtils.parseKafkaPrincipal does. */
export function splitPrincipal(p: string): { principalType: string; principalName: string } {
  const colon = p.indexOf(':')
  return { principalType: p.slice(0, colon), principalName: p.slice(colon + 1) }
}

export function info(t: DescribeDelegationTokenResponseToken, now: number): DelegationTokenInfo {
  const expiryTimestamp = Number(t.expiryTimestamp)
  const maxTimestamp = Number(t.maxTimestamp)
  return {
    tokenId: t.tokenId,
    owner: principal(t.principalType, t.principalName),
    requester: principal(t.tokenRequesterPrincipalType, t.tokenRequesterPrincipalName),
    renewers: t.renewers.map((r) => principal(r.principalType, r.principalName)),
    issueTimestamp: Number(t.issueTimestamp),
    expiryTimestamp,
    maxTimestamp,
    expired: expiryTimestamp < now || maxTimestamp < now
  }
}

/** Kafka's refusal of token requests on this connection, as the console says it. */
export function notAllowed(ctx: ExternalContext): ApiError {
  return new ApiError(
    'BAD_REQUEST',
    `'${ctx.name}' connects over ${ctx.clients.target.security.protocol}: Kafka answers delegation token requests only on a connection that logs in (SASL, or SSL with a client certificate), so its tokens cannot be listed, created, renewed or expired from here (DELEGATION_TOKEN_REQUEST_NOT_ALLOWED)`
  )
}

/** Kafka's answer when its brokers have no delegation.token.secret.key, as the console says it. */
export const tokensOff = (ctx: ExternalContext, field: string) =>
  new ApiError(
    'BAD_REQUEST',
    `Delegation tokens are off on '${ctx.name}': its brokers have no delegation.token.secret.key (DELEGATION_TOKEN_AUTH_DISABLED)`,
    field
  )

/** The principal the console logs in to the cluster as, in words. */
export const whoAmI = (ctx: ExternalContext) => {
  const sasl = ctx.clients.target.security.sasl
  return sasl ? `User:${sasl.username}` : "the connection's principal"
}

/** A token by id as DescribeDelegationToken gives it (with its HMAC), or a clear refusal. */
export async function describedToken(
  ctx: ExternalContext,
  admin: Admin,
  tokenId: string
): Promise<DescribeDelegationTokenResponseToken> {
  const tokens = await describeTokens(admin).catch((err: unknown) => {
    const code = kafkaCode(err)
    if (code === ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED) throw tokensOff(ctx, 'tokenId')
    if (code === ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED) throw notAllowed(ctx)
    throw err
  })
  const token = tokens.find((t) => t.tokenId === tokenId)
  if (!token)
    throw new ApiError(
      'NOT_FOUND',
      `No delegation token '${tokenId}' that ${whoAmI(ctx)} may see on '${ctx.name}'`,
      'tokenId'
    )
  return token
}

/** Kafka's refusal to expire or renew a token, as the console says it (rethrows the rest). */
export function refusedForToken(
  ctx: ExternalContext,
  token: DescribeDelegationTokenResponseToken,
  verb: 'expire' | 'renew',
  expired: string,
  err: unknown
): never {
  const code = kafkaCode(err)
  const owner = principal(token.principalType, token.principalName)
  if (code === ErrorCode.DELEGATION_TOKEN_OWNER_MISMATCH)
    throw new ApiError(
      'FORBIDDEN',
      `Kafka lets only a token's owner, requester or renewers ${verb} it: '${token.tokenId}' is ${owner}'s, and the console logs in to '${ctx.name}' as none of them (DELEGATION_TOKEN_OWNER_MISMATCH)`,
      'tokenId'
    )
  if (code === ErrorCode.DELEGATION_TOKEN_EXPIRED)
    throw new ApiError('CONFLICT', `${expired} (DELEGATION_TOKEN_EXPIRED)`, 'tokenId')
  if (code === ErrorCode.DELEGATION_TOKEN_NOT_FOUND)
    throw new ApiError('NOT_FOUND', `No delegation token '${token.tokenId}'`, 'tokenId')
  throw err
}

export function externalTokens(
  ctx: ExternalContext
): Pick<Area<typeof usersParams>, 'tokens.list' | 'tokens.expire'> {
  const { clients } = ctx
  return {
    'tokens.list': async ({ owners }): Promise<TokensList> =>
      clients.run('tokens.list', async () => {
        const admin = clients.admin()
        const [described, configs] = await Promise.all([
          describeTokens(admin, owners ?? null).catch((err: unknown) => {
            const code = kafkaCode(err)
            if (code === ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED) return null
            if (code === ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED) throw notAllowed(ctx)
            throw err
          }),
          brokerConfigs(admin)
        ])
        const now = Date.now()
        return {
          enabled: described !== null,
          maxLifetimeMs: configs.get(MAX_LIFETIME) ?? null,
          expiryTimeMs: configs.get(EXPIRY_TIME) ?? null,
          tokens: (described ?? [])
            .map((t) => info(t, now))
            .sort((a, b) => a.issueTimestamp - b.issueTimestamp)
        }
      }),
    'tokens.expire': async ({ tokenId, expiryTimePeriodMs = -1 }) =>
      clients.run('tokens.expire', async () => {
        const admin = clients.admin()
        const token = await describedToken(ctx, admin, tokenId)
        const expired = await expireDelegationTokenV2.api
          .async(await controllerConnection(admin), token.hmac, BigInt(expiryTimePeriodMs))
          .catch((err: unknown) =>
            refusedForToken(
              ctx,
              token,
              'expire',
              `'${tokenId}' has already expired: expire it at once (a negative period) to remove it, or leave it to the brokers' expiry check`,
              err
            )
          )
        return {
          tokenId,
          expiryTimestamp: Number(expired.expiryTimestampMs),
          removed: expiryTimePeriodMs < 0
        }
      })
  }
}
