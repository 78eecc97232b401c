// External backend, ACLs area: a real cluster's ACLs through DescribeAcls, CreateAcls and
// DeleteAcls, with Kafka's numeric resource, pattern, operation and permission types as the
// contract names them. A cluster without an authorizer answers SECURITY_DISABLED: it keeps no
// ACLs, so the list is empty and says the authorizer is off. Its super users are broker
// settings no Kafka API tells a client: the list names none.
import {
  AclOperations,
  AclPermissionTypes,
  ResourcePatternTypes,
  ResourceTypes,
  type Acl,
  type AclFilter as WireFilter
} from '@platformatic/kafka'
import {
  ACL_OPERATIONS,
  ACL_PATTERN_TYPES,
  ACL_PERMISSIONS,
  ACL_RESOURCE_TYPES,
  type AclBinding,
  type AclFilter,
  type aclsParams
} from '../../../shared/api/acls'
import { ApiError } from '../../../shared/errors'
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { Area } from '../backend'
import type { ExternalContext } from './context'
import { kafkaApiError, protocolErrors } from './kafka-errors'

type Codes = Record<string, number>

function nameOf<T extends string>(codes: Codes, names: readonly T[], code: number): T | undefined {
  return names.find((n) => codes[n] === code)
}

/** A binding as CreateAcls sends it. */
function wireAcl(b: AclBinding): Acl {
  return {
    resourceType: ResourceTypes[b.resourceType],
    resourceName: b.resourceName,
    resourcePatternType: ResourcePatternTypes[b.patternType],
    principal: b.principal,
    host: b.host,
    operation: AclOperations[b.operation],
    permissionType: AclPermissionTypes[b.permission]
  }
}

/** A filter as DescribeAcls and DeleteAcls send it: an absent field is ANY (or null, for names). */
function wireFilter(f: AclFilter = {}): WireFilter {
  return {
    resourceType: f.resourceType ? ResourceTypes[f.resourceType] : ResourceTypes.ANY,
    resourceName: f.resourceName ?? null,
    resourcePatternType: f.patternType
      ? ResourcePatternTypes[f.patternType]
      : ResourcePatternTypes.ANY,
    principal: f.principal ?? null,
    host: f.host ?? null,
    operation: f.operation ? AclOperations[f.operation] : AclOperations.ANY,
    permissionType: f.permission ? AclPermissionTypes[f.permission] : AclPermissionTypes.ANY
  }
}

/**
 * An ACL the cluster described, in the contract's names; undefined for one of a type the
 * contract does not name (a newer operation or resource type than it knows).
 */
function bindingOf(a: Acl): AclBinding | undefined {
  const resourceType = nameOf(ResourceTypes, ACL_RESOURCE_TYPES, a.resourceType)
  const patternType = nameOf(ResourcePatternTypes, ACL_PATTERN_TYPES, a.resourcePatternType)
  const operation = nameOf(AclOperations, ACL_OPERATIONS, a.operation)
  const permission = nameOf(AclPermissionTypes, ACL_PERMISSIONS, a.permissionType)
  if (!resourceType || !patternType || !operation || !permission) return undefined
  return {
    resourceType,
    resourceName: a.resourceName,
    patternType,
    principal: a.principal,
    host: a.host,
    operation,
    permission
  }
}

const isBinding = (b: AclBinding | undefined): b is AclBinding => b !== undefined

const describe = (b: AclBinding) =>
  `${b.permission} ${b.principal} ${b.operation} on ${b.resourceType} ${b.patternType} '${b.resourceName}' from ${b.host}`

/** Whether the cluster answered SECURITY_DISABLED: no authorizer is configured on it. */
const securityDisabled = (err: unknown) =>
  protocolErrors(err).some((e) => e.code === ErrorCode.SECURITY_DISABLED)

function noAuthorizer(ctx: ExternalContext, what: string): ApiError {
  return new ApiError(
    'BAD_REQUEST',
    `${what}: '${ctx.name}' has no authorizer configured (SECURITY_DISABLED), so it keeps no ACLs; set authorizer.class.name on its brokers first`
  )
}

export function externalAcls(ctx: ExternalContext): Area<typeof aclsParams> {
  const { clients } = ctx
  const securityProtocol = clients.target.security.protocol
  return {
    'acls.list': ({ filter }) =>
      clients.run('acls.list', async () => {
        try {
          const resources = await clients.admin().describeAcls({ filter: wireFilter(filter) })
          const acls = resources
            .flatMap((r) => r.acls.map((a) => bindingOf({ ...r, ...a })))
            .filter(isBinding)
          return { authorizerEnabled: true, superUsers: [], securityProtocol, acls }
        } catch (err) {
          if (!securityDisabled(err)) throw err
          return { authorizerEnabled: false, superUsers: [], securityProtocol, acls: [] }
        }
      }),
    'acls.create': ({ acls }) => {
      const created: AclBinding[] = acls.map((a) => ({
        ...a,
        patternType: a.patternType ?? 'LITERAL',
        host: a.host ?? '*'
      }))
      return clients.run('acls.create', async () => {
        try {
          await clients.admin().createAcls({ creations: created.map(wireAcl) })
        } catch (err) {
          if (securityDisabled(err)) throw noAuthorizer(ctx, 'acls.create')
          // CreateAcls answers for each binding: name the first one refused.
          const at = protocolErrors(err)
            .map((e) => /^\/results\/(\d+)$/.exec(e.path ?? '')?.[1])
            .find((i) => i !== undefined)
          const refused = at === undefined ? undefined : created[Number(at)]
          if (refused)
            throw kafkaApiError(err, `acls.create ${describe(refused)}`, clients.addresses)
          throw err
        }
        return { created }
      })
    },
    'acls.delete': ({ filter }) =>
      clients.run('acls.delete', async () => {
        try {
          const deleted = await clients.admin().deleteAcls({ filters: [wireFilter(filter)] })
          return { deleted: deleted.map(bindingOf).filter(isBinding) }
        } catch (err) {
          if (securityDisabled(err)) throw noAuthorizer(ctx, 'acls.delete')
          throw err
        }
      })
  }
}
