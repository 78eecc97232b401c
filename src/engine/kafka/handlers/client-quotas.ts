// DescribeClientQuotas (48) and AlterClientQuotas (49): the quotas of users, client ids, IPs and
// their defaults (a null entity name), as kafka-configs.sh --entity-type users/clients/ips sends
// them. Entities, their parts and their values are listed in the order Kafka's hash maps hold
// them, which clients that compare answers whole depend on.
//
// DescribeClientQuotas Request (Version: 1) => [components] strict
//   components => entity_type match_type match   (match_type 0 exact, 1 default, 2 any)
// AlterClientQuotas Request (Version: 1) => [entries] validate_only
//   entries => [entity] [ops]   entity => entity_type entity_name   ops => key value remove
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { EngineError } from '../../engine-error'
import type { QuotaAlteration, QuotaEntity, QuotaFilterComponent } from '../../quotas/client-quotas'
import { toKafkaError } from '../error-codes'
import { javaHash, javaHashMapOrder } from '../java-hash-order'
import type {
  AlterClientQuotasRequest,
  AlterClientQuotasResponse,
  DescribeClientQuotasRequest,
  DescribeClientQuotasResponse,
  Encodable
} from '../protocol'
import type { RequestContext } from '../request-context'

const MATCH_EXACT = 0
const MATCH_DEFAULT = 1

/** Bad quota requests answer INVALID_REQUEST, as Kafka's quota manager does. */
function quotaError(err: unknown): { code: number; message: string } {
  if (err instanceof EngineError && err.reason === 'invalid-argument')
    return { code: ErrorCode.INVALID_REQUEST, message: err.message }
  return toKafkaError(err)
}

function entityOf(parts: readonly { entityType: string; entityName: string | null }[]) {
  const entity: QuotaEntity = {}
  for (const p of parts) {
    if (p.entityType in entity)
      throw new EngineError('invalid-argument', `Entity type '${p.entityType}' given twice`)
    entity[p.entityType as keyof QuotaEntity] = p.entityName
  }
  return entity
}

interface EntityPart {
  entityType: string
  entityName: string | null
}

/** An entity's parts as ClientQuotaEntity's HashMap lists them: ip, client-id, user. */
const inKafkaOrder = (parts: readonly EntityPart[]) =>
  javaHashMapOrder(parts, (p) => javaHash(p.entityType))

const entityParts = (entity: QuotaEntity): EntityPart[] =>
  inKafkaOrder(
    Object.entries(entity).map(([entityType, entityName]) => ({
      entityType,
      entityName: entityName ?? null
    }))
  )

/** ClientQuotaEntity.hashCode: Objects.hash of its map, whose hash sums its entries'. */
const entityHash = (parts: readonly EntityPart[]) =>
  (31 +
    parts.reduce((sum, p) => (sum + (javaHash(p.entityType) ^ javaHash(p.entityName))) | 0, 0)) |
  0

/**
 * An entity's values as Kafka's quota image lists them: the changed keys, in the order of the
 * delta's HashMap, put into a HashMap sized for none.
 */
const valuesInKafkaOrder = (values: Record<string, number>) => {
  const byKey = ([key]: [string, number]) => javaHash(key)
  const changes = javaHashMapOrder(Object.entries(values), byKey)
  return javaHashMapOrder(changes, byKey, 0).map(([key, value]) => ({ key, value }))
}

export function handleDescribeClientQuotas(
  body: DescribeClientQuotasRequest,
  ctx: RequestContext
): Encodable<DescribeClientQuotasResponse> {
  try {
    const types = new Set(body.components.map((c) => c.entityType))
    if (types.has('ip') && (types.has('user') || types.has('client-id')))
      throw new EngineError(
        'invalid-argument',
        'Invalid entity filter component combination, IP filter component should not be used with user or clientId filter component.'
      )
    const filter: QuotaFilterComponent[] = body.components.map((c) => {
      if (c.entityType !== 'user' && c.entityType !== 'client-id' && c.entityType !== 'ip')
        throw new EngineError('invalid-argument', `Entity type '${c.entityType}' is not supported`)
      if (c.matchType === MATCH_EXACT) {
        if (c.match === null)
          throw new EngineError('invalid-argument', 'An exact match needs a name')
        return { entityType: c.entityType, match: { kind: 'exact', name: c.match } }
      }
      return {
        entityType: c.entityType,
        match: c.matchType === MATCH_DEFAULT ? { kind: 'default' } : { kind: 'any' }
      }
    })
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      entries: javaHashMapOrder(
        ctx.engine.clientQuotas(filter, body.strict).map((q) => ({
          entity: entityParts(q.entity),
          values: valuesInKafkaOrder(q.values)
        })),
        (e) => entityHash(e.entity)
      )
    }
  } catch (err) {
    const { code, message } = quotaError(err)
    return { throttleTimeMs: 0, errorCode: code, errorMessage: message, entries: null }
  }
}

export function handleAlterClientQuotas(
  body: AlterClientQuotasRequest,
  ctx: RequestContext
): Encodable<AlterClientQuotasResponse> {
  return {
    throttleTimeMs: 0,
    entries: body.entries.map((e) => {
      try {
        const alteration: QuotaAlteration = {
          entity: entityOf(e.entity),
          values: Object.fromEntries(e.ops.map((op) => [op.key, op.remove ? null : op.value]))
        }
        ctx.engine.alterClientQuotas([alteration], body.validateOnly)
        return { errorCode: ErrorCode.NONE, errorMessage: null, entity: inKafkaOrder(e.entity) }
      } catch (err) {
        const { code, message } = quotaError(err)
        return { errorCode: code, errorMessage: message, entity: inKafkaOrder(e.entity) }
      }
    })
  }
}
