// External backend, quotas area: a real cluster's client quotas through DescribeClientQuotas and
// AlterClientQuotas, for users, client ids, both, and IPs, with their defaults (a null name).
// A cluster tells a client the quotas set, never what its clients use of them: `use` is empty.
import type { AlterClientQuotasOptions, DescribeClientQuotasOptions } from '@platformatic/kafka'
import type {
  ClientQuotaInfo,
  QuotaEntity,
  QuotaKeyName,
  quotasParams
} from '../../../shared/api/quotas'
import type { Area } from '../backend'
import type { ExternalContext } from './context'

const ENTITY_TYPES = ['user', 'client-id', 'ip'] as const
const KEYS: readonly QuotaKeyName[] = [
  'producer_byte_rate',
  'consumer_byte_rate',
  'request_percentage',
  'controller_mutation_rate',
  'connection_creation_rate'
]
const MATCH_DEFAULT = 1
const MATCH_ANY = 2

/**
 * The filters that together match every entity: for each entity type, its named entities and
 * its default. (Kafka's own "all" filter, no component at all, is one the client library does
 * not send.)
 */
const EVERY_ENTITY: DescribeClientQuotasOptions['components'][] = ENTITY_TYPES.flatMap(
  (entityType) => [
    [{ entityType, matchType: MATCH_ANY }],
    [{ entityType, matchType: MATCH_DEFAULT }]
  ]
)

/** An entity and its quotas as DescribeClientQuotas answers them. */
interface DescribedQuota {
  entity: { entityType: string; entityName?: string | null }[]
  values: { key: string; value: number }[]
}

function quotaOf(e: DescribedQuota): ClientQuotaInfo | undefined {
  if (e.entity.some((p) => !(ENTITY_TYPES as readonly string[]).includes(p.entityType)))
    return undefined
  // The entity's parts in one order (user, client-id, ip), whatever order they came in.
  const entity: QuotaEntity = {}
  for (const t of ENTITY_TYPES) {
    const part = e.entity.find((p) => p.entityType === t)
    if (part) entity[t] = part.entityName ?? null
  }
  const values: ClientQuotaInfo['values'] = {}
  for (const v of e.values)
    if (KEYS.includes(v.key as QuotaKeyName)) values[v.key as QuotaKeyName] = v.value
  return { entity, values }
}

/** One key per entity, whatever the order of its parts (false: no such part, null: default). */
const entityKey = (entity: QuotaEntity) =>
  JSON.stringify(ENTITY_TYPES.map((t) => (entity[t] === undefined ? false : entity[t])))

/** An entity as the console names it in errors: user 'alice', the default client id ... */
const entityLabel = (entity: QuotaEntity) =>
  ENTITY_TYPES.filter((t) => entity[t] !== undefined)
    .map((t) => (entity[t] === null ? `default ${t}` : `${t} '${entity[t]}'`))
    .join(', ')

export function externalQuotas(ctx: ExternalContext): Area<typeof quotasParams> {
  const { clients } = ctx
  const list = () =>
    clients.run('quotas.list', async () => {
      const admin = clients.admin()
      const answers = await Promise.all(
        EVERY_ENTITY.map((components) => admin.describeClientQuotas({ components, strict: false }))
      )
      const byEntity = new Map<string, ClientQuotaInfo>()
      for (const entry of answers.flat()) {
        const quota = quotaOf(entry)
        if (quota && Object.keys(quota.values).length > 0)
          byEntity.set(entityKey(quota.entity), quota)
      }
      // A real cluster does not tell a client what its clients use of their quotas.
      return { quotas: [...byEntity.values()], use: [] }
    })
  return {
    'quotas.list': list,
    'quotas.alter': async ({ entity, values }) => {
      const ops: AlterClientQuotasOptions['entries'][number]['ops'] = []
      for (const key of KEYS) {
        const value = values[key]
        if (value === null) ops.push({ key, remove: true })
        else if (value !== undefined) ops.push({ key, value, remove: false })
      }
      if (ops.length > 0)
        await clients.run(`quotas.alter ${entityLabel(entity)}`, () =>
          clients.admin().alterClientQuotas({
            entries: [
              {
                entities: ENTITY_TYPES.filter((t) => entity[t] !== undefined).map((entityType) => ({
                  entityType,
                  entityName: entity[entityType] ?? null
                })),
                ops
              }
            ]
          })
        )
      return list()
    }
  }
}
