// The public types of `import { startCluster } from 'logdeck'`: only the contract's types, so
// that the package's declarations describe the API without the engine's internals.
import type { MethodName, Params, Result } from '../shared/contract'

export type {
  MethodName,
  Params,
  Result,
  ApiContract,
  ApiEvents,
  EventName
} from '../shared/contract'
export type { ApiErrorBody, ApiErrorCode } from '../shared/errors'

/** A topic to create at start: `{ name, partitions, replicationFactor, configs? }`. */
export type ClusterTopic = Omit<Params<'topics.create'>, 'connection'>

export interface StartClusterOptions {
  /**
   * A Kafka server.properties to serve, as `logdeck serve --server-properties` does: its
   * listeners (on free ports; advertised.listeners are not taken), their TLS, SASL and JAAS
   * users, the authorizer, broker.rack, limits and broker configs. `brokers`, `users` (added to
   * the file's), `brokerConfigs` (key by key), `brokerRacks` and `authorizer` given here win;
   * `listeners`, `advertisedListeners`, `tls` and `sslConfigs` go in the file, not beside it.
   */
  serverProperties?: string
  /**
   * A docker-compose file to serve (or several, the later ones merged over the first, as
   * `docker compose -f` merges them), as `logdeck serve --compose FILE [--compose-service NAME]
   * [--compose-profile NAME]` does: its includes and extends followed, its Kafka services with
   * `profiles` active only when one is enabled (else COMPOSE_PROFILES), several served as one
   * cluster of a broker each, on the host ports the file publishes and advertised as it
   * advertises them (variables from `process.env` and the file's .env). `users`,
   * `brokerConfigs` (key by key), `brokerRacks` and `authorizer` given here win; `brokers` must
   * be the number of broker services when there are several; `listeners`,
   * `advertisedListeners`, `tls`, `sslConfigs`, `port` and `serverProperties` go in the file.
   */
  compose?: { file: string | string[]; service?: string; profiles?: string[] }
  /** Simulated brokers, 1-32 (default 1). */
  brokers?: number
  /**
   * The brokers' ids (Kafka's node.id), e.g. [1, 2, 3]: as many brokers (default 0 to
   * brokers - 1, or a compose file's node ids). A `dataDir` keeps them and refuses other ids.
   */
  brokerIds?: number[]
  /** Topics created before `startCluster` resolves. */
  topics?: ClusterTopic[]
  /** A folder for the data; default in memory (nothing is written to disk). */
  dataDir?: string
  /**
   * Port of the first broker (the i-th in id order listens on port + i); default 0: free ports
   * picked by the OS.
   */
  port?: number
  /** Interface the listeners bind to (default 127.0.0.1). */
  host?: string
  /** Also serve the console and the HTTP API on a free port (default false). */
  ui?: boolean
  /**
   * Also serve `GET /metrics` for Prometheus, under kafka_exporter's metric names, on this port
   * (0: a free one), as `logdeck serve --metrics-port`; its address is `metricsUrl`.
   */
  metricsPort?: number
  /**
   * Also serve each broker's own metrics, under the names the Prometheus JMX exporter gives
   * Kafka's with Strimzi's rules, at `GET /metrics` on a port per broker: broker i on this port
   * + i (0: free ports), as `logdeck serve --broker-metrics-port`; the addresses are
   * `brokerMetricsUrls`.
   */
  brokerMetricsPort?: number
  /**
   * Serve the Confluent-compatible schema registry on a free port (default true); its address
   * is `schemaRegistryUrl`.
   */
  schemaRegistry?: boolean
  /** Where log lines go (default: nowhere). */
  log?: (line: string) => void
  /**
   * Enforce ACLs (`acls.create` adds them) on every Kafka request, as `logdeck serve --authorizer`
   * does; clients are `User:ANONYMOUS` (the listeners ask for no login). Default off.
   */
  authorizer?: boolean | { superUsers?: string[]; allowEveryoneIfNoAclFound?: boolean }
  /**
   * Broker configs given at start, as `logdeck serve --broker-config` (Kafka's names:
   * `{ 'num.partitions': '3', 'auto.create.topics.enable': 'false' }`); values changed at run
   * time (AlterConfigs, `brokers.alterConfigs`) are kept in `dataDir` and win over these.
   */
  brokerConfigs?: Record<string, string>
  /**
   * Each broker's `broker.rack`, one entry a broker in id order (null: none), as
   * `logdeck serve --broker-rack` gives them: `['us-east-1a', 'us-east-1b', 'us-east-1c']`. With
   * `brokerConfigs['replica.selector.class']` set to
   * `org.apache.kafka.common.replica.RackAwareReplicaSelector`, consumers with a `client.rack`
   * fetch from a replica in their rack (KIP-392).
   */
  brokerRacks?: (string | null)[]
  /**
   * Send the metrics clients push (KIP-714) on to an OpenTelemetry collector, as `logdeck serve
   * --client-metrics-export` does: the collector's OTLP/HTTP metrics endpoint
   * (`http://127.0.0.1:4318/v1/metrics`), or with `protocol: 'grpc'` its OTLP/gRPC address
   * (`http://127.0.0.1:4317`), and headers sent with every request.
   */
  clientMetricsExport?: {
    url: string
    protocol?: 'http/protobuf' | 'grpc'
    headers?: Record<string, string>
  }
  /**
   * Listeners beside the first (PLAINTEXT on `port`), as Kafka's `listeners`: each with its own
   * name (letters, digits and _; used upper case, as in `listener.name.<name>.max.connections`),
   * security protocol and port of broker 0 (broker i: port + i; default 0, free ports). Clients
   * are told the brokers' addresses on the listener they came in on. TLS listeners need `tls`;
   * SASL ones log in the `users` (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512).
   */
  listeners?: ClusterListener[]
  /**
   * PEM certificate and key of the TLS listeners (text, or its bytes: a Buffer is one); with
   * `ca`, they require client certificates. (No Node type here, so that a project without
   * @types/node type-checks against these declarations.)
   */
  tls?: { cert: string | Uint8Array; key: string | Uint8Array; ca?: string | Uint8Array }
  /**
   * Kafka's own SSL configs for the TLS listeners, in place of `tls`: `ssl.keystore.type` (JKS,
   * PKCS12, PEM), `ssl.keystore.location`, `ssl.keystore.password`, `ssl.key.password`,
   * `ssl.keystore.certificate.chain` and `ssl.keystore.key` (PEM inline), the same
   * `ssl.truststore.*` and `ssl.client.auth` (a truststore alone asks for no client certificate,
   * as in Kafka), `ssl.enabled.protocols` (`TLSv1.2,TLSv1.3`), `ssl.cipher.suites` (Java's or
   * OpenSSL's names), `ssl.protocol`, and the Java-only `ssl.provider`,
   * `ssl.keymanager.algorithm`, `ssl.trustmanager.algorithm`,
   * `ssl.secure.random.implementation` and `ssl.engine.factory.class` where they name what
   * Kafka's default JVM uses.
   */
  sslConfigs?: Record<string, string>
  /** SASL users of the SASL listeners. */
  users?: { name: string; password: string }[]
  /**
   * A broker's JAAS file, as `logdeck serve --jaas-config` (Java's
   * `-Djava.security.auth.login.config`): each SASL listener's PLAIN logins are the `user_NAME`
   * options of its section `<listener in lower case>.KafkaServer`, else `KafkaServer` (over a
   * compose service's KAFKA_OPTS; a server.properties' own listener JAAS configs win over it).
   */
  jaasConfig?: string
  /**
   * Listeners whose clients are told another address than the one they listen on, as Kafka's
   * `advertised.listeners` (a proxy or port mapping in front): `{ name, host, port }` with the
   * listener's name (the first listener is `PLAINTEXT`), broker i advertised on `port` + i, or
   * `{ name, addresses }` with one `{ host, port }` per broker.
   * Every listed listener must exist; `0.0.0.0` and `::` are refused.
   */
  advertisedListeners?: AdvertisedListenerOption[]
}

