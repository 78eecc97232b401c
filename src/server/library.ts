// `import { startCluster } from 'logdeck'`: the embedded cluster in the caller's process, on
// free ports, for test suites; `close()` releases every port, timer and database handle.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { startEmbeddedCluster, type EmbeddedClusterOptions } from '../engine/embedded-cluster'
import { serverPropertiesOptions, type ServeOptions } from './cli-args'
import { ApiError } from '../shared/errors'
import { EngineError } from '../engine/engine-error'
import { apiErrorFromEngine } from '../engine/service/api-errors'
import { checkStaticBrokerConfigs } from '../engine/cluster/broker-configs'
import { MissingBrokersError, numberedFromZero } from '../engine/cluster/brokers'
import { checkBrokerIds, checkBrokerRacks } from '../engine/engine-options'
import {
  checkClientMetricsExport,
  type ClientMetricsExportOptions
} from '../engine/telemetry/client-metrics-export'
import { addListenerConfigs } from '../shared/kafka/broker-configs'
import { MAX_BROKERS } from '../shared/kafka/cluster-size'
import { startHttpServer, type RunningHttpServer } from './http-server'
import { startMetricsServer, type RunningMetricsServer } from './metrics/metrics-server'
import {
  startBrokerMetricsServers,
  type RunningBrokerMetrics
} from './metrics/broker-metrics-servers'
import {
  serveSchemaRegistry,
  type RunningRegistryServer
} from '../engine/registry/server/registry-server'
import type { Cluster, ClusterListener, StartCluster, StartClusterOptions } from './library-types'
import { checkAdvertisedListeners, checkListeners } from './listener-flags'
import { UsageError } from './cli-errors'
import type { AdvertisedListener, ExtraListener } from '../engine/embedded-cluster'
import { hostPort } from '../engine/kafka/advertised-listeners'
import {
  CLIENT_AUTH,
  usesSasl,
  usesTls,
  type ClientAuth,
  type ListenerTls
} from '../engine/kafka/security/listener-security'
import { givesKeystore, readSslConfigs } from './library-ssl-configs'
import {
  listenerSecurityOf,
  type ListenerSecurityOverride
} from '../engine/kafka/security/listener-overrides'
import { SASL_MECHANISMS } from '../engine/kafka/security/sasl-session'
import type { TlsParameters } from '../engine/kafka/security/tls-protocols'
import { closeFrontDoorsThen } from '../engine/shutdown/front-doors'
import { composeCluster } from './library-compose'
import { DEFAULT_SASL_MECHANISMS } from '../engine/kafka/security/sasl-session'
import { readJaasFile } from './jaas-login-file'

export type * from './library-types'
export { ApiError }

/** `brokerIds`, checked as the engine checks them (and against `brokers`): an ApiError. */
function checkBrokerIdsOption(ids: unknown, brokers: unknown): number[] | undefined {
  try {
    return checkBrokerIds(ids, typeof brokers === 'number' ? brokers : undefined)
  } catch (err) {
    if (err instanceof EngineError) throw apiErrorFromEngine(err)
    throw err
  }
}

/**
 * A refusal of the engine's, in the library's words where it names how to open again: a data
 * directory without one of its brokers names the option that gives them.
 */
function inLibraryWords(err: unknown): never {
  if (err instanceof MissingBrokersError) {
    const field =
      numberedFromZero(err.heldIds) && err.heldIds.length <= MAX_BROKERS ? 'brokers' : 'brokerIds'
    const how = (ids: readonly number[]) =>
      field === 'brokers'
        ? `startCluster({ brokers: ${ids.length} })`
        : `startCluster({ brokerIds: [${ids.join(', ')}] })`
    throw new ApiError('BAD_REQUEST', err.worded(how), field)
  }
  throw err
}

function checkBrokers(brokers: unknown, ids?: readonly number[]): number {
  if (ids) return ids.length
  if (brokers === undefined) return 1
  if (
    typeof brokers !== 'number' ||
    !Number.isInteger(brokers) ||
    brokers < 1 ||
    brokers > MAX_BROKERS
  )
    throw new ApiError(
      'BAD_REQUEST',
      `brokers must be a whole number from 1 to ${MAX_BROKERS}`,
      'brokers'
    )
  return brokers
}

function rendererDir(): string | undefined {
  // Built layout: out/main/library.js beside out/renderer/index.html.
  const dir = join(__dirname, '..', 'renderer')
  return existsSync(join(dir, 'index.html')) ? dir : undefined
}

