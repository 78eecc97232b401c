// DescribeAcls (key 29), CreateAcls (30) and DeleteAcls (31): the authorizer's ACLs as Kafka's
// admin clients list, add and remove them. Without an authorizer (`--authorizer` off) all three
// answer SECURITY_DISABLED, as Kafka does; bad filters and bindings get INVALID_REQUEST.
//
// DescribeAcls Request (Version: 3) => resource_type_filter resource_name_filter pattern_type_filter
//   principal_filter host_filter operation permission_type TAG_BUFFER
// CreateAcls Request (Version: 3) => [creations] TAG_BUFFER
// DeleteAcls Request (Version: 3) => [filters] TAG_BUFFER
import { ErrorCode } from '../../../shared/kafka/error-codes'
import {
  ACL_OPERATIONS,
  ACL_PATTERN_TYPES,
  ACL_PERMISSIONS,
  ACL_RESOURCE_TYPES,
  CLUSTER_RESOURCE_NAME,
  type AclBinding,
  type AclFilter
} from '../../../shared/api/acls'
import type {
  CreateAclsRequest,
  CreateAclsResponse,
  DeleteAclsRequest,
  DeleteAclsResponse,
  DescribeAclsRequest,
  DescribeAclsResponse,
  Encodable
} from '../protocol'
import type { RequestContext } from '../request-context'

/** Kafka's codes: ANY is 1; the concrete values follow in Kafka's order. */
const RESOURCE_CODES = {
  ANY: 1,
  TOPIC: 2,
  GROUP: 3,
  CLUSTER: 4,
  TRANSACTIONAL_ID: 5,
  DELEGATION_TOKEN: 6,
  USER: 7
}
const PATTERN_CODES = { ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 }
const OPERATION_CODES = Object.fromEntries([
  ['ANY', 1],
  ...ACL_OPERATIONS.map((op, i) => [op, i + 2])
]) as Record<(typeof ACL_OPERATIONS)[number] | 'ANY', number>
const PERMISSION_CODES = { ANY: 1, DENY: 2, ALLOW: 3 }

function nameOf<T extends string>(
  codes: Record<string, number>,
  names: readonly T[],
  code: number
): T | 'ANY' | undefined {
  if (code === codes.ANY) return 'ANY'
  return names.find((n) => codes[n] === code)
}

function bindingCodes(b: AclBinding) {
  return {
    resourceType: RESOURCE_CODES[b.resourceType],
    resourceName: b.resourceName,
    patternType: PATTERN_CODES[b.patternType],
    principal: b.principal,
    host: b.host,
    operation: OPERATION_CODES[b.operation],
    permissionType: PERMISSION_CODES[b.permission]
  }
}

class InvalidAcl extends Error {}

type WireFilter = DescribeAclsRequest

/** A wire filter in the contract's terms: ANY and null become absent fields. */
function filterOf(f: WireFilter): AclFilter {
  const resourceType = nameOf(RESOURCE_CODES, ACL_RESOURCE_TYPES, f.resourceTypeFilter)
  if (!resourceType) throw new InvalidAcl(`Unknown resource type ${f.resourceTypeFilter}`)
  const patternType =
    f.patternTypeFilter === PATTERN_CODES.MATCH
      ? 'MATCH'
      : nameOf(PATTERN_CODES, ACL_PATTERN_TYPES, f.patternTypeFilter)
  if (!patternType) throw new InvalidAcl(`Unknown pattern type ${f.patternTypeFilter}`)
  const operation = nameOf(OPERATION_CODES, ACL_OPERATIONS, f.operation)
  if (!operation) throw new InvalidAcl(`Unknown operation ${f.operation}`)
  const permission = nameOf(PERMISSION_CODES, ACL_PERMISSIONS, f.permissionType)
  if (!permission) throw new InvalidAcl(`Unknown permission type ${f.permissionType}`)
  const filter: AclFilter = {}
  if (resourceType !== 'ANY') filter.resourceType = resourceType
  if (f.resourceNameFilter !== null) filter.resourceName = f.resourceNameFilter
  if (patternType !== 'ANY') filter.patternType = patternType
  if (f.principalFilter !== null) filter.principal = f.principalFilter
  if (f.hostFilter !== null) filter.host = f.hostFilter
  if (operation !== 'ANY') filter.operation = operation
  if (permission !== 'ANY') filter.permission = permission
  return filter
}

