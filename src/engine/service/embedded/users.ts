// Embedded backend, users area: the SASL users of the listeners and their SCRAM credentials.
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
    }
  }
}