/**
 * `{ name: 'PLAINTEXT', host: 'localhost', port: 19092 }`: broker i advertised on port + i; or
 * `{ name: 'PLAINTEXT', addresses: [{ host: 'b0', port: 9092 }, { host: 'b1', port: 9092 }] }`:
 * broker i on addresses[i], one per broker (Kafka's per-broker advertised.listeners).
 */
export type AdvertisedListenerOption =
  | { name: string; host: string; port: number; addresses?: undefined }
  | {
      name: string
      addresses: { host: string; port: number }[]
      host?: undefined
      port?: undefined
    }

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL'

/** A listener to open beside the first: `{ name: 'EXTERNAL', securityProtocol: 'SASL_SSL' }`. */
export interface ClusterListener {
  name: string
  securityProtocol: SecurityProtocol
  port?: number
  /**
   * This listener's own certificate and key (both) and/or CA of client certificates (`ca: null`:
   * none), over `tls` (Kafka's listener.name.<name>.ssl.*).
   */
  tls?: {
    cert?: string | Uint8Array
    key?: string | Uint8Array
    ca?: string | Uint8Array | null
  }
  /** Kafka's listener.name.<name>.ssl.* configs of a TLS listener, as `sslConfigs`, over it. */
  sslConfigs?: Record<string, string>
  /** ssl.client.auth of a TLS listener: `required` by default where it has a CA, else `none`. */
  clientAuth?: 'required' | 'requested' | 'none'
  /** sasl.enabled.mechanisms of a SASL listener (default PLAIN, SCRAM-SHA-256, SCRAM-SHA-512). */
  saslMechanisms?: ('PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'OAUTHBEARER')[]
}

/** A listener's brokers, as clients on it reach them. */
export interface ListenerBootstrap {
  name: string
  securityProtocol: SecurityProtocol
  /** `host:port` of every broker on this listener, as clients are told (advertised). */
  bootstrapServers: string[]
  /** `host:port` every broker listens on: bootstrapServers, unless the listener is advertised elsewhere. */
  boundServers: string[]
}

export interface Cluster {
  /** `host:port` of every broker's first (PLAINTEXT) listener, as advertised to clients. */
  bootstrapServers: string[]
  /** Every listener's bootstrap servers, the first listener first. */
  listeners: ListenerBootstrap[]
  /** Calls a contract method, as `POST /api/<method>` does; rejects with an `ApiError`. */
  call<M extends MethodName>(method: M, params?: Params<M>): Promise<Result<M>>
  /** The console's address with its access token, when started with `ui: true`. */
  uiUrl?: string
  /** The schema registry's address (`http://127.0.0.1:port`) for Confluent's serializers. */
  schemaRegistryUrl?: string
  /** `http://127.0.0.1:port/metrics`, when started with `metricsPort`. */
  metricsUrl?: string
  /** Each broker's `http://127.0.0.1:port/metrics`, by broker id, when started with `brokerMetricsPort`. */
  brokerMetricsUrls?: string[]
  /** Stops the listeners and the engine and frees everything the cluster holds. */
  close(): Promise<void>
}

export type StartCluster = (options?: StartClusterOptions) => Promise<Cluster>
