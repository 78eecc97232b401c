// Embedded backend, ACLs area: the ACLs the authorizer enforces (kept even while it is off).
import type { AclBinding, aclsParams } from '../../../shared/api/acls'
import type { Engine } from '../../engine'
import type { AuthorizerSettings } from '../../security/authorizer'
import type { Area } from '../backend'

export function embeddedAcls(
  engine: Engine,
  securityProtocol: string,
  authorizer: AuthorizerSettings | undefined
): Area<typeof aclsParams> {
  return {
    'acls.list': async ({ filter }) => ({
      authorizerEnabled: authorizer !== undefined,
      superUsers: [...(authorizer?.superUsers ?? [])],
      securityProtocol,
      acls: engine.listAcls(filter)
    }),
    'acls.create': async ({ acls }) => {
      const created: AclBinding[] = acls.map((a) => ({
        ...a,
        patternType: a.patternType ?? 'LITERAL',
        host: a.host ?? '*'
      }))
      engine.addAcls(created)
      return { created }
    },
    'acls.delete': async ({ filter }) => ({ deleted: engine.removeAcls(filter) })
  }
}
