// Embedded backend, users area: the SASL users of the listeners and their SCRAM credentials, and
// the delegation tokens.
import type { SaslUser, usersParams } from '../../../shared/api/users'
import { ApiError } from '../../../shared/errors'
import type { Engine } from '../../engine'
import { SCRAM_MECHANISMS } from '../../security/scram'
import type { Area } from '../backend'

export function embeddedUsers(
  engine: Engine,
  securityProtocol: string,
  saslMechanisms: readonly string[] = []
): Area<typeof usersParams> {
  const user = (name: string): SaslUser => ({
    name,
    credentials: engine.saslUsers().find((u) => u.name === name)?.credentials ?? []
  })
  return {
    'users.list': async () => ({
      securityProtocol,
      saslEnabled: securityProtocol.startsWith('SASL'),
      saslMechanisms: [...saslMechanisms],
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
    'tokens.list': async () => {
      const now = Date.now()
      return {
        enabled: engine.delegationTokensEnabled(),
        maxLifetimeMs: Number(engine.brokerConfig('delegation.token.max.lifetime.ms')),
        expiryTimeMs: Number(engine.brokerConfig('delegation.token.expiry.time.ms')),
        tokens: engine.delegationTokens().map((t) => ({
          tokenId: t.tokenId,
          owner: t.owner,
          requester: t.requester,
          renewers: [...t.renewers],
          issueTimestamp: t.issueMs,
          expiryTimestamp: t.expiryMs,
          maxTimestamp: t.maxMs,
          expired: t.expiryMs < now || t.maxMs < now
        }))
      }
    },
    'tokens.expire': async ({ tokenId }) => {
      if (!engine.removeDelegationToken(tokenId))
        throw new ApiError('NOT_FOUND', `No delegation token '${tokenId}'`, 'tokenId')
      return { tokenId }
    }
  }
}
