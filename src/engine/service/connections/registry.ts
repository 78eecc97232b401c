// The connections the console works with: the built-in `embedded` one, those saved in the app
// and those given in a --connections file. Serves connections.* and hands the service the
// backend of each external connection (created on first use, closed when it changes).
import {
  EMBEDDED_CONNECTION,
  type ConnectionDefinition,
  type ConnectionInfo,
  type connectionsParams
} from '../../../shared/api/connections'
import type { Params } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import type { Area, Backend } from '../backend'
import { tagged, type TaggedEventListener } from '../service'
import { openConsoleDb, type ConsoleDb } from './database'
import { SecretStore, type SecretCipher } from './secrets'
import {
  ConnectionStore,
  DEFAULT_HISTORY_INTERVAL_MS,
  publicSchemaRegistry,
  publicSecurity,
  type StoredConnection
} from './store'
import type { KafkaTarget } from '../external/clients'
import type { RemoteRegistryTarget } from '../../registry/remote/remote-registry'

/** A definition as a --connections file gives it: an id is optional. */
export type FileConnection = ConnectionDefinition & { id?: string }

/** An external connection's backend, which the registry closes when it is changed or removed. */
export interface ClosableBackend extends Backend {
  /** One poll of the history collector. */
  collect(): Promise<void>
  close(): Promise<void>
}

/** How often the registry looks for connections whose history poll is due. */
const COLLECTOR_TICK_MS = 250

export interface ConnectionRegistryOptions {
  /** The data folder (the console database and secrets file go there), or ':memory:'. */
  dataDir: string
  /** Encrypts secrets at rest (the desktop app's safeStorage); none in headless mode. */
  cipher?: SecretCipher
  /** Definitions from a --connections file; saved (over an earlier copy) at start. */
  definitions?: FileConnection[]
  /** How the embedded cluster is reached, for the listing. */
  embedded: () => Promise<{ bootstrapServers: string[]; historyIntervalMs: number }>
  /** Builds the backend of an external connection. */
  connect: (target: KafkaTarget, connection: StoredConnection, db: ConsoleDb) => ClosableBackend
  /** Told when the console database could only be read (a full disk). */
  log?: (line: string) => void
}

/** Colour tags handed out in turn to new connections. */
const PALETTE = ['#2080f0', '#f0a020', '#8a2be2', '#d03050', '#0e7a68', '#c0632b']
const EMBEDDED_COLOR = '#18a058'

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'cluster'
  )
}

export class ConnectionRegistry {
  readonly db: ConsoleDb
  private readonly store: ConnectionStore
  private readonly secrets: SecretStore
  private readonly backends = new Map<string, ClosableBackend>()
  /** Per connection: when its last poll started, and whether one is running. */
  private readonly polls = new Map<string, { at: number; running: boolean }>()
  private collector: NodeJS.Timeout | null = null
  private readonly listeners = new Set<TaggedEventListener>()
  readonly api: Area<typeof connectionsParams>

  constructor(private readonly options: ConnectionRegistryOptions) {
    this.db = openConsoleDb(options.dataDir, options.log)
    this.store = new ConnectionStore(this.db)
    this.secrets = new SecretStore(options.dataDir, options.cipher)
    for (const [i, def] of (options.definitions ?? []).entries()) {
      const id = def.id ?? this.freeId(def.name)
      const existing = this.store.get(id)
      this.save(id, def, 'file', existing?.color ?? PALETTE[i % PALETTE.length])
    }
    this.api = {
      'connections.list': async () => ({ connections: await this.list() }),
      'connections.add': async (params) => this.add(params),
      'connections.update': async (params) => this.update(params),
      'connections.remove': async ({ id }) => this.remove(id),
      'connections.test': async (params) => {
        let target: KafkaTarget
        let registry: RemoteRegistryTarget | undefined
        if ('id' in params) {
          const c = this.require(params.id)
          target = this.target(c)
          registry = c.schemaRegistry
            ? { ...c.schemaRegistry, password: target.secrets.registryPassword }
            : undefined
        } else {
          target = this.draft(params)
          registry = params.definition.schemaRegistry ?? undefined
        }
        const asked = Date.now()
        // Loaded on first use, a module at a time: the Kafka client library takes a second to
        // load, which counts against the test's time bound.
        await (await import('./kafka-library')).loadKafkaLibrary()
        const { testConnection } = await import('../external/test-connection')
        return testConnection(target, asked, registry)
      }
    }
  }

