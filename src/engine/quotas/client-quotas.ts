// Client quotas as Kafka keeps them: byte-rate, request-time and partition-mutation limits set on
// a user, a client id, both, or their defaults, kept in SQLite; the quota that applies to a connection is found in Kafka's order of
// precedence (user and client id, user and default client, user, default user and client id ...
// down to the default client id).
import { EngineError } from '../engine-error'
import type { Db } from '../storage/database'
import { quotaQueries } from '../storage/quota-queries'

/** The entity types quotas are set on; a null name is the type's default. */
export type QuotaEntityType = 'user' | 'client-id'
export type QuotaEntity = Partial<Record<QuotaEntityType, string | null>>

/**
 * The quotas enforced here: bytes per second (producer_byte_rate, consumer_byte_rate), the
 * percentage of one request handler's time (request_percentage: 100 is one whole handler) and
 * partition mutations per second (controller_mutation_rate).
 */
export const QUOTA_KEYS = [
  'producer_byte_rate',
  'consumer_byte_rate',
  'request_percentage',
  'controller_mutation_rate'
] as const
export type QuotaKey = (typeof QUOTA_KEYS)[number]

export interface ClientQuota {
  entity: QuotaEntity
  values: Partial<Record<QuotaKey, number>>
}

/** One change: a value set, or removed when null. */
export interface QuotaAlteration {
  entity: QuotaEntity
  values: Partial<Record<string, number | null>>
}

/** A filter component as DescribeClientQuotas sends it. */
export interface QuotaFilterComponent {
  entityType: string
  /** exact: that name; default: the default; any: any name, default included. */
  match: { kind: 'exact'; name: string } | { kind: 'default' } | { kind: 'any' }
}

/** The quota that binds a client: its bound and the key its usage is counted under. */
export interface BindingQuota {
  bound: number
  /** Which entity's quota it is, names filled in: usage is shared by the clients it covers. */
  usageKey: string
  /** The entity the usage is counted for: the quota's, with the client's names for defaults. */
  counted: QuotaEntity
}

const ENTITY_TYPES: readonly string[] = ['user', 'client-id']

/** The entity's canonical form: its types in order, for storage and comparison. */
function entityKey(entity: QuotaEntity): string {
  const ordered: QuotaEntity = {}
  if ('client-id' in entity) ordered['client-id'] = entity['client-id']
  if ('user' in entity) ordered.user = entity.user
  return JSON.stringify(ordered)
}

function checkEntity(entity: QuotaEntity): void {
  const types = Object.keys(entity)
  if (types.length === 0)
    throw new EngineError(
      'invalid-argument',
      'A quota entity names a user or a client id',
      'entity'
    )
  for (const t of types)
    if (!ENTITY_TYPES.includes(t))
      throw new EngineError(
        'invalid-argument',
        `Quota entity type '${t}' is not supported (user, client-id)`,
        'entity'
      )
}

function checkValue(key: string, value: number | null): asserts key is QuotaKey {
  if (!(QUOTA_KEYS as readonly string[]).includes(key))
    throw new EngineError(
      'invalid-argument',
      `Quota '${key}' is not supported (${QUOTA_KEYS.join(', ')})`,
      key
    )
  if (value !== null && !(Number.isFinite(value) && value > 0))
    throw new EngineError('invalid-argument', `Quota '${key}' must be a positive number`, key)
}

export class ClientQuotas {
  private readonly q
  private readonly byEntity = new Map<string, ClientQuota>()
  /** The keys some entity sets a quota on. */
  private readonly keysSet = new Set<QuotaKey>()

  constructor(private readonly db: Db) {
    this.q = quotaQueries(db)
    for (const row of this.q.quotasSelectAll.all()) {
      const entity = JSON.parse(row.entity) as QuotaEntity
      const found = this.byEntity.get(row.entity) ?? { entity, values: {} }
      found.values[row.key as QuotaKey] = row.value
      this.byEntity.set(row.entity, found)
    }
    this.noteKeysSet()
  }

  /** The quotas of the entities the filter matches (strict: those of no other type). */
  list(filter: readonly QuotaFilterComponent[] = [], strict = false): ClientQuota[] {
    return [...this.byEntity.values()]
      .filter(({ entity }) => {
        for (const c of filter) {
          if (!(c.entityType in entity)) return false
          const name = entity[c.entityType as QuotaEntityType]
          if (c.match.kind === 'exact' && name !== c.match.name) return false
          if (c.match.kind === 'default' && name !== null) return false
        }
        return !strict || Object.keys(entity).length === filter.length
      })
      .map((q) => ({ entity: { ...q.entity }, values: { ...q.values } }))
  }

  /** Checks every alteration first, then makes them all (or, validating only, none). */
  alter(alterations: readonly QuotaAlteration[], validateOnly = false): void {
    for (const a of alterations) {
      checkEntity(a.entity)
      for (const [key, value] of Object.entries(a.values)) checkValue(key, value ?? null)
    }
    if (validateOnly) return
    this.db.transaction(() => {
      for (const a of alterations) {
        const key = entityKey(a.entity)
        const found = this.byEntity.get(key) ?? {
          entity: JSON.parse(key) as QuotaEntity,
          values: {}
        }
        for (const [k, value] of Object.entries(a.values)) {
          const quota = k as QuotaKey
          if (value === null || value === undefined) {
            this.q.quotasDelete.run(key, quota)
            delete found.values[quota]
          } else {
            this.q.quotasUpsert.run(key, quota, value)
            found.values[quota] = value
          }
        }
        if (Object.keys(found.values).length > 0) this.byEntity.set(key, found)
        else this.byEntity.delete(key)
      }
    })()
    this.noteKeysSet()
  }

  /** Whether any quota is set. */
  get any(): boolean {
    return this.byEntity.size > 0
  }

  /** Whether some entity has a quota on `key`. */
  isSet(key: QuotaKey): boolean {
    return this.keysSet.has(key)
  }

  private noteKeysSet(): void {
    this.keysSet.clear()
    for (const q of this.byEntity.values())
      for (const k of Object.keys(q.values)) this.keysSet.add(k as QuotaKey)
  }

  /**
   * The quota on `key` that binds a client with this user (its principal's name, or ANONYMOUS)
   * and client id, in Kafka's order of precedence; null when none is set.
   */
  binding(key: QuotaKey, user: string, clientId: string): BindingQuota | null {
    if (this.byEntity.size === 0) return null
    // [entity looked up, the entity the usage is counted for]
    const order: [QuotaEntity, QuotaEntity][] = [
      [
        { user, 'client-id': clientId },
        { user, 'client-id': clientId }
      ],
      [
        { user, 'client-id': null },
        { user, 'client-id': clientId }
      ],
      [{ user }, { user }],
      [
        { user: null, 'client-id': clientId },
        { user, 'client-id': clientId }
      ],
      [
        { user: null, 'client-id': null },
        { user, 'client-id': clientId }
      ],
      [{ user: null }, { user }],
      [{ 'client-id': clientId }, { 'client-id': clientId }],
      [{ 'client-id': null }, { 'client-id': clientId }]
    ]
    for (const [lookup, counted] of order) {
      const bound = this.byEntity.get(entityKey(lookup))?.values[key]
      if (bound !== undefined) return { bound, usageKey: `${key} ${entityKey(counted)}`, counted }
    }
    return null
  }
}
