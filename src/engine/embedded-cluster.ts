// Starts the whole embedded cluster: the engine, its Kafka listeners and the contract service.
// Shared by the Electron main process and `logdeck serve`.
import { EngineError } from './engine-error'
import { Engine, type EngineOptions } from './engine'
import type { ListenerAddress, ListenerSpec } from './kafka/listeners'
import { ClusterListeners, type ListenerEndpoints } from './kafka/cluster-listeners'
import { addListenerConfigs } from '../shared/kafka/broker-configs'
import { handleKafkaConnection } from './kafka/connection'
import { RequestMemoryPool } from './kafka/request-memory'
import { FetchSessionCaches } from './kafka/fetch-sessions'
import {
  kafkaSettingsFrom,
  refreshKafkaSettings,
  type KafkaSettings
} from './kafka/request-context'
import { LIMIT_SETTINGS, type KafkaLimits } from './kafka/limits'
import { embeddedBackend } from './service/embedded'
import { createService, type Service } from './service/service'
import { startDemo, type DemoHandle } from './demo/demo-data'
import type { DemoControl } from './service/embedded/demo'
import { ConnectionRegistry, type FileConnection } from './service/connections/registry'
import type { SecretCipher } from './service/connections/secrets'
import { lazyExternalBackend } from './service/connections/lazy-backend'
import { SchemaRegistry } from './registry/registry'
import { randomBytes } from 'node:crypto'
import {
  tlsServerOptions,
  usesSasl,
  usesTls,
  type ListenerTls,
  type SecurityProtocol
} from './kafka/security/listener-security'
import type { SaslMechanism, SaslSettings } from './kafka/security/sasl-session'
import type { PlainLogins } from '../shared/api/users'
import type { UnsecuredValidatorOptions } from './kafka/security/oauthbearer'
import { startJwksValidator, type JwksValidatorConfig } from './kafka/security/oauthbearer-jwks'
import { SslPrincipalMapper } from './kafka/security/ssl-principal'
import { tlsVersionOptions, type TlsParameters } from './kafka/security/tls-protocols'
import {
  listenerSecurityOf,
  plainSourceText,
  type ListenerSecurity,
  type ListenerSecurityOverride
} from './kafka/security/listener-overrides'
import { advertisedByName, hostPort, type AdvertisedListener } from './kafka/advertised-listeners'
import type { FaultSpec } from './faults/registry'
import { Authorizer } from './security/authorizer'
import { runningBrokerConfigs } from './kafka/security/running-broker-configs'

/** ACL enforcement (`--authorizer`): on when given. */
export interface AuthorizerOptions {
  /** Principals allowed everything, `User:NAME` or just NAME (Kafka's super.users). */
  superUsers?: string[]
  /** allow.everyone.if.no.acl.found: a resource no ACL names is open to all (default false). */
  allowEveryoneIfNoAclFound?: boolean
}

/** `alice` or `User:alice`: the principal `User:alice`. */
export function principalOf(name: string): string {
  return /^[^:]+:.+$/.test(name) ? name : `User:${name}`
}

/** What the Kafka listeners ask of clients; PLAINTEXT when absent. */
export interface ListenerSecurityOptions {
  protocol: SecurityProtocol
  /** The first listener's name (as server.properties' listeners name it); its protocol if absent. */
  listenerName?: string
  /** Certificate and key (and optionally the CA of client certificates) for SSL and SASL_SSL. */
  tls?: ListenerTls
  /** SASL users to create or update at start (kept in the data directory with the others). */
  users?: { name: string; password: string }[]
  /** connections.max.reauth.ms: SASL sessions last this long (KIP-368); 0, they do not expire. */
  maxReauthMs?: number
  /** sasl.enabled.mechanisms: PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 when absent. */
  saslMechanisms?: readonly SaslMechanism[]
  /** ssl.enabled.protocols and ssl.cipher.suites of the TLS listeners; Kafka's defaults when absent. */
  tlsParameters?: TlsParameters
  /**
   * Kafka's ssl.keystore.* and ssl.truststore.* the keys were read from, as given
   * (--ssl.keystore.location ...): DescribeConfigs lists them instead of the PEM of `tls`.
   */
  sslConfigs?: Record<string, string>
  /**
   * How OAUTHBEARER tokens are checked: Kafka's unsecured validator options, or, with jwks,
   * signed tokens only, verified with the keys of a JWKS (KIP-768).
   */
  oauthBearer?: UnsecuredValidatorOptions & { jwks?: JwksValidatorConfig }
  /**
   * ssl.principal.mapping.rules: how a client certificate's subject (RFC 2253) becomes the
   * principal's name on SSL listeners with a client CA; DEFAULT (the subject as it is) if absent.
   */
  sslPrincipalMappingRules?: string
}

