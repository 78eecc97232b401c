// The embedded cluster's ACLs: kept in the database (so they survive a restart), cached in
// memory for the authorizer, and matched against filters as Kafka's AclBindingFilter does.
import type {
  AclBinding,
  AclFilter,
  AclOperation,
  AclPatternType,
  AclPermission,
  AclResourceType
} from '../../shared/api/acls'
import type { Db } from '../storage/database'
import { aclQueries } from '../storage/acl-queries'

/** The `*` of a LITERAL resource name, principal (`User:*`) or host: everything. */
export const WILDCARD = '*'

function key(b: AclBinding): [string, string, string, string, string, string, string] {
  return [
    b.resourceType,
    b.resourceName,
    b.patternType,
    b.principal,
    b.host,
    b.operation,
    b.permission
  ]
}

/** Whether a binding's resource pattern is one the filter asks about (Kafka's ResourcePatternFilter). */
function resourceMatches(f: AclFilter, b: AclBinding): boolean {
  if (f.resourceType !== undefined && f.resourceType !== b.resourceType) return false
  const pattern = f.patternType
  if (pattern !== undefined && pattern !== 'MATCH' && pattern !== b.patternType) return false
  if (f.resourceName === undefined) return true
  if (pattern === undefined || pattern === b.patternType) return f.resourceName === b.resourceName
  return b.patternType === 'LITERAL'
    ? f.resourceName === b.resourceName || b.resourceName === WILDCARD
    : f.resourceName.startsWith(b.resourceName)
}

/** @internal Exported for the filter tests; the store uses it. */
export function aclMatches(f: AclFilter, b: AclBinding): boolean {
  return (
    resourceMatches(f, b) &&
    (f.principal === undefined || f.principal === b.principal) &&
    (f.host === undefined || f.host === b.host) &&
    (f.operation === undefined || f.operation === b.operation) &&
    (f.permission === undefined || f.permission === b.permission)
  )
}

export class AclStore {
  private readonly q
  private bindings: AclBinding[] = []

  constructor(db: Db) {
    this.q = aclQueries(db)
    this.bindings = this.q.aclSelectAll.all().map((r) => ({
      resourceType: r.resource_type as AclResourceType,
      resourceName: r.resource_name,
      patternType: r.pattern_type as AclPatternType,
      principal: r.principal,
      host: r.host,
      operation: r.operation as AclOperation,
      permission: r.permission as AclPermission
    }))
  }

  /** Every ACL, in the order they are listed (type, name, pattern, principal, host, ...). */
  all(): readonly AclBinding[] {
    return this.bindings
  }

  list(filter: AclFilter = {}): AclBinding[] {
    return this.bindings.filter((b) => aclMatches(filter, b))
  }

  /** Adds the ACLs not already there; an existing one is not an error (as in Kafka). */
  add(acls: readonly AclBinding[]): void {
    const fresh = acls.filter(
      (a, i) =>
        !this.bindings.some((b) => sameBinding(a, b)) &&
        acls.findIndex((x) => sameBinding(a, x)) === i
    )
    if (fresh.length === 0) return
    for (const a of fresh) this.q.aclInsert.run(...key(a))
    this.bindings = [...this.bindings, ...fresh].sort(compareBindings)
  }

  /** Removes every ACL matching the filter and returns them. */
  remove(filter: AclFilter): AclBinding[] {
    const removed = this.list(filter)
    if (removed.length === 0) return []
    for (const a of removed) this.q.aclDelete.run(...key(a))
    this.bindings = this.bindings.filter((b) => !removed.includes(b))
    return removed
  }
}

function sameBinding(a: AclBinding, b: AclBinding): boolean {
  return key(a).join('\u0000') === key(b).join('\u0000')
}

function compareBindings(a: AclBinding, b: AclBinding): number {
  const ka = key(a)
  const kb = key(b)
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1
  return 0
}
