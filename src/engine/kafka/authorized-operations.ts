// The authorized-operations bit fields of Metadata, DescribeCluster and DescribeGroups, as Kafka
// fills them when a client asks: a bit per ACL operation code the principal may do on the
// resource, among those the resource type supports; all of them without an authorizer.
import type { AclOperation } from '../../shared/api/acls'
import { requestSubject } from './authorization/access'
import type { RequestContext } from './request-context'

/** The field's value when the client did not ask (Integer.MIN_VALUE). */
export const OPERATIONS_OMITTED = -2147483648

/** Kafka's AclOperation codes. */
const CODE: Partial<Record<AclOperation, number>> = {
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12
}

/** The operations each resource type supports, as Kafka's AclEntry lists them. */
const SUPPORTED: Record<'TOPIC' | 'GROUP' | 'CLUSTER', AclOperation[]> = {
  TOPIC: [
    'READ',
    'WRITE',
    'CREATE',
    'DESCRIBE',
    'DELETE',
    'ALTER',
    'DESCRIBE_CONFIGS',
    'ALTER_CONFIGS'
  ],
  // Groups have configs since Kafka 4.0 (KIP-848), and DESCRIBE_CONFIGS / ALTER_CONFIGS with them.
  GROUP: ['READ', 'DESCRIBE', 'DELETE', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS'],
  CLUSTER: [
    'CREATE',
    'CLUSTER_ACTION',
    'DESCRIBE_CONFIGS',
    'ALTER_CONFIGS',
    'IDEMPOTENT_WRITE',
    'ALTER',
    'DESCRIBE'
  ]
}

export function authorizedOperations(
  ctx: RequestContext,
  type: keyof typeof SUPPORTED,
  name: string
): number {
  const authorizer = ctx.authorizer
  const who = requestSubject(ctx)
  let bits = 0
  for (const op of SUPPORTED[type])
    if (!authorizer || authorizer.authorize(who, op, type, name)) bits |= 1 << (CODE[op] ?? 0)
  return bits
}
