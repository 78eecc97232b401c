// External backend, delegation tokens created and renewed: CreateDelegationToken (v3 when the
// console names another owner, KIP-373; v2 otherwise, for the connection's own principal) and
// RenewDelegationToken. A new token's HMAC is in the create answer once, for the developer to
// copy, as kafka-delegation-tokens.sh --create prints it; Kafka renews a token by its HMAC, which
// the console reads from DescribeDelegationToken (as tokens.ts expires) and sends back, never
// shows. Kafka's rules stay its own: a connection that logged in with a token may not ask for
// one, another owner needs CREATE_TOKENS on that user, and only the owner, requester or a
// renewer may renew.
import {
  createDelegationTokenV2,
  createDelegationTokenV3,
  renewDelegationTokenV2
} from '@platformatic/kafka'
import type { CreatedDelegationToken, usersParams } from '../../../shared/api/users'
import { ApiError } from '../../../shared/errors'
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { Area } from '../backend'
import type { ExternalContext } from './context'
import {
  describedToken,
  kafkaCode,
  notAllowed,
  principal,
  refusedForToken,
  splitPrincipal as split,
  tokensOff,
  whoAmI
} from './tokens'
import { controllerConnection } from './users'

export function externalTokenRequests(
  ctx: ExternalContext
): Pick<Area<typeof usersParams>, 'tokens.create' | 'tokens.renew'> {
  const { clients } = ctx
  return {
    'tokens.create': async ({ owner, renewers = [], maxLifetimeMs }) =>
      clients.run('tokens.create', async () => {
        const connection = await controllerConnection(clients.admin())
        const o = owner ? split(owner) : null
        const api = o ? createDelegationTokenV3 : createDelegationTokenV2
        const created = await api.api
          .async(
            connection,
            o?.principalType ?? null,
            o?.principalName ?? null,
            renewers.map(split),
            BigInt(maxLifetimeMs ?? -1)
          )
          .catch((err: unknown) => {
            const code = kafkaCode(err)
            if (code === ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED) throw tokensOff(ctx, 'owner')
            if (code === ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED) throw notAllowed(ctx)
            if (code === ErrorCode.DELEGATION_TOKEN_AUTHORIZATION_FAILED)
              throw new ApiError(
                'FORBIDDEN',
                `${whoAmI(ctx)} may not create a token for ${owner} on '${ctx.name}': Kafka asks for CREATE_TOKENS on that user (DELEGATION_TOKEN_AUTHORIZATION_FAILED)`,
                'owner'
              )
            if (code === ErrorCode.INVALID_PRINCIPAL_TYPE)
              throw new ApiError(
                'BAD_REQUEST',
                'Kafka takes only User:NAME principals as a token owner and renewers (INVALID_PRINCIPAL_TYPE)',
                'renewers'
              )
            throw err
          })
        const expiryTimestamp = Number(created.expiryTimestampMs)
        const maxTimestamp = Number(created.maxTimestampMs)
        const ownerName = principal(created.principalType, created.principalName)
        const now = Date.now()
        const answer: CreatedDelegationToken = {
          tokenId: created.tokenId,
          owner: ownerName,
          requester: created.tokenRequesterPrincipalName
            ? principal(created.tokenRequesterPrincipalType, created.tokenRequesterPrincipalName)
            : ownerName,
          renewers: renewers.map((r) => {
            const s = split(r)
            return principal(s.principalType, s.principalName)
          }),
          issueTimestamp: Number(created.issueTimestampMs),
          expiryTimestamp,
          maxTimestamp,
          expired: expiryTimestamp < now || maxTimestamp < now,
          hmac: created.hmac.toString('base64')
        }
        return answer
      }),
    'tokens.renew': async ({ tokenId, renewPeriodMs }) =>
      clients.run('tokens.renew', async () => {
        const admin = clients.admin()
        const token = await describedToken(ctx, admin, tokenId)
        const renewed = await renewDelegationTokenV2.api
          .async(await controllerConnection(admin), token.hmac, BigInt(renewPeriodMs ?? -1))
          .catch((err: unknown) =>
            refusedForToken(
              ctx,
              token,
              'renew',
              `'${tokenId}' has expired and cannot be renewed`,
              err
            )
          )
        return { tokenId, expiryTimestamp: Number(renewed.expiryTimestampMs) }
      })
  }
}