/** Broker configs checked before anything starts: an ApiError naming the config. */
function checkBrokerConfigs(values: unknown): Record<string, string> {
  if (values === undefined) return {}
  if (typeof values !== 'object' || values === null || Array.isArray(values))
    throw new ApiError('BAD_REQUEST', 'brokerConfigs must be an object of strings', 'brokerConfigs')
  const strings: Record<string, string> = {}
  for (const [name, value] of Object.entries(values))
    strings[name] = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value
  try {
    return checkStaticBrokerConfigs(strings)
  } catch (err) {
    if (err instanceof EngineError) throw apiErrorFromEngine(err)
    throw err
  }
}

/** `brokerRacks`, checked as the engine checks them: an ApiError naming brokerRacks. */
function checkRacks(racks: unknown, brokers: number): (string | null)[] | undefined {
  try {
    checkBrokerRacks(racks, brokers)
  } catch (err) {
    if (err instanceof EngineError) throw apiErrorFromEngine(err)
    throw err
  }
  return racks as (string | null)[] | undefined
}

/** `metricsPort` or `brokerMetricsPort`: 0 to 65535 (less the brokers after the first), else an ApiError naming it. */
function checkMetricsPort(
  port: unknown,
  field: 'metricsPort' | 'brokerMetricsPort',
  more = 0
): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new ApiError('BAD_REQUEST', `${field} must be a port number from 0 to 65535`, field)
  if (port > 0 && port + more > 65535)
    throw new ApiError(
      'BAD_REQUEST',
      `${field} ${port} leaves no room for ${more + 1} brokers (port + ${more} must be at most 65535)`,
      field
    )
  return port
}

/** `clientMetricsExport`, checked as the engine checks it: an ApiError naming the field. */
function checkExport(
  given: StartClusterOptions['clientMetricsExport']
): ClientMetricsExportOptions | undefined {
  if (given === undefined) return undefined
  try {
    return checkClientMetricsExport(given)
  } catch (err) {
    if (err instanceof EngineError) throw apiErrorFromEngine(err)
    throw err
  }
}

/** `listeners`, checked as `--listener` is: an ApiError naming the listener. */
function checkClusterListeners(options: StartClusterOptions, brokers: number): ExtraListener[] {
  const given = options.listeners ?? []
  if (!Array.isArray(given))
    throw new ApiError('BAD_REQUEST', 'listeners must be an array', 'listeners')
  let listeners: ExtraListener[]
  try {
    listeners = checkListeners(
      given.map((l, i) => ({
        where: `listeners[${i}]`,
        name: String(l?.name ?? ''),
        protocol: String(l?.securityProtocol ?? ''),
        port: String(l?.port ?? 0)
      })),
      {
        protocol: 'PLAINTEXT',
        port: options.port ?? 0,
        where: 'the first listener',
        portWhere: 'port'
      },
      brokers,
      null
    )
  } catch (err) {
    if (err instanceof UsageError) throw new ApiError('BAD_REQUEST', err.message, 'listeners')
    throw err
  }
  const i = listeners.findIndex(
    (l, j) =>
      usesTls(l.securityProtocol) &&
      given[j].tls?.cert === undefined &&
      !givesKeystore(given[j].sslConfigs)
  )
  if (i >= 0 && (!options.tls?.cert || !options.tls.key) && !givesKeystore(options.sslConfigs))
    throw new ApiError(
      'BAD_REQUEST',
      `listeners[${i}] (${listeners[i].securityProtocol}) needs tls: { cert, key } or sslConfigs with a keystore`,
      'tls'
    )
  if (options.users?.length && !listeners.some((l) => usesSasl(l.securityProtocol)))
    throw new ApiError('BAD_REQUEST', 'users need a SASL_PLAINTEXT or SASL_SSL listener', 'users')
  return listeners
}