  async list(): Promise<ConnectionInfo[]> {
    const embedded = await this.options.embedded()
    return [
      {
        id: EMBEDDED_CONNECTION,
        name: 'Embedded cluster',
        kind: 'embedded',
        bootstrapServers: embedded.bootstrapServers,
        security: { protocol: 'PLAINTEXT' },
        color: EMBEDDED_COLOR,
        historyIntervalMs: embedded.historyIntervalMs,
        source: 'builtin'
      },
      ...this.store.list().map((c) => this.info(c))
    ]
  }

  /** The saved external connections (for the history collector). */
  external(): StoredConnection[] {
    return this.store.list()
  }

  /** Polls each external connection's offsets at its interval, until close(). */
  startCollector(onError: (id: string, err: unknown) => void = () => {}): void {
    if (this.collector) return
    this.collector = setInterval(() => {
      const now = Date.now()
      for (const c of this.store.list()) {
        if (c.historyIntervalMs <= 0) continue
        const poll = this.polls.get(c.id) ?? { at: 0, running: false }
        if (poll.running || now - poll.at < c.historyIntervalMs) continue
        this.polls.set(c.id, { at: now, running: true })
        this.backend(c.id)
          .collect()
          .catch((err: unknown) => onError(c.id, err))
          .finally(() => {
            const p = this.polls.get(c.id)
            if (p) p.running = false
          })
      }
    }, COLLECTOR_TICK_MS)
    this.collector.unref()
  }

  /** The backend of an external connection; NOT_FOUND for an unknown id. */
  backend(id: string): ClosableBackend {
    const cached = this.backends.get(id)
    if (cached) return cached
    const c = this.require(id)
    const backend = this.options.connect(this.target(c), c, this.db)
    this.backends.set(id, backend)
    // Progress of a search or copy on this cluster reaches every open console, tagged with it.
    backend.subscribe((event, payload) =>
      this.listeners.forEach((l) => l(event, tagged(payload, id)))
    )
    return backend
  }

