// `logdeck serve`: the embedded cluster with the web UI, no Electron.
import { randomBytes } from 'node:crypto'
import { principalOf, startEmbeddedCluster, type EmbeddedCluster } from '../engine/embedded-cluster'
import type { RunningHttpServer } from './http-server'
import type { RunningMetricsServer } from './metrics/metrics-server'
import type { RunningBrokerMetrics } from './metrics/broker-metrics-servers'
import type { ListenerAddress } from '../engine/kafka/listeners'
import { hostPort } from '../engine/kafka/advertised-listeners'
import type { ListenerSecurity } from '../engine/kafka/security/listener-overrides'
import { describeTlsParameters } from '../engine/kafka/security/tls-protocols'
import type { ServeOptions } from './cli-args'
import { readConnectionsFile } from './connections-file'
import { describeFault } from '../shared/fault-description'
import {
  registryAddressLines,
  serveSchemaRegistry,
  type RunningRegistryServer
} from '../engine/registry/server/registry-server'
import { closeFrontDoorsThen } from '../engine/shutdown/front-doors'
import { MissingBrokersError, numberedFromZero } from '../engine/cluster/brokers'
import { EngineError } from '../engine/engine-error'

/** The serve flag that opens a data directory of these brokers: --brokers N for 0 to N-1. */
const serveFlagFor = (ids: readonly number[]) =>
  numberedFromZero(ids) ? `--brokers ${ids.length}` : `--broker-ids ${ids.join(',')}`

/** A refusal of the engine's, in the command line's words where it names how to open again. */
function inServeWords(err: unknown): never {
  if (err instanceof MissingBrokersError)
    throw new EngineError(
      err.reason,
      err.worded((ids) => `logdeck serve ${serveFlagFor(ids)}`),
      err.field
    )
  throw err
}

export interface RunningServe {
  cluster: EmbeddedCluster
  http: RunningHttpServer | null
  registry: RunningRegistryServer | null
  token: string
  uiUrl: string | null
  close(): Promise<void>
}