/** `advertisedListeners`, checked as `--advertised-listener` is: an ApiError naming it. */
function checkAdvertised(
  options: StartClusterOptions,
  listeners: readonly ExtraListener[],
  brokers: number
): AdvertisedListener[] {
  const given = options.advertisedListeners ?? []
  if (!Array.isArray(given))
    throw new ApiError('BAD_REQUEST', 'advertisedListeners must be an array', 'advertisedListeners')
  try {
    return checkAdvertisedListeners(
      given.map((a, i) => {
        const where = `advertisedListeners[${i}]`
        const own: unknown = a?.addresses
        if (own !== undefined && (a.host !== undefined || a.port !== undefined))
          throw new UsageError(`${where}: give host and port, or addresses, not both`)
        if (own !== undefined && !Array.isArray(own))
          throw new UsageError(
            `${where}: addresses must be an array of { host, port }, one a broker`
          )
        const addresses = (own as { host?: unknown; port?: unknown }[] | undefined) ?? [a]
        return {
          where,
          name: String(a?.name ?? ''),
          addresses: addresses.map((x) => ({
            host: String(x?.host ?? ''),
            port: String(x?.port ?? '')
          }))
        }
      }),
      ['PLAINTEXT', ...listeners.map((l) => l.name)],
      brokers
    )
  } catch (err) {
    if (err instanceof UsageError)
      throw new ApiError('BAD_REQUEST', err.message, 'advertisedListeners')
    throw err
  }
}

/** Each listener's own TLS and SASL settings, checked: an ApiError naming the listener. */
function listenerOverrides(
  options: StartClusterOptions,
  listeners: readonly ExtraListener[],
  shared: SharedTls
): Record<string, ListenerSecurityOverride> {
  const out: Record<string, ListenerSecurityOverride> = {}
  for (const [i, l] of listeners.entries()) {
    const given = options.listeners![i]
    const mechanisms = given.saslMechanisms
    if (mechanisms !== undefined) {
      const unknown = Array.isArray(mechanisms)
        ? mechanisms.find((m) => !(SASL_MECHANISMS as readonly string[]).includes(m))
        : 'not a list'
      if (unknown !== undefined || mechanisms.length === 0)
        throw new ApiError(
          'BAD_REQUEST',
          `listeners[${i}].saslMechanisms must list some of ${SASL_MECHANISMS.join(', ')}${unknown ? `, got '${unknown}'` : ''}`,
          'listeners'
        )
    }
    if (given.clientAuth !== undefined && !CLIENT_AUTH.includes(given.clientAuth))
      throw new ApiError(
        'BAD_REQUEST',
        `listeners[${i}].clientAuth must be one of ${CLIENT_AUTH.join(', ')}`,
        'listeners'
      )
    const where = `listeners[${i}].sslConfigs`
    const ssl = readSslConfigs(given.sslConfigs, where, 'listeners')
    const tls = given.tls ? ownPem(given.tls) : undefined
    if (ssl?.tls.cert !== undefined && (tls?.cert !== undefined || tls?.key !== undefined))
      throw new ApiError(
        'BAD_REQUEST',
        `listeners[${i}]: give tls or ${where}'s keystore, not both`,
        'listeners'
      )
    if (ssl?.tls.ca !== undefined && tls?.ca !== undefined)
      throw new ApiError(
        'BAD_REQUEST',
        `listeners[${i}]: give tls.ca or ${where}'s truststore, not both`,
        'listeners'
      )
    const ownTls = ssl && (ssl.tls.cert ?? ssl.tls.ca) !== undefined ? { ...tls, ...ssl.tls } : tls
    // As in Kafka, a truststore given by ssl.truststore.* asks for no client certificate
    // unless ssl.client.auth says so.
    const trustOnly =
      ssl?.tls.ca !== undefined || (ownTls?.ca === undefined && shared.fromTruststore)
    const clientAuth =
      given.clientAuth ??
      ssl?.clientAuth ??
      (usesTls(l.securityProtocol)
        ? (shared.clientAuth ?? (trustOnly && (ownTls?.ca ?? shared.tls?.ca) ? 'none' : undefined))
        : undefined)
    const own: ListenerSecurityOverride = {
      ...(ownTls ? { tls: ownTls } : {}),
      ...(clientAuth ? { clientAuth } : {}),
      ...(mechanisms ? { saslMechanisms: mechanisms } : {}),
      ...(ssl?.tlsParameters ? { tlsParameters: ssl.tlsParameters } : {}),
      ...(ssl?.stores ? { sslConfigs: ssl.stores } : {})
    }
    try {
      listenerSecurityOf(l, { tls: shared.tls, tlsParameters: shared.tlsParameters }, own)
    } catch (err) {
      throw new ApiError('BAD_REQUEST', `listeners[${i}]: ${(err as Error).message}`, 'listeners')
    }
    if (Object.keys(own).length > 0) out[l.name] = own
  }
  return out
}