export type { AdvertisedListener }

/** A listener beside the first (`--listener NAME=PROTOCOL:PORT`). */
export interface ExtraListener {
  /** Kafka's listener name: letters, digits and _, upper case. */
  name: string
  securityProtocol: SecurityProtocol
  /** Port of the first broker (the i-th in id order listens on port + i); 0 picks free ports. */
  port: number
  /** Each broker's own port, in broker id order (0: a free one), instead of port + i. */
  brokerPorts?: number[]
}

/** The demo's clients log in with this user, whose password lives only in this process. */
const INTERNAL_USER = 'logdeck-internal'

export interface EmbeddedClusterOptions extends EngineOptions {
  /** Interface the Kafka listeners bind to. */
  bindHost?: string
  /** num.partitions, default.replication.factor and auto.create.topics.enable, by field. */
  kafka?: Partial<Omit<KafkaSettings, 'limits'>>
  /** Resource limits by field; unset ones keep their defaults (see kafka/limits.ts). */
  limits?: Partial<KafkaLimits>
  /** Brokers to start stopped (their listeners stay closed until brokers.start). */
  stoppedBrokers?: number[]
  /** Load the demo topics, producer and consumer groups once the listeners are up. */
  demo?: boolean
  /** External cluster connections given in a file (`--connections`), saved at start. */
  connections?: FileConnection[]
  /** Encrypts connection secrets at rest (the desktop app passes Electron's safeStorage). */
  secretCipher?: SecretCipher
  /** The first listener's protocol (named by it) and the TLS and SASL settings of every listener. */
  security?: ListenerSecurityOptions
  /** Each broker's own port on the first listener, in broker id order (0: a free one), over `port`. */
  brokerPorts?: number[]
  /** More listeners, each with its own protocol and ports (their TLS and SASL as `security`'s). */
  listeners?: ExtraListener[]
  /**
   * Listeners' own TLS and SASL settings by listener name (Kafka's listener.name.<name>.ssl.*
   * and .sasl.enabled.mechanisms), over `security`'s.
   */
  listenerSecurity?: Record<string, ListenerSecurityOverride>
  /** Listeners advertised on other hosts and ports than they listen on, by listener name. */
  advertisedListeners?: AdvertisedListener[]
  /** Faults in place before the first request (`--fault`, `--faults`). */
  faults?: FaultSpec[]
  /** Enforce ACLs on every Kafka request; off when absent. */
  authorizer?: AuthorizerOptions
}

export interface EmbeddedCluster {
  engine: Engine
  service: Service
  /** The connections to real Kafka clusters the service also serves. */
  connections: ConnectionRegistry
  /** The first listener's brokers. */
  listeners: ListenerAddress[]
  /** Every listener's brokers, the first listener first. */
  endpoints: ListenerEndpoints[]
  /** The built-in schema registry's store (registry/server serves it over HTTP). */
  registry: SchemaRegistry
  /** Each broker's incremental fetch sessions (KIP-227). */
  fetchSessions: FetchSessionCaches
  /** What a listener asks of its clients: its TLS client auth and SASL mechanisms. */
  listenerSecurity(name: string): ListenerSecurity
  /** Starts the demo producer and consumers (once; later calls return the running demo). */
  loadDemo(): Promise<{ topics: string[]; groups: string[] }>
  close(): Promise<void>
}