export async function serve(
  opts: ServeOptions & { staticDir?: string },
  print: (line: string) => void
): Promise<RunningServe> {
  const token = opts.token ?? randomBytes(18).toString('base64url')
  const cluster = await startEmbeddedCluster({
    dataDir: opts.dataDir,
    brokers: opts.brokers,
    ...(opts.brokerIds ? { brokerIds: opts.brokerIds } : {}),
    port: opts.port,
    bindHost: opts.host,
    advertisedHost: opts.advertisedHost,
    log: print,
    demo: opts.demo,
    stoppedBrokers: opts.stoppedBrokers,
    connections: opts.connectionsFile ? readConnectionsFile(opts.connectionsFile) : undefined,
    fsync: opts.fsync,
    limits: opts.limits,
    brokerConfigs: opts.brokerConfigs,
    ...(opts.brokerRacks ? { brokerRacks: opts.brokerRacks } : {}),
    storage: opts.storage,
    security: opts.security,
    ...(opts.security.listeners ? { listenerSecurity: opts.security.listeners } : {}),
    ...(opts.brokerPorts ? { brokerPorts: opts.brokerPorts } : {}),
    listeners: opts.listeners,
    advertisedListeners: opts.advertisedListeners,
    faults: opts.faults,
    authorizer: opts.authorizer ?? undefined,
    ...(opts.clientMetricsExport ? { clientMetricsExport: opts.clientMetricsExport } : {}),
    replication: {
      followerDelayMs: opts.replicationDelayMs,
      replicaLagTimeMaxMs: opts.replicaLagTimeMaxMs
    }
  }).catch(inServeWords)
  let http: RunningHttpServer | null = null
  let registry: RunningRegistryServer | null = null
  let metrics: RunningMetricsServer | null = null
  let brokerMetrics: RunningBrokerMetrics | null = null
  try {
    registry = await serveSchemaRegistry(cluster.registry, opts.schemaRegistry, opts.host, print)
    if (opts.uiPort !== null) {
      // The web server (and ws, and with it node:tls) loads only when there is a UI to serve.
      const { startHttpServer } = await import('./http-server')
      http = await startHttpServer({
        service: cluster.service,
        host: opts.host,
        port: opts.uiPort,
        token,
        staticDir: opts.staticDir
      })
    }
    if (opts.metricsPort !== null) {
      const { startMetricsServer } = await import('./metrics/metrics-server')
      metrics = await startMetricsServer({
        service: cluster.service,
        host: opts.host,
        port: opts.metricsPort
      })
    }
    if (opts.brokerMetricsPort !== null) {
      const { startBrokerMetricsServers } = await import('./metrics/broker-metrics-servers')
      brokerMetrics = await startBrokerMetricsServers({
        engine: cluster.engine,
        host: opts.host,
        port: opts.brokerMetricsPort
      })
    }
  } catch (err) {
    await metrics?.close()
    await http?.close()
    await registry?.close()
    await cluster.close()
    throw err
  }
  const uiUrl = http ? `${http.url}?token=${encodeURIComponent(token)}` : null
  if (opts.serverProperties) {
    print(opts.serverProperties.heading ?? `Server properties ${opts.serverProperties.file}:`)
    for (const line of opts.serverProperties.summary) print(`  ${line}`)
  }
  if (opts.security.jaasFile) {
    print(
      `JAAS file ${opts.security.jaasFile.shown.replace(/^--jaas-config |^the JAAS file /, '')}:`
    )
    for (const line of opts.security.jaasFile.summary) print(`  ${line}`)
  }
  print(
    `Logdeck embedded cluster ${cluster.engine.clusterId}: ${opts.brokers} broker(s) (ids ${cluster.engine.brokerIds().join(', ')}), data ${opts.dataDir}`
  )
  for (const c of cluster.connections.external())
    print(`Connection: ${c.id} (${c.name}) at ${c.bootstrapServers.join(',')}`)
  const at = (l: ListenerAddress) =>
    `${l.host}:${l.port}` + (l.advertised ? `, advertised as ${hostPort(l.advertised)}` : '')
  for (const l of cluster.listeners) print(`Kafka listener: broker ${l.brokerId} at ${at(l)}`)
  const more = cluster.endpoints.slice(1)
  for (const e of more)
    for (const l of e.addresses)
      print(`Kafka listener ${e.name} (${e.securityProtocol}): broker ${l.brokerId} at ${at(l)}`)
  const racks = cluster.listeners.map((l) => [l.brokerId, cluster.engine.brokerRack(l.brokerId)])
  if (racks.some(([, rack]) => rack !== null)) {
    const selector = cluster.engine.brokerConfig('replica.selector.class')
    print(
      `Broker racks: ${racks.map(([id, rack]) => `${id}=${rack ?? 'none'}`).join(', ')}` +
        (selector ? `; consumers fetch from their rack (${selector})` : '')
    )
  }
  const secured = cluster.endpoints.filter((e) => e.securityProtocol !== 'PLAINTEXT')
  if (secured.length > 0)
    print(
      `Security: ${secured.map((e) => describeListenerSecurity(e.name, e.securityProtocol, cluster.listenerSecurity(e.name))).join(', ')}` +
        (secured.some((e) => e.securityProtocol.startsWith('SASL'))
          ? `, ${cluster.engine.saslUsers().length} user(s)`
          : '')
    )
  const jwks = opts.security.oauthBearer?.jwks
  if (jwks) print(`OAUTHBEARER: signed tokens only, verified with the JWKS at ${jwks.endpointUrl}`)
  for (const f of cluster.engine.listFaults()) print(`Fault: ${describeFault(f)} (${f.id})`)
  if (opts.authorizer)
    print(
      `Authorizer: on, ${cluster.engine.allAcls().length} ACL(s)` +
        (opts.authorizer.superUsers.length > 0
          ? `, super users ${opts.authorizer.superUsers.map(principalOf).join(', ')}`
          : '')
    )
  // Clients bootstrap where the brokers are advertised.
  const bootstrap = (ls: ListenerAddress[]) => ls.map((l) => hostPort(l.advertised ?? l)).join(',')
  print(`Bootstrap servers: ${bootstrap(cluster.listeners)}`)
  for (const e of more)
    print(`Bootstrap servers ${e.name} (${e.securityProtocol}): ${bootstrap(e.addresses)}`)
  for (const line of registry
    ? registryAddressLines(registry)
    : ['Schema registry: off (--no-schema-registry)'])
    print(line)
  if (metrics) print(`Metrics: ${metrics.url} (Prometheus, kafka_exporter's metric names)`)
  if (brokerMetrics)
    print(
      `Broker metrics: ${brokerMetrics.urls.map((url, i) => `broker ${cluster.engine.brokerIds()[i]} at ${url}`).join(', ')} (Prometheus, the JMX exporter's metric names)`
    )
  if (http && uiUrl) {
    print(`UI: ${uiUrl}`)
    print(`API: POST ${http.url}api/<method> with Authorization: Bearer ${token}`)
  } else {
    print('UI: off (--no-ui)')
  }
  let closing: Promise<void> | null = null
  return {
    cluster,
    http,
    registry,
    token,
    uiUrl,
    close: () => {
      closing ??= closeFrontDoorsThen([metrics, brokerMetrics, http, registry], cluster)
      return closing
    }
  }
}

/** `EXTERNAL (SASL_SSL; SASL SCRAM-SHA-512)`, `SSL (client certificates required)`. */
function describeListenerSecurity(
  name: string,
  protocol: string,
  security: ListenerSecurity
): string {
  const details = [
    ...(name === protocol ? [] : [protocol]),
    ...(security.clientAuth === 'none' ? [] : [`client certificates ${security.clientAuth}`]),
    ...(security.tls ? describeTlsParameters(security.tlsParameters) : []),
    ...(security.saslMechanisms.length > 0
      ? [`SASL mechanisms ${security.saslMechanisms.join(', ')}`]
      : []),
    ...(security.plainUsers ? [plainUsersText(security)] : [])
  ]
  return details.length > 0 ? `${name} (${details.join('; ')})` : name
}

/** `PLAIN users from its JAAS config: admin, alice`, or that none may log in with PLAIN. */
function plainUsersText(security: ListenerSecurity): string {
  const users = [...(security.plainUsers?.keys() ?? [])]
  const from =
    security.plainUsersFrom?.from === 'jaas-file'
      ? `JAAS file section ${security.plainUsersFrom.section}`
      : 'its JAAS config'
  return users.length > 0
    ? `PLAIN users from ${from}: ${users.join(', ')}`
    : `no PLAIN users in ${from}: every PLAIN login refused`
}