/** `jaasConfig`, checked: a path, else an ApiError naming it. */
function checkJaasConfig(options: StartClusterOptions): string | undefined {
  const file: unknown = options.jaasConfig
  if (file === undefined) return undefined
  if (typeof file !== 'string' || file === '')
    throw new ApiError('BAD_REQUEST', 'jaasConfig must be the path of a JAAS file', 'jaasConfig')
  return file
}

/** A UsageError of reading a file the options name, as a BAD_REQUEST naming the option. */
function optionError(message: string, field: string): ApiError {
  return message.startsWith('--jaas-config ')
    ? new ApiError('BAD_REQUEST', message.replace(/^--jaas-config /, 'jaasConfig '), 'jaasConfig')
    : new ApiError('BAD_REQUEST', message, field)
}

/** What the listeners took of the JAAS file, to `log`. */
function logJaasFile(
  jaasFile: { shown: string; summary: string[] } | undefined,
  log: ((line: string) => void) | undefined
): void {
  if (!jaasFile || !log) return
  log(`JAAS file ${jaasFile.shown.replace(/^(--jaas-config|jaasConfig|the JAAS file) /, '')}:`)
  for (const line of jaasFile.summary) log(`  ${line}`)
}

export const startCluster: StartCluster = async (options: StartClusterOptions = {}) => {
  const host = options.host ?? '127.0.0.1'
  const brokerIds = checkBrokerIdsOption(options.brokerIds, options.brokers)
  const embedded =
    options.compose !== undefined
      ? composeCluster(options, host, {
          brokers:
            options.brokers === undefined && !brokerIds
              ? undefined
              : checkBrokers(options.brokers, brokerIds),
          brokerIds,
          brokerConfigs: checkBrokerConfigs,
          racks: checkRacks,
          authorizer: authorizerOption(options),
          jaasConfig: checkJaasConfig(options),
          optionError,
          logJaasFile: (jaasFile) => logJaasFile(jaasFile, options.log)
        })
      : {
          ...(options.serverProperties === undefined
            ? clusterOptions(options, checkBrokers(options.brokers, brokerIds), host)
            : serverPropertiesCluster(options, checkBrokers(options.brokers, brokerIds), host)),
          ...(brokerIds ? { brokerIds } : {})
        }
  const brokers = embedded.brokers ?? 1
  const clientMetricsExport = checkExport(options.clientMetricsExport)
  const metricsPort =
    options.metricsPort === undefined
      ? undefined
      : checkMetricsPort(options.metricsPort, 'metricsPort')
  const brokerMetricsPort =
    options.brokerMetricsPort === undefined
      ? undefined
      : checkMetricsPort(options.brokerMetricsPort, 'brokerMetricsPort', brokers - 1)
  const cluster = await startEmbeddedCluster({
    ...embedded,
    ...(clientMetricsExport ? { clientMetricsExport } : {})
  }).catch(inLibraryWords)
  let http: RunningHttpServer | null = null
  let registry: RunningRegistryServer | null = null
  let uiUrl: string | undefined
  let metrics: RunningMetricsServer | null = null
  let brokerMetrics: RunningBrokerMetrics | null = null
  try {
    for (const topic of options.topics ?? []) await cluster.service.call('topics.create', topic)
    registry = await serveSchemaRegistry(
      cluster.registry,
      { port: options.schemaRegistry === false ? null : 0, basicAuth: null, tls: null },
      host,
      options.log
    )
    if (options.ui) {
      const token = randomBytes(18).toString('base64url')
      http = await startHttpServer({
        service: cluster.service,
        host,
        port: 0,
        token,
        staticDir: rendererDir()
      })
      uiUrl = `${http.url}?token=${encodeURIComponent(token)}`
    }
    if (metricsPort !== undefined)
      metrics = await startMetricsServer({ service: cluster.service, host, port: metricsPort })
    if (brokerMetricsPort !== undefined)
      brokerMetrics = await startBrokerMetricsServers({
        engine: cluster.engine,
        host,
        port: brokerMetricsPort
      })
  } catch (err) {
    await brokerMetrics?.close()
    await metrics?.close()
    await http?.close()
    await registry?.close()
    await cluster.close()
    throw err
  }
  let closing: Promise<void> | null = null
  const running: Cluster = {
    bootstrapServers: cluster.listeners.map((l) => hostPort(l.advertised ?? l)),
    listeners: cluster.endpoints.map((e) => ({
      name: e.name,
      securityProtocol: e.securityProtocol,
      bootstrapServers: e.addresses.map((a) => hostPort(a.advertised ?? a)),
      boundServers: e.addresses.map((a) => hostPort(a))
    })),
    call: (method, params) => cluster.service.call(method, params ?? {}),
    close: () =>
      (closing ??= closeFrontDoorsThen([metrics, brokerMetrics, http, registry], cluster))
  }
  if (uiUrl) running.uiUrl = uiUrl
  if (registry) running.schemaRegistryUrl = registry.url
  if (metrics) running.metricsUrl = metrics.url
  if (brokerMetrics) running.brokerMetricsUrls = brokerMetrics.urls
  return running
}

