// Contract area: the embedded cluster's ACLs, in Kafka's vocabulary (what DescribeAcls /
// CreateAcls / DeleteAcls manage): who may do what to which topic, group, cluster or
// transactional id, allowed or denied, and from which host.
import { z } from 'zod'

export const ACL_RESOURCE_TYPES = [
  'TOPIC',
  'GROUP',
  'CLUSTER',
  'TRANSACTIONAL_ID',
  'DELEGATION_TOKEN',
  'USER'
] as const
export type AclResourceType = (typeof ACL_RESOURCE_TYPES)[number]

export const ACL_PATTERN_TYPES = ['LITERAL', 'PREFIXED'] as const
export type AclPatternType = (typeof ACL_PATTERN_TYPES)[number]

export const ACL_OPERATIONS = [
  'ALL',
  'READ',
  'WRITE',
  'CREATE',
  'DELETE',
  'ALTER',
  'DESCRIBE',
  'CLUSTER_ACTION',
  'DESCRIBE_CONFIGS',
  'ALTER_CONFIGS',
  'IDEMPOTENT_WRITE',
  'CREATE_TOKENS',
  'DESCRIBE_TOKENS'
] as const
export type AclOperation = (typeof ACL_OPERATIONS)[number]

export const ACL_PERMISSIONS = ['ALLOW', 'DENY'] as const
export type AclPermission = (typeof ACL_PERMISSIONS)[number]

/** The one name Kafka gives the CLUSTER resource. */
export const CLUSTER_RESOURCE_NAME = 'kafka-cluster'

/** One ACL: a principal is allowed or denied an operation on resources matching a pattern. */
export interface AclBinding {
  resourceType: AclResourceType
  /** A name, `*` (every resource of the type, LITERAL only) or a prefix (PREFIXED). */
  resourceName: string
  patternType: AclPatternType
  /** `User:NAME`, or `User:*` for every user. */
  principal: string
  /** A client address, or `*` for any. */
  host: string
  operation: AclOperation
  permission: AclPermission
}

/** Which ACLs a list or delete is about: every absent field matches anything. */
export interface AclFilter {
  resourceType?: AclResourceType
  resourceName?: string
  /** MATCH: the ACLs that apply to resourceName (literal, `*` and prefixes of it). */
  patternType?: AclPatternType | 'MATCH'
  principal?: string
  host?: string
  operation?: AclOperation
  permission?: AclPermission
}

const text = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .min(1, { error: 'must not be empty' })
    .max(1024, { error: 'must be at most 1024 characters' })
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    .refine((s) => !/[\x00-\x1f\x7f]/.test(s), { error: 'must not contain control characters' })

const principal = text('a principal').refine((s) => /^[^:]+:.+$/.test(s), {
  error: 'must be TYPE:NAME, e.g. User:alice or User:*'
})
const resourceType = z.enum(ACL_RESOURCE_TYPES, {
  error: `must be one of ${ACL_RESOURCE_TYPES.join(', ')}`
})
const operation = z.enum(ACL_OPERATIONS, { error: `must be one of ${ACL_OPERATIONS.join(', ')}` })
const permission = z.enum(ACL_PERMISSIONS, { error: 'must be ALLOW or DENY' })

const binding = z
  .object({
    resourceType,
    resourceName: text('a resource name'),
    patternType: z.enum(ACL_PATTERN_TYPES, { error: 'must be LITERAL or PREFIXED' }).optional(),
    principal,
    host: text('a host').optional(),
    operation,
    permission
  })
  .strict()
  .refine((b) => b.resourceType !== 'CLUSTER' || b.resourceName === CLUSTER_RESOURCE_NAME, {
    error: `the CLUSTER resource is named ${CLUSTER_RESOURCE_NAME}`,
    path: ['resourceName']
  })
  .refine((b) => b.resourceName !== '*' || (b.patternType ?? 'LITERAL') === 'LITERAL', {
    error: 'the wildcard * is a LITERAL name',
    path: ['patternType']
  })

const filter = z
  .object({
    resourceType: resourceType.optional(),
    resourceName: text('a resource name').optional(),
    patternType: z
      .enum([...ACL_PATTERN_TYPES, 'MATCH'], { error: 'must be LITERAL, PREFIXED or MATCH' })
      .optional(),
    principal: principal.optional(),
    host: text('a host').optional(),
    operation: operation.optional(),
    permission: permission.optional()
  })
  .strict()

export const aclsParams = {
  /** The ACLs matching the filter (all without one), and whether the authorizer is on. */
  'acls.list': z.object({ filter: filter.optional() }).strict(),
  /** Adds ACLs (patternType LITERAL and host * unless given); existing ones are left as they are. */
  'acls.create': z
    .object({ acls: z.array(binding).min(1, { error: 'must hold an ACL' }).max(1000) })
    .strict(),
  /** Removes every ACL matching the filter ({} removes them all, as in Kafka). */
  'acls.delete': z.object({ filter }).strict()
} as const

export interface AclsList {
  /** Whether the brokers check ACLs (`--authorizer`); ACLs are kept either way. */
  authorizerEnabled: boolean
  /** Principals allowed everything (`--super-user`). */
  superUsers: string[]
  /** What the Kafka listeners ask of clients: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
  securityProtocol: string
  acls: AclBinding[]
}

export interface AclsResults {
  'acls.list': AclsList
  'acls.create': { created: AclBinding[] }
  'acls.delete': { deleted: AclBinding[] }
}
