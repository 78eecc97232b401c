// What one request's principal may do, asked of the authorizer: the principal is the SASL user
// (`User:NAME`), the client certificate's subject on SSL (`User:CN=...`), or `User:ANONYMOUS`
// when neither names the client, as in Kafka.
import type { AclOperation, AclResourceType } from '../../../shared/api/acls'
import { CLUSTER_RESOURCE_NAME } from '../../../shared/api/acls'
import type { AclSubject, Authorizer } from '../../security/authorizer'
import type { RequestContext } from '../request-context'
import { addressOf } from '../connection-limits'

const ANONYMOUS = 'User:ANONYMOUS'

/** Who sent the request, as the authorizer is asked about it. */
export function requestSubject(ctx: RequestContext): AclSubject {
  return {
    principal: ctx.user !== null ? `User:${ctx.user}` : ANONYMOUS,
    host: addressOf(ctx.clientHost)
  }
}

/** Kafka's message for a described group that names a topic the principal may not DESCRIBE. */
export const GROUP_TOPICS_DENIED =
  'The described group uses topics that the client is not authorized to describe.'

/**
 * Whether the principal may DESCRIBE every topic a described group names (ConsumerGroupDescribe,
 * ShareGroupDescribe): Kafka describes a group only then, and answers TOPIC_AUTHORIZATION_FAILED
 * without its members otherwise. Always true without an authorizer.
 */
export function mayDescribeGroupTopics(ctx: RequestContext, topics: Iterable<string>): boolean {
  const authorizer = ctx.authorizer
  if (!authorizer) return true
  const who = requestSubject(ctx)
  for (const topic of new Set(topics))
    if (!authorizer.authorize(who, 'DESCRIBE', 'TOPIC', topic)) return false
  return true
}

export class Access {
  constructor(
    private readonly authorizer: Authorizer,
    readonly who: AclSubject,
    /** Called once per refused action of the request, for the broker's log. */
    private readonly denied: (line: string) => void
  ) {}

  can(operation: AclOperation, type: AclResourceType, name: string): boolean {
    const ok = this.authorizer.authorize(this.who, operation, type, name)
    if (!ok)
      this.denied(
        `Principal = ${this.who.principal} is Denied Operation = ${operation} from host = ${this.who.host} on resource = ${type}:${name}`
      )
    return ok
  }

  topic(operation: AclOperation, name: string): boolean {
    return this.can(operation, 'TOPIC', name)
  }

  group(operation: AclOperation, id: string): boolean {
    return this.can(operation, 'GROUP', id)
  }

  transactionalId(operation: AclOperation, id: string): boolean {
    return this.can(operation, 'TRANSACTIONAL_ID', id)
  }

  cluster(operation: AclOperation): boolean {
    return this.can(operation, 'CLUSTER', CLUSTER_RESOURCE_NAME)
  }

  /** Asked quietly: a refusal here is not logged (a fallback follows, or nothing is refused). */
  quietly(operation: AclOperation, type: AclResourceType, name: string): boolean {
    return this.authorizer.authorize(this.who, operation, type, name)
  }

  /** Whether some resource of the type allows the operation (Kafka's authorizeByResourceType). */
  anyOf(operation: AclOperation, type: AclResourceType): boolean {
    return this.authorizer.authorizeAny(this.who, operation, type)
  }
}
