// The authorizer's decision for one action, as Kafka's StandardAuthorizer makes it: super users
// may do anything; a matching DENY wins over any ALLOW; READ, WRITE, DELETE or ALTER imply
// DESCRIBE, and ALTER_CONFIGS implies DESCRIBE_CONFIGS; a resource no ACL names is refused unless
// allow.everyone.if.no.acl.found.
import type { AclBinding, AclOperation, AclResourceType } from '../../shared/api/acls'
import { WILDCARD } from './acls'

/** Where the authorizer reads the ACLs from, on every decision. */
export interface AclSource {
  allAcls(): readonly AclBinding[]
}

export interface AuthorizerSettings {
  /** Principals (`User:NAME`) allowed everything: Kafka's super.users. */
  superUsers: readonly string[]
  /** allow.everyone.if.no.acl.found: a resource no ACL names is open to all (default false). */
  allowEveryoneIfNoAclFound: boolean
}

/** Who asks: `User:NAME` (`User:ANONYMOUS` without a login) and the client's address. */
export interface AclSubject {
  principal: string
  host: string
}

const IMPLIED_BY: Partial<Record<AclOperation, readonly AclOperation[]>> = {
  DESCRIBE: ['DESCRIBE', 'READ', 'WRITE', 'DELETE', 'ALTER'],
  DESCRIBE_CONFIGS: ['DESCRIBE_CONFIGS', 'ALTER_CONFIGS']
}

function resourceApplies(b: AclBinding, type: AclResourceType, name: string): boolean {
  if (b.resourceType !== type) return false
  return b.patternType === 'LITERAL'
    ? b.resourceName === name || b.resourceName === WILDCARD
    : name.startsWith(b.resourceName)
}

function subjectApplies(b: AclBinding, who: AclSubject): boolean {
  return (
    (b.principal === who.principal || b.principal === `User:${WILDCARD}`) &&
    (b.host === who.host || b.host === WILDCARD)
  )
}

export class Authorizer {
  constructor(
    private readonly acls: AclSource,
    readonly settings: AuthorizerSettings
  ) {}

  isSuperUser(principal: string): boolean {
    return this.settings.superUsers.includes(principal)
  }

  authorize(
    who: AclSubject,
    operation: AclOperation,
    type: AclResourceType,
    name: string
  ): boolean {
    if (this.isSuperUser(who.principal)) return true
    const onResource = this.acls.allAcls().filter((b) => resourceApplies(b, type, name))
    const mine = onResource.filter((b) => subjectApplies(b, who))
    if (
      mine.some(
        (b) => b.permission === 'DENY' && (b.operation === operation || b.operation === 'ALL')
      )
    )
      return false
    if (onResource.length === 0) return this.settings.allowEveryoneIfNoAclFound
    const allowedBy = IMPLIED_BY[operation] ?? [operation]
    return mine.some(
      (b) => b.permission === 'ALLOW' && (b.operation === 'ALL' || allowedBy.includes(b.operation))
    )
  }

  /**
   * Whether the principal may do the operation on some resource of the type (Kafka's
   * authorizeByResourceType): an ALLOW for it on any pattern not denied to it by a wildcard.
   */
  authorizeAny(who: AclSubject, operation: AclOperation, type: AclResourceType): boolean {
    if (this.isSuperUser(who.principal)) return true
    const mine = this.acls
      .allAcls()
      .filter((b) => b.resourceType === type && subjectApplies(b, who))
      .filter((b) => b.operation === operation || b.operation === 'ALL')
    const deniedEverywhere = mine.some(
      (b) => b.permission === 'DENY' && b.patternType === 'LITERAL' && b.resourceName === WILDCARD
    )
    if (deniedEverywhere) return false
    if (mine.some((b) => b.permission === 'ALLOW')) return true
    return (
      this.settings.allowEveryoneIfNoAclFound &&
      !this.acls.allAcls().some((b) => b.resourceType === type)
    )
  }
}