/** The embedded cluster the options describe: the first listener PLAINTEXT, the others given. */
function clusterOptions(
  options: StartClusterOptions,
  brokers: number,
  host: string
): EmbeddedClusterOptions {
  const listeners = checkClusterListeners(options, brokers)
  const advertisedListeners = checkAdvertised(options, listeners, brokers)
  const shared = sharedTls(options)
  const listenerSecurity = listenerOverrides(options, listeners, shared)
  const jaasConfig = checkJaasConfig(options)
  if (jaasConfig !== undefined) {
    let use
    try {
      use = readJaasFile(
        { path: jaasConfig, shown: `jaasConfig ${jaasConfig}` },
        [{ name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT' as const, port: 0 }, ...listeners].map(
          (l) => ({
            name: l.name,
            securityProtocol: l.securityProtocol,
            mechanisms: listenerSecurity[l.name]?.saslMechanisms ?? DEFAULT_SASL_MECHANISMS,
            ownConfigs: new Set<string>()
          })
        )
      )
    } catch (err) {
      if (err instanceof UsageError) throw new ApiError('BAD_REQUEST', err.message, 'jaasConfig')
      throw err
    }
    for (const [name, { users, section }] of use.plainUsers)
      listenerSecurity[name] = {
        ...listenerSecurity[name],
        plainUsers: users,
        plainUsersFrom: { from: 'jaas-file', file: jaasConfig, section }
      }
    logJaasFile({ shown: jaasConfig, summary: use.summary }, options.log)
  }
  // Their listener.name.<name>.* configs may be among brokerConfigs.
  for (const l of listeners) addListenerConfigs(l.name)
  const brokerConfigs = checkBrokerConfigs(options.brokerConfigs)
  const brokerRacks = checkRacks(options.brokerRacks, brokers)
  return {
    brokerConfigs,
    ...(brokerRacks ? { brokerRacks } : {}),
    dataDir: options.dataDir ?? ':memory:',
    brokers,
    port: options.port ?? 0,
    listeners,
    advertisedListeners,
    listenerSecurity,
    security: {
      protocol: 'PLAINTEXT',
      ...(shared.tls ? { tls: shared.tls } : {}),
      ...(shared.tlsParameters ? { tlsParameters: shared.tlsParameters } : {}),
      ...(shared.stores ? { sslConfigs: shared.stores } : {}),
      ...(listeners.some((l) => usesSasl(l.securityProtocol)) ? { users: options.users ?? [] } : {})
    },
    bindHost: host,
    log: options.log,
    authorizer: authorizerOption(options)
  }
}

function authorizerOption(options: StartClusterOptions): EmbeddedClusterOptions['authorizer'] {
  return options.authorizer === true
    ? {}
    : typeof options.authorizer === 'object'
      ? options.authorizer
      : undefined
}

/**
 * The embedded cluster a server.properties describes (on free ports), with the options that win
 * over it; a mistake in the file is a BAD_REQUEST naming its line.
 */
function serverPropertiesCluster(
  options: StartClusterOptions,
  brokers: number,
  host: string
): EmbeddedClusterOptions {
  const beside = (['listeners', 'advertisedListeners', 'tls', 'sslConfigs', 'port'] as const).find(
    (k) => options[k] !== undefined
  )
  if (beside)
    throw new ApiError(
      'BAD_REQUEST',
      `${beside} and serverProperties cannot be used together: the listeners and their security come from the file`,
      beside
    )
  let o: ServeOptions
  try {
    o = serverPropertiesOptions(String(options.serverProperties), brokers, checkJaasConfig(options))
  } catch (err) {
    if (err instanceof UsageError)
      throw optionError(
        err.message.replace(/^--server-properties /, 'serverProperties '),
        'serverProperties'
      )
    throw err
  }
  const brokerConfigs = checkBrokerConfigs({ ...o.brokerConfigs, ...options.brokerConfigs })
  const brokerRacks = checkRacks(options.brokerRacks, brokers) ?? o.brokerRacks
  const sasl = [o.security.protocol, ...o.listeners.map((l) => l.securityProtocol)].some(usesSasl)
  if (options.users?.length && !sasl)
    throw new ApiError('BAD_REQUEST', 'users need a SASL_PLAINTEXT or SASL_SSL listener', 'users')
  for (const line of [
    `Server properties ${options.serverProperties}:`,
    ...(o.serverProperties?.summary ?? [])
  ])
    options.log?.(line.startsWith('Server properties') ? line : `  ${line}`)
  logJaasFile(o.security.jaasFile, options.log)
  return {
    dataDir: options.dataDir ?? ':memory:',
    brokers,
    brokerIds: o.brokerIds,
    port: 0,
    bindHost: host,
    log: options.log,
    listeners: o.listeners,
    ...(o.security.listeners ? { listenerSecurity: o.security.listeners } : {}),
    security: {
      ...o.security,
      ...(sasl ? { users: [...(o.security.users ?? []), ...(options.users ?? [])] } : {})
    },
    limits: o.limits,
    brokerConfigs,
    ...(brokerRacks ? { brokerRacks } : {}),
    replication: { followerDelayMs: 0, replicaLagTimeMaxMs: o.replicaLagTimeMaxMs },
    authorizer: authorizerOption(options) ?? o.authorizer ?? undefined
  }
}

/** PEM as the listeners take it: text, or a Buffer over the bytes given. */
const pem = (v: string | Uint8Array) => (typeof v === 'string' ? v : Buffer.from(v))

/** The TLS material as the listeners take it. */
function pemOf(tls: NonNullable<StartClusterOptions['tls']>): ListenerTls {
  return { cert: pem(tls.cert), key: pem(tls.key), ...(tls.ca ? { ca: pem(tls.ca) } : {}) }
}

/** What every TLS listener shares: `tls` and/or `sslConfigs`. */
interface SharedTls {
  tls?: ListenerTls
  clientAuth?: ClientAuth
  /** The CA came from ssl.truststore.* (which asks for no client certificate by itself). */
  fromTruststore: boolean
  /** ssl.enabled.protocols and ssl.cipher.suites of sslConfigs. */
  tlsParameters?: TlsParameters
  /** Its ssl.keystore.* and ssl.truststore.* as given. */
  stores?: Record<string, string>
}

function sharedTls(options: StartClusterOptions): SharedTls {
  const ssl = readSslConfigs(options.sslConfigs, 'sslConfigs', 'sslConfigs')
  const given = options.tls ? pemOf(options.tls) : undefined
  if (ssl?.tls.cert !== undefined && given)
    throw new ApiError('BAD_REQUEST', "give tls or sslConfigs' keystore, not both", 'sslConfigs')
  if (ssl?.tls.ca !== undefined && given?.ca !== undefined)
    throw new ApiError(
      'BAD_REQUEST',
      "give tls.ca or sslConfigs' truststore, not both",
      'sslConfigs'
    )
  const pair =
    given ?? (ssl?.tls.cert !== undefined ? { cert: ssl.tls.cert, key: ssl.tls.key! } : undefined)
  if (ssl?.tls.ca !== undefined && !pair)
    throw new ApiError(
      'BAD_REQUEST',
      "sslConfigs' truststore needs a keystore (or tls)",
      'sslConfigs'
    )
  const ca = given?.ca ?? ssl?.tls.ca
  return {
    ...(pair ? { tls: { ...pair, ...(ca !== undefined ? { ca } : {}) } } : {}),
    ...(ssl?.clientAuth ? { clientAuth: ssl.clientAuth } : {}),
    ...(ssl?.tlsParameters ? { tlsParameters: ssl.tlsParameters } : {}),
    ...(ssl?.stores ? { stores: ssl.stores } : {}),
    fromTruststore: ssl?.tls.ca !== undefined
  }
}

/** A listener's own TLS material, the parts given. */
function ownPem(tls: NonNullable<ClusterListener['tls']>): ListenerSecurityOverride['tls'] {
  return {
    ...(tls.cert !== undefined ? { cert: pem(tls.cert) } : {}),
    ...(tls.key !== undefined ? { key: pem(tls.key) } : {}),
    ...(tls.ca !== undefined ? { ca: tls.ca === null ? null : pem(tls.ca) } : {})
  }
}