/** The broker configs given at start: the option fields under their names, then brokerConfigs. */
function staticBrokerConfigs(options: EmbeddedClusterOptions): Record<string, string> {
  const out: Record<string, string> = {}
  const k = options.kafka ?? {}
  if (k.defaultPartitions !== undefined) out['num.partitions'] = String(k.defaultPartitions)
  if (k.defaultReplicationFactor !== undefined)
    out['default.replication.factor'] = String(k.defaultReplicationFactor)
  if (k.autoCreateTopics !== undefined)
    out['auto.create.topics.enable'] = String(k.autoCreateTopics)
  if (options.messageMaxBytes !== undefined)
    out['message.max.bytes'] = String(options.messageMaxBytes)
  if (options.security?.maxReauthMs !== undefined)
    out['connections.max.reauth.ms'] = String(options.security.maxReauthMs)
  for (const l of LIMIT_SETTINGS)
    if (options.limits?.[l.key] !== undefined) out[l.name] = String(options.limits[l.key])
  return { ...out, ...options.brokerConfigs }
}

/**
 * The cluster's listeners: the first (named by its protocol unless named), then the others; a
 * name twice is refused (Kafka's listener names are unique, upper case).
 */
function listenersOf(
  protocol: SecurityProtocol,
  extra: readonly ExtraListener[],
  name: string = protocol
): ExtraListener[] {
  const all = [{ name, securityProtocol: protocol, port: 0 }, ...extra]
  const seen = new Set<string>()
  for (const l of all) {
    if (seen.has(l.name)) throw new Error(`two listeners are named ${l.name}`)
    seen.add(l.name)
  }
  return all
}