  /** Push events of every external connection's backend; returns the unsubscribe function. */
  subscribe(listener: TaggedEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async close(): Promise<void> {
    if (this.collector) clearInterval(this.collector)
    this.collector = null
    const all = [...this.backends.values()]
    this.backends.clear()
    await Promise.allSettled(all.map((b) => b.close()))
    this.db.close()
  }

  private add(params: Params<'connections.add'>): { id: string } {
    const { id: given, ...def } = params
    if (given === EMBEDDED_CONNECTION)
      throw new ApiError('CONFLICT', "'embedded' is the built-in cluster's id", 'id')
    if (given && this.store.get(given))
      throw new ApiError('CONFLICT', `A connection with id '${given}' exists`, 'id')
    const id = given ?? this.freeId(def.name)
    this.save(id, def, 'saved', def.color ?? PALETTE[this.store.list().length % PALETTE.length])
    return { id }
  }

  private async update(params: Params<'connections.update'>): Promise<ConnectionInfo> {
    const { id, ...change } = params
    const current = this.require(id)
    const sasl = change.security?.sasl
    const tls = change.security?.tls
    const merged: ConnectionDefinition = {
      name: change.name ?? current.name,
      bootstrapServers: change.bootstrapServers ?? current.bootstrapServers,
      color: change.color ?? current.color,
      historyIntervalMs: change.historyIntervalMs ?? current.historyIntervalMs,
      security: change.security ?? current.security,
      schemaRegistry:
        change.schemaRegistry === undefined ? current.schemaRegistry : change.schemaRegistry
    }
    const keepSecrets = change.security === undefined
    this.save(id, merged, current.source, merged.color ?? current.color, keepSecrets)
    // New security settings without a password or key keep the saved ones while SASL or TLS
    // stays on, and drop them when it goes.
    if (!keepSecrets && !sasl) this.secrets.update(id, { password: null })
    if (!keepSecrets && !tls) this.secrets.update(id, { key: null })
    // Likewise the registry's password: kept while a registry with a user stays, else dropped.
    if (change.schemaRegistry !== undefined) {
      const r = change.schemaRegistry
      if (!r || r.username === undefined) this.secrets.update(id, { registryPassword: null })
    }
    await this.forget(id)
    return this.info(this.require(id))
  }

  private async remove(id: string): Promise<{ id: string; removed: true }> {
    if (id === EMBEDDED_CONNECTION)
      throw new ApiError('BAD_REQUEST', 'The embedded cluster cannot be removed', 'id')
    this.require(id)
    await this.forget(id)
    this.store.delete(id)
    this.secrets.delete(id)
    return { id, removed: true }
  }

  private save(
    id: string,
    def: ConnectionDefinition,
    source: 'saved' | 'file',
    color: string,
    keepSecrets = false
  ): void {
    this.store.put({
      id,
      name: def.name,
      bootstrapServers: def.bootstrapServers,
      security: publicSecurity(def.security),
      schemaRegistry: publicSchemaRegistry(def.schemaRegistry),
      color,
      historyIntervalMs: def.historyIntervalMs ?? DEFAULT_HISTORY_INTERVAL_MS,
      source
    })
    const registryPassword = def.schemaRegistry?.password
    if (registryPassword !== undefined) this.secrets.update(id, { registryPassword })
    if (keepSecrets) return
    const password = def.security?.sasl?.password
    const key = def.security?.tls?.key
    if (password !== undefined || key !== undefined) this.secrets.update(id, { password, key })
  }

  private async forget(id: string): Promise<void> {
    const b = this.backends.get(id)
    this.backends.delete(id)
    await b?.close()
  }

  private require(id: string): StoredConnection {
    if (id === EMBEDDED_CONNECTION)
      throw new ApiError('BAD_REQUEST', 'The embedded cluster is not an external connection', 'id')
    const c = this.store.get(id)
    if (!c) throw new ApiError('NOT_FOUND', `No connection '${id}'`, 'connection')
    return c
  }

  private target(c: StoredConnection): KafkaTarget {
    return {
      id: c.id,
      bootstrapServers: c.bootstrapServers,
      security: c.security,
      secrets: this.secrets.get(c.id)
    }
  }

  private draft(params: { definition: ConnectionDefinition }): KafkaTarget {
    const d = params.definition
    return {
      id: 'draft',
      bootstrapServers: d.bootstrapServers,
      security: publicSecurity(d.security),
      secrets: { password: d.security?.sasl?.password, key: d.security?.tls?.key }
    }
  }

  private info(c: StoredConnection): ConnectionInfo {
    const has = this.secrets.has(c.id)
    const { protocol, sasl, tls } = c.security
    return {
      id: c.id,
      name: c.name,
      kind: 'kafka',
      bootstrapServers: c.bootstrapServers,
      security: {
        protocol,
        ...(sasl ? { sasl: { ...sasl, passwordSet: has.password } } : {}),
        ...(tls
          ? {
              tls: {
                caSet: !!tls.ca,
                certSet: !!tls.cert,
                keySet: has.key,
                rejectUnauthorized: tls.rejectUnauthorized ?? true
              }
            }
          : {})
      },
      ...(c.schemaRegistry
        ? { schemaRegistry: { ...c.schemaRegistry, passwordSet: has.registryPassword } }
        : {}),
      color: c.color,
      historyIntervalMs: c.historyIntervalMs,
      source: c.source
    }
  }

  private freeId(name: string): string {
    const base = slug(name) === EMBEDDED_CONNECTION ? 'embedded-kafka' : slug(name)
    let id = base
    for (let i = 2; this.store.get(id); i++) id = `${base}-${i}`
    return id
  }
}
