// Saved connection definitions in the console database. Secrets are not here: they live in
// the SecretStore, and a definition only keeps the parts that may be shown.
import type {
  ConnectionDefinition,
  SaslMechanism,
  SecurityProtocol
} from '../../../shared/api/connections'
import type { ConsoleDb } from './database'

/** Security settings without the secrets. */
export interface StoredSecurity {
  protocol: SecurityProtocol
  sasl?: { mechanism: SaslMechanism; username: string }
  tls?: { ca?: string; cert?: string; rejectUnauthorized?: boolean }
}

/** The connection's schema registry without its password. */
export interface StoredSchemaRegistry {
  url: string
  username?: string
}

export interface StoredConnection {
  id: string
  name: string
  bootstrapServers: string[]
  security: StoredSecurity
  schemaRegistry: StoredSchemaRegistry | null
  color: string
  historyIntervalMs: number
  source: 'saved' | 'file'
}

interface Row {
  id: string
  name: string
  bootstrap_servers: string
  security: string
  schema_registry: string | null
  color: string
  history_interval_ms: number
  source: 'saved' | 'file'
}

export const DEFAULT_HISTORY_INTERVAL_MS = 10_000

/** The definition's security settings without its secrets. */
export function publicSecurity(security: ConnectionDefinition['security']): StoredSecurity {
  if (!security) return { protocol: 'PLAINTEXT' }
  const out: StoredSecurity = { protocol: security.protocol }
  if (security.sasl)
    out.sasl = { mechanism: security.sasl.mechanism, username: security.sasl.username }
  if (security.tls) {
    const { ca, cert, rejectUnauthorized } = security.tls
    out.tls = { ca, cert, rejectUnauthorized }
  }
  return out
}

/** The definition's schema registry without its password. */
export function publicSchemaRegistry(
  registry: ConnectionDefinition['schemaRegistry']
): StoredSchemaRegistry | null {
  if (!registry) return null
  return {
    url: registry.url,
    ...(registry.username !== undefined ? { username: registry.username } : {})
  }
}

export class ConnectionStore {
  private readonly q

  constructor(db: ConsoleDb) {
    this.q = {
      all: db.prepare<[], Row>('SELECT * FROM connections ORDER BY created_at, id'),
      get: db.prepare<[string], Row>('SELECT * FROM connections WHERE id = ?'),
      upsert: db.prepare<[Row & { created_at: number }]>(
        `INSERT INTO connections (id, name, bootstrap_servers, security, schema_registry, color, history_interval_ms, source, created_at)
         VALUES (@id, @name, @bootstrap_servers, @security, @schema_registry, @color, @history_interval_ms, @source, @created_at)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, bootstrap_servers = excluded.bootstrap_servers,
           security = excluded.security, schema_registry = excluded.schema_registry, color = excluded.color,
           history_interval_ms = excluded.history_interval_ms, source = excluded.source`
      ),
      delete: db.prepare<[string]>('DELETE FROM connections WHERE id = ?')
    }
  }

  list(): StoredConnection[] {
    return this.q.all.all().map(fromRow)
  }

  get(id: string): StoredConnection | undefined {
    const row = this.q.get.get(id)
    return row ? fromRow(row) : undefined
  }

  put(c: StoredConnection): void {
    this.q.upsert.run({
      id: c.id,
      name: c.name,
      bootstrap_servers: JSON.stringify(c.bootstrapServers),
      security: JSON.stringify(c.security),
      schema_registry: c.schemaRegistry ? JSON.stringify(c.schemaRegistry) : null,
      color: c.color,
      history_interval_ms: c.historyIntervalMs,
      source: c.source,
      created_at: Date.now()
    })
  }

  delete(id: string): boolean {
    return this.q.delete.run(id).changes > 0
  }
}

function fromRow(r: Row): StoredConnection {
  return {
    id: r.id,
    name: r.name,
    bootstrapServers: JSON.parse(r.bootstrap_servers) as string[],
    security: JSON.parse(r.security) as StoredSecurity,
    schemaRegistry: r.schema_registry
      ? (JSON.parse(r.schema_registry) as StoredSchemaRegistry)
      : null,
    color: r.color,
    historyIntervalMs: r.history_interval_ms,
    source: r.source
  }
}
