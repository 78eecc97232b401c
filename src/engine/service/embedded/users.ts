// Embedded backend, users area: the SASL users of the listeners and their SCRAM credentials, and
// the delegation tokens: created for the owner the console names, as if that owner asked, and
// renewed as their owner.
import type {
  DelegationTokenInfo,
  ListenerProtocol,
  SaslUser,
  usersParams
} from '../../../shared/api/users'
import { ApiError } from '../../../shared/errors'
import type { ErrorName } from '../../../shared/kafka/error-codes'
import { ownerOrRenewer, type DelegationToken } from '../../security/delegation-tokens'
import type { Engine } from '../../engine'
import { SCRAM_MECHANISMS } from '../../security/scram'
import type { Area } from '../backend'

function tokenInfo(t: DelegationToken, now: number): DelegationTokenInfo {
  return {
    tokenId: t.tokenId,
    owner: t.owner,
    requester: t.requester,
    renewers: [...t.renewers],
    issueTimestamp: t.issueMs,
    expiryTimestamp: t.expiryMs,
    maxTimestamp: t.maxMs,
    expired: t.expiryMs < now || t.maxMs < now
  }
}

/** The engine's refusal of a token request, as the console says it. */
function refusal(error: ErrorName, field: string, tokenId?: string): ApiError {
  switch (error) {
    case 'DELEGATION_TOKEN_AUTH_DISABLED':
      return new ApiError(
        'BAD_REQUEST',
        'Delegation tokens are off: set delegation.token.secret.key on the brokers (DELEGATION_TOKEN_AUTH_DISABLED)',
        field
      )
    case 'DELEGATION_TOKEN_NOT_FOUND':
      return new ApiError('NOT_FOUND', `No delegation token '${tokenId}'`, field)
    case 'DELEGATION_TOKEN_EXPIRED':
      return new ApiError(
        'CONFLICT',
        `'${tokenId}' has expired and cannot be renewed (DELEGATION_TOKEN_EXPIRED)`,
        field
      )
    default:
      return new ApiError('BAD_REQUEST', `Kafka refuses the token request (${error})`, field)
  }
}

export function embeddedUsers(
  engine: Engine,
  listeners: readonly ListenerProtocol[],
  saslMechanisms: readonly string[] = []
): Area<typeof usersParams> {
  const securityProtocol = listeners[0]?.securityProtocol ?? 'PLAINTEXT'
  const user = (name: string): SaslUser => ({
    name,
    credentials: engine.saslUsers().find((u) => u.name === name)?.credentials ?? []
  })
  return {
    'users.list': async () => ({
      securityProtocol,
      // On when any listener asks for SASL (the first one or another).
      saslEnabled: securityProtocol.startsWith('SASL') || saslMechanisms.length > 0,
      saslMechanisms: [...saslMechanisms],
      listeners: [...listeners],
      users: engine.saslUsers()
    }),
    'users.set': async ({ name, password, mechanisms, iterations }) => {
      engine.setSaslPassword(name, password, mechanisms ?? SCRAM_MECHANISMS, iterations)
      return user(name)
    },
    'users.delete': async ({ name, mechanism }) => {
      const before = user(name).credentials.map((c) => c.mechanism)
      if (before.length === 0) throw new ApiError('NOT_FOUND', `No SASL user '${name}'`, 'name')
      if (mechanism) {
        if (!engine.removeScramCredential(name, mechanism))
          throw new ApiError(
            'NOT_FOUND',
            `User '${name}' has no ${mechanism} credential`,
            'mechanism'
          )
        return { name, deleted: [mechanism] }
      }
      engine.removeSaslUser(name)
      return { name, deleted: before }
    },
    'tokens.list': async ({ owners }) => {
      const now = Date.now()
      // DescribeDelegationToken's owners: a token one of them owns, requested or may renew.
      const wanted = (t: DelegationToken) => !owners || owners.some((p) => ownerOrRenewer(t, p))
      return {
        enabled: engine.delegationTokensEnabled(),
        maxLifetimeMs: Number(engine.brokerConfig('delegation.token.max.lifetime.ms')),
        expiryTimeMs: Number(engine.brokerConfig('delegation.token.expiry.time.ms')),
        tokens: engine
          .delegationTokens()
          .filter(wanted)
          .map((t) => tokenInfo(t, now))
      }
    },
    'tokens.create': async ({ owner, renewers, maxLifetimeMs }) => {
      if (!owner)
        throw new ApiError(
          'BAD_REQUEST',
          "The embedded cluster's console logs in as no user: name the token's owner (User:NAME)",
          'owner'
        )
      if (!owner.startsWith('User:'))
        throw new ApiError('BAD_REQUEST', 'A token is owned by a User:NAME principal', 'owner')
      const notUser = (renewers ?? []).find((r) => !r.startsWith('User:'))
      if (notUser)
        throw new ApiError(
          'BAD_REQUEST',
          `'${notUser}' cannot renew a token: renewers are User:NAME principals (INVALID_PRINCIPAL_TYPE)`,
          'renewers'
        )
      // The owner asks for its own token, as a client logged in as the owner would.
      const out = engine.createDelegationToken(owner, owner, renewers ?? [], maxLifetimeMs ?? -1)
      if (!out.ok) throw refusal(out.error, 'owner')
      return { ...tokenInfo(out.token, Date.now()), hmac: out.token.hmac.toString('base64') }
    },
    'tokens.renew': async ({ tokenId, renewPeriodMs }) => {
      const token = engine.delegationTokens().find((t) => t.tokenId === tokenId)
      if (!token) throw new ApiError('NOT_FOUND', `No delegation token '${tokenId}'`, 'tokenId')
      // Renewed as its owner, whom Kafka always lets renew.
      const out = engine.renewDelegationToken(token.owner, token.hmac, renewPeriodMs ?? -1)
      if (!out.ok) throw refusal(out.error, 'tokenId', tokenId)
      return { tokenId, expiryTimestamp: out.expiryMs }
    },
    'tokens.expire': async ({ tokenId, expiryTimePeriodMs = -1 }) => {
      if (expiryTimePeriodMs < 0) {
        const now = Date.now()
        if (!engine.removeDelegationToken(tokenId))
          throw new ApiError('NOT_FOUND', `No delegation token '${tokenId}'`, 'tokenId')
        return { tokenId, expiryTimestamp: now, removed: true }
      }
      const token = engine.delegationTokens().find((t) => t.tokenId === tokenId)
      if (!token) throw new ApiError('NOT_FOUND', `No delegation token '${tokenId}'`, 'tokenId')
      // Expired as its owner, whom Kafka always lets expire it: now + the period, within its max.
      const out = engine.expireDelegationToken(token.owner, token.hmac, expiryTimePeriodMs)
      if (!out.ok) {
        if (out.error === 'DELEGATION_TOKEN_EXPIRED')
          throw new ApiError(
            'CONFLICT',
            `'${tokenId}' has already expired: expire it at once (a negative period) to remove it (DELEGATION_TOKEN_EXPIRED)`,
            'tokenId'
          )
        throw refusal(out.error, 'tokenId', tokenId)
      }
      return { tokenId, expiryTimestamp: out.expiryMs, removed: false }
    }
  }
}