/** A binding to create, checked as Kafka checks one; throws InvalidAcl saying what is wrong. */
function bindingOf(c: CreateAclsRequest['creations'][number]): AclBinding {
  const resourceType = nameOf(RESOURCE_CODES, ACL_RESOURCE_TYPES, c.resourceType)
  const patternType = nameOf(PATTERN_CODES, ACL_PATTERN_TYPES, c.resourcePatternType)
  const operation = nameOf(OPERATION_CODES, ACL_OPERATIONS, c.operation)
  const permission = nameOf(PERMISSION_CODES, ACL_PERMISSIONS, c.permissionType)
  if (!resourceType || resourceType === 'ANY') throw new InvalidAcl('Invalid resource type')
  if (!patternType || patternType === 'ANY')
    throw new InvalidAcl('Invalid pattern type: must be LITERAL or PREFIXED')
  if (!operation || operation === 'ANY') throw new InvalidAcl('Invalid operation')
  if (!permission || permission === 'ANY') throw new InvalidAcl('Invalid permission type')
  if (c.resourceName === '') throw new InvalidAcl('Resource name should not be empty')
  if (resourceType === 'CLUSTER' && c.resourceName !== CLUSTER_RESOURCE_NAME)
    throw new InvalidAcl(`The only valid name for the CLUSTER resource is ${CLUSTER_RESOURCE_NAME}`)
  if (!/^[^:]+:.+$/.test(c.principal))
    throw new InvalidAcl(
      `Could not parse principal from \`${c.principal}\` (no colon is found separating principal type from principal name)`
    )
  if (c.host === '') throw new InvalidAcl('Host should not be empty')
  return {
    resourceType,
    resourceName: c.resourceName,
    patternType,
    principal: c.principal,
    host: c.host,
    operation,
    permission
  }
}

const DISABLED = 'No Authorizer is configured on the broker'

export function handleDescribeAcls(
  body: DescribeAclsRequest,
  ctx: RequestContext
): Encodable<DescribeAclsResponse> {
  if (!ctx.authorizer)
    return { errorCode: ErrorCode.SECURITY_DISABLED, errorMessage: DISABLED, resources: [] }
  let filter: AclFilter
  try {
    filter = filterOf(body)
  } catch (err) {
    if (!(err instanceof InvalidAcl)) throw err
    return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: err.message, resources: [] }
  }
  const byResource = new Map<
    string,
    {
      resourceType: number
      resourceName: string
      patternType: number
      acls: ReturnType<typeof bindingCodes>[]
    }
  >()
  for (const b of ctx.engine.listAcls(filter)) {
    const codes = bindingCodes(b)
    const key = `${codes.resourceType}\u0000${codes.patternType}\u0000${b.resourceName}`
    let r = byResource.get(key)
    if (!r)
      byResource.set(
        key,
        (r = {
          resourceType: codes.resourceType,
          resourceName: b.resourceName,
          patternType: codes.patternType,
          acls: []
        })
      )
    r.acls.push(codes)
  }
  return { errorCode: ErrorCode.NONE, errorMessage: null, resources: [...byResource.values()] }
}

export function handleCreateAcls(
  body: CreateAclsRequest,
  ctx: RequestContext
): Encodable<CreateAclsResponse> {
  const results = body.creations.map((c) => {
    if (!ctx.authorizer) return { errorCode: ErrorCode.SECURITY_DISABLED, errorMessage: DISABLED }
    try {
      ctx.engine.addAcls([bindingOf(c)])
      return { errorCode: ErrorCode.NONE, errorMessage: null }
    } catch (err) {
      if (!(err instanceof InvalidAcl)) throw err
      return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: err.message }
    }
  })
  return { results }
}

export function handleDeleteAcls(
  body: DeleteAclsRequest,
  ctx: RequestContext
): Encodable<DeleteAclsResponse> {
  const filterResults = body.filters.map((f) => {
    if (!ctx.authorizer)
      return { errorCode: ErrorCode.SECURITY_DISABLED, errorMessage: DISABLED, matchingAcls: [] }
    let filter: AclFilter
    try {
      filter = filterOf(f)
    } catch (err) {
      if (!(err instanceof InvalidAcl)) throw err
      return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: err.message, matchingAcls: [] }
    }
    const removed = ctx.engine.removeAcls(filter)
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      matchingAcls: removed.map((b) => ({
        errorCode: ErrorCode.NONE,
        errorMessage: null,
        ...bindingCodes(b)
      }))
    }
  })
  return { filterResults }
}