export async function startEmbeddedCluster(
  options: EmbeddedClusterOptions
): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => {})
  const protocol = options.security?.protocol ?? 'PLAINTEXT'
  const named = listenersOf(protocol, options.listeners ?? [], options.security?.listenerName)
  const own = options.listenerSecurity ?? {}
  for (const name of Object.keys(own))
    if (!named.some((l) => l.name === name))
      throw new Error(
        `listener settings for ${name}, which is not one of the listeners (${named.map((l) => l.name).join(', ')})`
      )
  // Each listener's TLS and SASL: its own settings over the shared ones.
  const security = new Map(
    named.map((l) => [
      l.name,
      listenerSecurityOf(l, options.security ?? {}, Object.hasOwn(own, l.name) ? own[l.name] : {})
    ])
  )
  const securityOf = (name: string) => security.get(name)!
  const sslPrincipal = [...security.values()].some((l) => l.clientAuth !== 'none')
    ? new SslPrincipalMapper(options.security?.sslPrincipalMappingRules)
    : undefined
  const advertised = advertisedByName(named, options.advertisedListeners ?? [])
  for (const l of named) addListenerConfigs(l.name)
  const engine = Engine.open({ ...options, brokerConfigs: staticBrokerConfigs(options) })
  engine.setRunningBrokerConfigs(
    runningBrokerConfigs(
      named,
      options.security ?? {},
      (name) => securityOf(name).clientAuth,
      (id) => engine.broker(id),
      options.bindHost ?? '127.0.0.1',
      own
    )
  )
  // The Kafka side reads the broker configs through settings, kept up to date as they change.
  const brokerConfig = (name: string) => engine.brokerConfig(name)
  const settings: KafkaSettings = kafkaSettingsFrom(brokerConfig)
  engine.onBrokerConfigsChanged(() => refreshKafkaSettings(settings, brokerConfig))
  const memory = new RequestMemoryPool(settings.limits.queuedMaxRequestBytes)
  let sasl: SaslSettings | undefined
  let jwksValidator: Awaited<ReturnType<typeof startJwksValidator>> | undefined
  if (named.some((l) => usesSasl(l.securityProtocol))) {
    // Every mechanism some listener offers, in the order they are listed.
    const mechanisms = [...new Set([...security.values()].flatMap((l) => l.saslMechanisms))]
    const { jwks, ...unsecured } = options.security?.oauthBearer ?? {}
    try {
      for (const u of options.security?.users ?? [])
        if (!engine.checkSaslPassword(u.name, u.password))
          engine.setSaslPassword(u.name, u.password)
      if (jwks && mechanisms.includes('OAUTHBEARER'))
        jwksValidator = await startJwksValidator(jwks, log)
    } catch (err) {
      engine.restoreKeptBrokerIds()
      await engine.close()
      throw err
    }
    sasl = {
      mechanisms,
      maxReauthMs: Number(brokerConfig('connections.max.reauth.ms')),
      oauthBearer: jwksValidator
        ? { secured: jwksValidator.secured }
        : options.security?.oauthBearer && unsecured,
      credentials: engine,
      // The demo's clients log in with PLAIN, so only where PLAIN is offered (on a listener that
      // offers it: a session takes only its listener's mechanisms).
      ...(mechanisms.includes('PLAIN')
        ? { internal: { user: INTERNAL_USER, password: randomBytes(24).toString('base64url') } }
        : {})
    }
  }
  const authorizerSettings = options.authorizer && {
    superUsers: (options.authorizer.superUsers ?? []).map(principalOf),
    allowEveryoneIfNoAclFound: options.authorizer.allowEveryoneIfNoAclFound ?? false
  }
  const authorizer =
    authorizerSettings &&
    new Authorizer(engine, {
      ...authorizerSettings,
      // The demo's own clients are not held back by the ACLs.
      superUsers: [
        ...authorizerSettings.superUsers,
        ...(sasl?.internal ? [`User:${sasl.internal.user}`] : [])
      ]
    })
  const fetchSessions = new FetchSessionCaches(settings.limits.maxIncrementalFetchSessionCacheSlots)
  // A stopped broker forgets its fetch sessions, as a restarted Kafka broker does.
  const forgetSessions = engine.on('cluster.changed', ({ brokerId }) => {
    if (brokerId !== undefined && !engine.isOnline(brokerId)) fetchSessions.forget(brokerId)
  })
  const specs = named.map((l, i): ListenerSpec => ({
    name: l.name,
    securityProtocol: l.securityProtocol,
    ...(i === 0 ? {} : { port: l.port }),
    ...((i === 0 ? options.brokerPorts : l.brokerPorts)
      ? { brokerPorts: i === 0 ? options.brokerPorts : l.brokerPorts }
      : {}),
    ...(advertised.has(l.name) ? { advertised: advertised.get(l.name) } : {}),
    handler: (socket, broker) =>
      handleKafkaConnection(socket, {
        engine,
        broker,
        listenerName: l.name,
        settings,
        memory,
        log,
        sasl:
          usesSasl(l.securityProtocol) && sasl
            ? {
                ...sasl,
                mechanisms: securityOf(l.name).saslMechanisms,
                plainUsers: securityOf(l.name).plainUsers,
                ...(securityOf(l.name).plainUsersFrom
                  ? { plainUsersFrom: plainSourceText(securityOf(l.name).plainUsersFrom!) }
                  : {})
              }
            : undefined,
        sslPrincipal: securityOf(l.name).clientAuth !== 'none' ? sslPrincipal : undefined,
        authorizer,
        fetchSessions
      }),
    ...(securityOf(l.name).tls
      ? {
          tlsOptions: tlsServerOptions(
            securityOf(l.name).tls!,
            securityOf(l.name).clientAuth,
            securityOf(l.name).tlsParameters
          )
        }
      : {})
  }))
  const listeners = new ClusterListeners(engine, options.bindHost ?? '127.0.0.1', specs, log)
  let listening = false
  try {
    for (const id of options.stoppedBrokers ?? []) engine.stopBroker(id)
    for (const f of options.faults ?? []) {
      const brokerId = f.target.brokerId
      if (brokerId !== undefined && !engine.broker(brokerId))
        throw new EngineError(
          'invalid-argument',
          `A fault's broker ${brokerId} does not exist (the brokers are ${engine.brokerIds().join(', ')})`,
          'faults'
        )
      engine.injectFault(f)
    }
    const endpoints = await listeners.start()
    listening = true
    const addresses = endpoints[0].addresses
    // What clients are told to bootstrap on: the first listener's advertised addresses.
    const bootstrapServers = addresses.map((a) => hostPort(a.advertised ?? a))
    let demo: Promise<DemoHandle> | null = null
    // The demo's clients use the first listener.
    const demoSasl = usesSasl(protocol) ? sasl : undefined
    const demoMechanisms = securityOf(named[0].name).saslMechanisms
    const loadDemo = async () => {
      if (demoSasl && (!demoSasl.internal || !demoMechanisms.includes('PLAIN')))
        throw new Error(
          `the demo's clients log in with PLAIN, which the listeners do not offer (SASL mechanisms ${demoMechanisms.join(', ')})`
        )
      demo ??= startDemo(
        engine,
        addresses.map((a) => hostPort(a)),
        {
          tls: usesTls(protocol),
          sasl: demoSasl?.internal && {
            username: demoSasl.internal.user,
            password: demoSasl.internal.password
          }
        },
        // In this process, the demo's clients reach the brokers where they listen, whatever
        // address is advertised.
        Object.fromEntries(
          addresses.flatMap((a) => (a.advertised ? [[hostPort(a.advertised), hostPort(a)]] : []))
        )
      )
      demo.catch(() => (demo = null))
      const d = await demo
      return { topics: d.topics, groups: d.groups }
    }
    const demoControl: DemoControl = {
      load: loadDemo,
      running: async () => (demo ? await demo.catch(() => null) : null)
    }
    const registry = SchemaRegistry.open(options.dataDir, options.fsync)
    const embedded = embeddedBackend(engine, {
      demo: demoControl,
      listeners: endpoints.map((e) => {
        const l = securityOf(e.name)
        return {
          name: e.name,
          securityProtocol: e.securityProtocol,
          ...(usesSasl(e.securityProtocol) ? { saslMechanisms: [...l.saslMechanisms] } : {}),
          ...(usesSasl(e.securityProtocol) && l.saslMechanisms.includes('PLAIN')
            ? { plainLogins: plainLoginsOf(l) }
            : {}),
          ...(usesTls(e.securityProtocol)
            ? {
                clientAuth: l.clientAuth,
                tlsProtocols: tlsVersionOptions(l.tlsParameters).versions,
                ...(l.tlsParameters.cipherSuites
                  ? { cipherSuites: l.tlsParameters.cipherSuites.map((s) => s.name) }
                  : {})
              }
            : {})
        }
      }),
      saslMechanisms: sasl?.mechanisms ?? [],
      authorizer: authorizerSettings,
      registry
    })
    const connections = new ConnectionRegistry({
      dataDir: options.dataDir,
      cipher: options.secretCipher,
      definitions: options.connections,
      embedded: async () => ({
        bootstrapServers,
        historyIntervalMs: engine.lagSampleIntervalMs
      }),
      connect: lazyExternalBackend,
      log
    })
    connections.startCollector((id, err) =>
      log(
        `History poll of connection ${id} failed: ${err instanceof Error ? err.message : String(err)}`
      )
    )
    const cluster: EmbeddedCluster = {
      engine,
      registry,
      fetchSessions,
      listenerSecurity: securityOf,
      service: createService(embedded, connections),
      connections,
      listeners: addresses,
      endpoints,
      loadDemo,
      close: async () => {
        if (demo) await (await demo.catch(() => null))?.stop()
        await connections.close()
        forgetSessions()
        await listeners.close()
        jwksValidator?.close()
        await engine.close()
        registry.close()
      }
    }
    if (options.demo) await loadDemo()
    return cluster
  } catch (err) {
    forgetSessions()
    await listeners.close()
    jwksValidator?.close()
    // A cluster that never listened leaves its data directory's broker ids as they were.
    if (!listening) engine.restoreKeptBrokerIds()
    await engine.close()
    throw err
  }
}

/** Where a listener offering PLAIN checks PLAIN logins, for the console (users, never passwords). */
function plainLoginsOf(l: ListenerSecurity): PlainLogins {
  if (!l.plainUsers) return { from: 'cluster' }
  const users = [...l.plainUsers.keys()]
  return l.plainUsersFrom
    ? { ...l.plainUsersFrom, users }
    : { from: 'jaas-config', key: 'plainUsers', users }
}
