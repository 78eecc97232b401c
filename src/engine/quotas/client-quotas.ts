// Client quotas as Kafka keeps them: byte-rate, request-time and partition-mutation limits set on
// a user, a client id, both, or their defaults, and connection-creation rates set on an IP or
// the default IP, kept in SQLite; the quota that applies to a connection is found in Kafka's
// order of precedence (user and client id, user and default client, user, default user and
// client id ... down to the default client id; the IP, then the default IP).
import { isIP } from 'node:net'
import { EngineError } from '../engine-error'
import type { Db } from '../storage/database'
import { quotaQueries } from '../storage/quota-queries'

/** The entity types quotas are set on; a null name is the type's default. */
export type QuotaEntityType = 'user' | 'client-id' | 'ip'
export type QuotaEntity = Partial<Record<QuotaEntityType, string | null>>

/**
 * The quotas enforced here: bytes per second (producer_byte_rate, consumer_byte_rate), the
 * percentage of one request handler's time (request_percentage: 100 is one whole handler) and
 * partition mutations per second (controller_mutation_rate) on users and client ids; new
 * connections per second (connection_creation_rate) on IPs.
 */
export const QUOTA_KEYS = [
  'producer_byte_rate',
  'consumer_byte_rate',
  'request_percentage',
  'controller_mutation_rate',
  'connection_creation_rate'
] as const
export type QuotaKey = (typeof QUOTA_KEYS)[number]

/** The quotas an IP entity takes (Kafka's ip quota configs); users and client ids take the rest. */
const IP_KEYS: readonly string[] = ['connection_creation_rate']

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
  /** The broker a connection quota is counted on (each broker counts its own connections). */
  brokerId?: number
}

const ENTITY_TYPES: readonly string[] = ['user', 'client-id', 'ip']

/** The entity's canonical form: its types in order, for storage and comparison. */
function entityKey(entity: QuotaEntity): string {
  const ordered: QuotaEntity = {}
  if ('client-id' in entity) ordered['client-id'] = entity['client-id']
  if ('user' in entity) ordered.user = entity.user
  if ('ip' in entity) ordered.ip = entity.ip
  return JSON.stringify(ordered)
}

function checkEntity(entity: QuotaEntity): void {
  const types = Object.keys(entity)
  if (types.length === 0)
    throw new EngineError(
      'invalid-argument',
      'A quota entity names a user, a client id or an ip',
      'entity'
    )
  for (const t of types)
    if (!ENTITY_TYPES.includes(t))
      throw new EngineError(
        'invalid-argument',
        `Quota entity type '${t}' is not supported (user, client-id, ip)`,
        'entity'
      )
  if ('ip' in entity && types.length > 1)
    throw new EngineError(
      'invalid-argument',
      'Invalid quota entity combination, IP entity should not be combined with User or ClientId',
      'entity'
    )
  const ip = entity.ip
  if (ip !== undefined && ip !== null && isIP(ip) === 0)
    throw new EngineError('invalid-argument', `${ip} is not a valid IP address`, 'entity')
}

function checkValue(
  entity: QuotaEntity,
  key: string,
  value: number | null
): asserts key is QuotaKey {
  if (!(QUOTA_KEYS as readonly string[]).includes(key))
    throw new EngineError(
      'invalid-argument',
      `Quota '${key}' is not supported (${QUOTA_KEYS.join(', ')})`,
      key
    )
  if ('ip' in entity !== IP_KEYS.includes(key))
    throw new EngineError(
      'invalid-argument',
      'ip' in entity
        ? `Quota '${key}' is not set on an IP (${IP_KEYS.join(', ')})`
        : `Quota '${key}' is set on an IP, not on a user or client id`,
      key
    )
  if (value !== null && !(Number.isFinite(value) && value > 0))
    throw new EngineError('invalid-argument', `Quota '${key}' must be a positive number`, key)
  if (value !== null && IP_KEYS.includes(key) && !(Number.isInteger(value) && value <= 2 ** 31 - 1))
    throw new EngineError('invalid-argument', `Quota '${key}' must be a whole number`, key)
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
      for (const [key, value] of Object.entries(a.values)) checkValue(a.entity, key, value ?? null)
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

  /** The connection_creation_rate quota on connections from `ip`: its own, else the default IP's. */
  ipBinding(ip: string): BindingQuota | null {
    for (const lookup of [{ ip }, { ip: null }]) {
      const bound = this.byEntity.get(entityKey(lookup))?.values.connection_creation_rate
      if (bound !== undefined)
        return { bound, usageKey: `connection_creation_rate ${entityKey({ ip })}`, counted: { ip } }
    }
    return null
  }
}
