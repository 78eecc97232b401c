// The `logdeck` commands and `logdeck serve` flags: one table drives parsing, `--help` and the
// README's CLI reference.
import { LIMIT_SETTINGS } from '../engine/kafka/limits'
import { MAX_BROKERS } from '../shared/kafka/cluster-size'

export interface FlagSpec {
  name: string
  /** Placeholder for the flag's value; a flag without one is a switch. */
  value?: string
  short?: string
  /** The default as shown in the help. */
  default: string
  help: string
  /** A whole-number flag's range; its default is `default`. */
  range?: [min: number, max: number]
  /** May be given more than once; every value is kept. */
  repeatable?: true
}

/** Kafka's own SSL configs (server.properties' names), over --tls-cert, --tls-key and --tls-ca. */
const KAFKA_SSL_FLAGS: readonly FlagSpec[] = [
  {
    name: 'ssl.keystore.type',
    value: 'TYPE',
    default: 'JKS',
    help: 'JKS, PKCS12 or PEM (type JKS also reads PKCS12 files, as Java does)'
  },
  {
    name: 'ssl.keystore.location',
    value: 'FILE',
    default: 'none',
    help: "the brokers' keystore (certificate chain and key), instead of --tls-cert and --tls-key"
  },
  { name: 'ssl.keystore.password', value: 'PASSWORD', default: 'none', help: 'its password' },
  {
    name: 'ssl.key.password',
    value: 'PASSWORD',
    default: 'none',
    help: "the private key's password (JKS, or an encrypted PEM key)"
  },
  {
    name: 'ssl.keystore.certificate.chain',
    value: 'PEM',
    default: 'none',
    help: 'the certificate chain inline (type PEM)'
  },
  { name: 'ssl.keystore.key', value: 'PEM', default: 'none', help: 'the key inline (type PEM)' },
  { name: 'ssl.truststore.type', value: 'TYPE', default: 'JKS', help: 'JKS, PKCS12 or PEM' },
  {
    name: 'ssl.truststore.location',
    value: 'FILE',
    default: 'none',
    help: 'CA(s) of client certificates, instead of --tls-ca (asked for as --ssl.client.auth says)'
  },
  { name: 'ssl.truststore.password', value: 'PASSWORD', default: 'none', help: 'its password' },
  {
    name: 'ssl.truststore.certificates',
    value: 'PEM',
    default: 'none',
    help: 'the trusted certificates inline (type PEM)'
  },
  {
    name: 'ssl.client.auth',
    value: 'MODE',
    default: 'required with --tls-ca, else none',
    help: 'whether TLS listeners ask for client certificates: required, requested or none'
  },
  {
    name: 'ssl.enabled.protocols',
    value: 'LIST',
    default: 'TLSv1.2,TLSv1.3',
    help: 'the TLS versions TLS listeners speak, one range of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3'
  },
  {
    name: 'ssl.protocol',
    value: 'NAME',
    default: 'TLSv1.3',
    help: 'the SSLContext protocol, checked; on a broker ssl.enabled.protocols is what limits'
  },
  {
    name: 'ssl.cipher.suites',
    value: 'LIST',
    default: "Node's defaults",
    help: 'the cipher suites TLS listeners take, by their Java/IANA or OpenSSL names'
  },
  ...(
    [
      ['ssl.provider', 'SunJSSE'],
      ['ssl.keymanager.algorithm', 'SunX509'],
      ['ssl.trustmanager.algorithm', 'PKIX'],
      ['ssl.secure.random.implementation', "the JVM's"],
      ['ssl.engine.factory.class', 'DefaultSslEngineFactory'],
      ['ssl.endpoint.identification.algorithm', 'https']
    ] as const
  ).map(([name, byDefault]) => ({
    name,
    value: 'NAME',
    default: byDefault,
    help: "Java's; only what Kafka's default JVM uses is taken (it changes nothing here)"
  }))
]

export const SERVE_FLAGS: readonly FlagSpec[] = [
  {
    name: 'server-properties',
    value: 'FILE',
    default: 'none',
    help: 'a Kafka server.properties, or the images\' KAFKA_* environment as NAME=VALUE lines: its listeners, advertised.listeners, ssl.*, SASL and JAAS users, authorizer, broker.rack and broker configs, as the flags below give them (a flag given wins); one broker unless --brokers; see "Bring your server.properties"'
  },
  {
    name: 'compose',
    value: 'FILE',
    default: 'none',
    repeatable: true,
    help: 'a docker-compose file (its include: and extends: followed; repeated, the later files merged over the first, as docker compose -f does): its Kafka services (apache/kafka, confluentinc/cp-kafka or bitnami/kafka) served as their environment configures the image, several as one cluster of a broker each, on the host ports their ports: publish; see "Replacing docker-compose\'s Kafka"'
  },
  {
    name: 'compose-service',
    value: 'NAME',
    default: 'every active service of a Kafka image',
    help: 'the one service of --compose to serve (whatever its profiles)'
  },
  {
    name: 'compose-profile',
    value: 'NAME',
    default: 'COMPOSE_PROFILES',
    repeatable: true,
    help: 'a profile of --compose to enable: its services with profiles: run only when one of theirs is enabled (* enables all); repeatable'
  },
  {
    name: 'data-dir',
    value: 'DIR',
    default: 'the app-data folder, see below',
    help: 'where topics, records and offsets are kept'
  },
  { name: 'in-memory', default: 'off', help: 'keep everything in memory, write nothing to disk' },
  {
    name: 'host',
    value: 'HOST',
    default: '127.0.0.1',
    help: 'address the Kafka listeners and the UI bind to'
  },
  {
    name: 'port',
    value: 'PORT',
    default: '9092',
    help: 'Kafka port of the first broker; the i-th broker (in id order, from 0) listens on PORT+i',
    range: [0, 65535]
  },
  {
    name: 'brokers',
    value: 'N',
    default: '3',
    help: 'number of simulated brokers',
    range: [1, MAX_BROKERS]
  },
  {
    name: 'broker-ids',
    value: 'IDS',
    default: '0 to N-1',
    help: "the brokers' ids (Kafka's node.id), comma-separated, e.g. 1,2,3: as many brokers, kept in the data directory, which is refused with other ids"
  },
  {
    name: 'advertised-host',
    value: 'HOST',
    default: '--host, or 127.0.0.1 for 0.0.0.0 and ::',
    help: 'host the brokers advertise to clients'
  },
  {
    name: 'ui-port',
    value: 'PORT',
    default: '9080',
    help: 'web console and HTTP API port, 0 for any free port',
    range: [0, 65535]
  },
  { name: 'no-ui', default: 'off', help: 'no web console or HTTP API, Kafka listeners only' },
  {
    name: 'token',
    value: 'TOKEN',
    default: 'random',
    help: 'access token of the console and API, 1-256 printable characters'
  },
  {
    name: 'schema-registry-port',
    value: 'PORT',
    default: '8081, or any free port with --port 0',
    help: 'Confluent-compatible schema registry port',
    range: [0, 65535]
  },
  { name: 'no-schema-registry', default: 'off', help: 'do not serve the schema registry' },
  {
    name: 'metrics-port',
    value: 'PORT',
    default: 'none',
    help: "serve GET /metrics for Prometheus under kafka_exporter's metric names (0: a free port)",
    range: [0, 65535]
  },
  {
    name: 'broker-metrics-port',
    value: 'PORT',
    default: 'none',
    help: "serve each broker's own metrics under the JMX exporter's names (Strimzi's rules) at GET /metrics, the i-th broker on PORT+i (0: free ports)",
    range: [0, 65535]
  },
  {
    name: 'schema-registry-auth',
    value: 'USER:PASSWORD',
    default: 'none',
    help: 'HTTP basic auth the schema registry requires'
  },
  {
    name: 'schema-registry-tls-cert',
    value: 'FILE',
    default: 'none (HTTP)',
    help: "serve the schema registry over HTTPS with this PEM certificate (chain), as Confluent's listeners=https://... (see logdeck certs)"
  },
  {
    name: 'schema-registry-tls-key',
    value: 'FILE',
    default: 'none',
    help: 'the PEM private key of --schema-registry-tls-cert'
  },
  {
    name: 'schema-registry-tls-ca',
    value: 'FILE',
    default: 'none',
    help: "PEM CA of the schema registry's client certificates; given, every client must present one it signed"
  },
  {
    name: 'schema-registry-https-port',
    value: 'PORT',
    default: 'none (HTTPS alone on --schema-registry-port)',
    help: "with --schema-registry-tls-cert, serve HTTPS on this port and HTTP on --schema-registry-port, as Confluent's listeners=http://...,https://...",
    range: [0, 65535]
  },
  {
    name: 'demo',
    default: 'off',
    help: 'load demo topics, a running producer and two consumer groups'
  },
  {
    name: 'connections',
    value: 'FILE',
    default: 'none',
    help: 'external Kafka clusters to offer in the console, a YAML or JSON file (no secrets needed)'
  },
  {
    name: 'stopped-brokers',
    value: 'IDS',
    default: 'none',
    help: 'comma-separated broker ids that start stopped, e.g. 1,2'
  },
  {
    name: 'fsync',
    default: 'off',
    help: 'fsync every commit so acknowledged records survive power loss'
  },
  {
    name: 'replication-delay-ms',
    value: 'MS',
    default: '0',
    help: 'time followers take to copy an append',
    range: [0, 3_600_000]
  },
  {
    name: 'replica-lag-time-max-ms',
    value: 'MS',
    default: '10000',
    help: 'a follower behind for longer leaves the ISR',
    range: [100, 86_400_000]
  },
  {
    name: 'storage-reserve-bytes',
    value: 'BYTES',
    default: String(32 * 1024 * 1024),
    help: 'disk space set aside for deletes, released when the disk is full',
    range: [0, 64 * 1024 * 1024 * 1024]
  },
  {
    name: 'storage-low-free-bytes',
    value: 'BYTES',
    default: String(1024 * 1024 * 1024),
    help: 'free space under which storage is reported low (or 10% of a smaller disk)',
    range: [0, 1024 * 1024 * 1024 * 1024]
  },
  {
    name: 'security',
    value: 'PROTOCOL',
    default: 'plaintext',
    help: 'what the Kafka listeners ask of clients: plaintext, ssl, sasl_plaintext or sasl_ssl'
  },
  {
    name: 'listener',
    value: 'NAME=PROTOCOL:PORT',
    default: 'none',
    repeatable: true,
    help: "another listener (Kafka's listeners), e.g. SSL=ssl:9192; the i-th broker on PORT+i, 0 for free ports; repeatable"
  },
  {
    name: 'listener-config',
    value: 'NAME.KEY=VALUE',
    default: 'the shared settings',
    repeatable: true,
    help: "a listener's own TLS or SASL setting (Kafka's listener.name.NAME.KEY, that spelling too): tls-cert, tls-key, tls-ca (PEM files), Kafka's ssl.keystore.* and ssl.truststore.* (as --ssl.*), ssl.client.auth (required, requested, none) or sasl.enabled.mechanisms, e.g. INTERNAL.ssl.client.auth=required; repeatable"
  },
  {
    name: 'advertised-listener',
    value: 'NAME=HOST:PORT',
    default: 'where it listens',
    repeatable: true,
    help: "tell clients of listener NAME (the first is named by its protocol) to connect to HOST, the i-th broker on PORT+i (Kafka's advertised.listeners: a proxy or port mapping in front), e.g. PLAINTEXT=localhost:19092, or to one address per broker, NAME=HOST0:PORT0,HOST1:PORT1,...; repeatable"
  },
  {
    name: 'user',
    value: 'NAME:PASSWORD',
    default: 'none',
    repeatable: true,
    help: 'a SASL user (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), kept with the data; repeatable'
  },
  {
    name: 'users',
    value: 'FILE',
    default: 'none',
    help: 'SASL users from a file, one NAME:PASSWORD a line (# comments)'
  },
  {
    name: 'jaas-config',
    value: 'FILE',
    default: 'none',
    help: "a broker's JAAS file, as Java's -Djava.security.auth.login.config names it: each SASL listener's PLAIN users are the user_NAME options of its section <listener>.KafkaServer, else KafkaServer, unless its listener.name.<listener>.plain.sasl.jaas.config gives them; see \"A listener's PLAIN users (JAAS)\""
  },
  {
    name: 'sasl.enabled.mechanisms',
    value: 'LIST',
    default: 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
    help: 'the SASL mechanisms offered, comma-separated, of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER'
  },
  {
    name: 'unsecuredValidatorPrincipalClaimName',
    value: 'NAME',
    default: 'sub',
    help: 'OAUTHBEARER: the token claim naming the principal (User:VALUE)'
  },
  {
    name: 'unsecuredValidatorScopeClaimName',
    value: 'NAME',
    default: 'scope',
    help: "OAUTHBEARER: the token claim holding the token's scope"
  },
  {
    name: 'unsecuredValidatorRequiredScope',
    value: 'LIST',
    default: 'none',
    help: 'OAUTHBEARER: scope values, comma-separated, every token must hold'
  },
  {
    name: 'unsecuredValidatorAllowableClockSkewMs',
    value: 'MS',
    default: '0',
    help: 'OAUTHBEARER: leeway on the exp and iat of tokens',
    range: [0, 3_600_000]
  },
  {
    name: 'sasl.oauthbearer.jwks.endpoint.url',
    value: 'URL',
    default: 'none',
    help: 'OAUTHBEARER: verify signed tokens with the keys of this JWKS (file:, http: or https:); unsigned tokens are then refused'
  },
  {
    name: 'sasl.oauthbearer.jwks.endpoint.refresh.ms',
    value: 'MS',
    default: '3600000',
    help: 'OAUTHBEARER: how often the JWKS is read or fetched again (a file also when it changes)',
    range: [1000, 86_400_000]
  },
  {
    name: 'sasl.oauthbearer.expected.audience',
    value: 'LIST',
    default: 'none',
    help: 'OAUTHBEARER (JWKS): audiences, comma-separated, of which the aud claim must hold one'
  },
  {
    name: 'sasl.oauthbearer.expected.issuer',
    value: 'ISS',
    default: 'none',
    help: 'OAUTHBEARER (JWKS): the value the iss claim must have'
  },
  {
    name: 'sasl.oauthbearer.sub.claim.name',
    value: 'NAME',
    default: 'sub',
    help: 'OAUTHBEARER (JWKS): the token claim naming the principal (User:VALUE)'
  },
  {
    name: 'sasl.oauthbearer.scope.claim.name',
    value: 'NAME',
    default: 'scope',
    help: "OAUTHBEARER (JWKS): the token claim holding the token's scope"
  },
  {
    name: 'sasl.oauthbearer.clock.skew.seconds',
    value: 'S',
    default: '30',
    help: 'OAUTHBEARER (JWKS): leeway on the exp and nbf of tokens',
    range: [0, 3600]
  },
  {
    name: 'connections.max.reauth.ms',
    value: 'MS',
    default: '0',
    help: 'SASL sessions last this long, then clients re-authenticate; 0 never expires them',
    range: [0, 86_400_000]
  },
  {
    name: 'tls-cert',
    value: 'FILE',
    default: 'none',
    help: "the brokers' PEM certificate (chain), for ssl and sasl_ssl (see logdeck certs)"
  },
  { name: 'tls-key', value: 'FILE', default: 'none', help: 'the PEM private key of --tls-cert' },
  {
    name: 'tls-ca',
    value: 'FILE',
    default: 'none',
    help: 'PEM CA of client certificates; given, every TLS client must present one it signed'
  },
  ...KAFKA_SSL_FLAGS,
  {
    name: 'ssl.principal.mapping.rules',
    value: 'RULES',
    default: 'DEFAULT',
    help: "Kafka's rules turning a client certificate's subject into the principal's name (ssl)"
  },
  {
    name: 'fault',
    value: 'SPEC',
    default: 'none',
    repeatable: true,
    help: 'a fault in place from the first request, fields or JSON (see Faults below); repeatable'
  },
  {
    name: 'faults',
    value: 'FILE',
    default: 'none',
    help: 'faults from a YAML or JSON file: a list of faults.inject objects, or {faults: [...]}'
  },
  {
    name: 'authorizer',
    default: 'off',
    help: "enforce ACLs on every Kafka request (principals User:NAME, a client certificate's User:CN=..., else User:ANONYMOUS)"
  },
  {
    name: 'super-user',
    value: 'NAME',
    default: 'none',
    repeatable: true,
    help: 'a principal the authorizer allows everything, NAME or User:NAME; repeatable'
  },
  {
    name: 'allow.everyone.if.no.acl.found',
    default: 'off',
    help: 'with --authorizer, a resource no ACL names is open to everyone'
  },
  {
    name: 'broker-rack',
    value: 'RACKS',
    default: 'none',
    repeatable: true,
    help: "each broker's broker.rack: one rack per broker in id order (a,b,c) or ID=RACK for some (0=a,2=b); repeatable. With --broker-config replica.selector.class=org.apache.kafka.common.replica.RackAwareReplicaSelector, consumers with a client.rack fetch from a replica in their rack (KIP-392)"
  },
  {
    name: 'broker-config',
    value: 'KEY=VALUE',
    default: "Kafka's",
    repeatable: true,
    help: 'a broker config as in server.properties (num.partitions=3, auto.create.topics.enable=false ...); repeatable; see "Broker configs"'
  },
  {
    name: 'client-metrics-export',
    value: 'URL',
    default: 'none',
    help: 'send the metrics clients push (KIP-714) on to an OpenTelemetry collector: its OTLP/HTTP endpoint, e.g. http://127.0.0.1:4318/v1/metrics, or with --client-metrics-export-protocol grpc its address, e.g. http://127.0.0.1:4317'
  },
  {
    name: 'client-metrics-export-protocol',
    value: 'PROTOCOL',
    default: 'http/protobuf',
    help: 'how the export goes, as OTEL_EXPORTER_OTLP_PROTOCOL names it: http/protobuf or grpc'
  },
  {
    name: 'client-metrics-export-header',
    value: 'NAME=VALUE',
    default: 'none',
    repeatable: true,
    help: 'a header sent with every export request, e.g. Authorization=Bearer TOKEN; repeatable'
  },
  // The broker's limits, each under its Kafka setting name.
  ...LIMIT_SETTINGS.map((l): FlagSpec => ({
    name: l.name,
    value: l.name.endsWith('.ms') ? 'MS' : l.name.endsWith('bytes') ? 'BYTES' : 'N',
    default: String(l.default),
    help: l.description,
    range: [l.min, l.max]
  })),
  { name: 'help', short: 'h', default: '', help: 'show this help' }
]

export const COMMANDS: readonly { name: string; help: string }[] = [
  { name: 'serve', help: 'run the embedded Kafka-compatible cluster and the web console' },
  { name: 'certs', help: 'write a self-signed development CA, broker and client certificate' },
  { name: 'help [COMMAND]', help: 'show this help, or the flags of a command' }
]

export const CERTS_FLAGS: readonly FlagSpec[] = [
  {
    name: 'out',
    value: 'DIR',
    default: 'logdeck-certs',
    help: 'folder to write ca.pem, server.pem, server-key.pem, client.pem, client-key.pem into'
  },
  { name: 'force', default: 'off', help: 'replace certificates already in --out' },
  { name: 'help', short: 'h', default: '', help: 'show this help' }
]

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'help', short: 'h', default: '', help: 'show this help' },
  { name: 'version', short: 'v', default: '', help: 'print the version' }
]

const FAULTS_NOTE =
  'Faults: --fault and --faults take what the faults.inject method does. A --fault SPEC is\n' +
  'a JSON object or comma-separated fields: the target (brokerId, topic, partition, apiKey,\n' +
  'groupId; a topic need not exist yet), one action (error=NAME, latency=MS, closeConnection,\n' +
  "throttle=MS, stallFetch=MS, rebalance of a group or leaveIsr of a broker's followers), and\n" +
  'how long (count=N, durationMs=MS, probability=P):\n' +
  '  logdeck serve --fault apiKey=Produce,topic=orders,error=NOT_LEADER_OR_FOLLOWER,count=3'

export const DATA_DIR_NOTE =
  'The app-data folder, shared with the desktop app, is ~/.config/logdeck on Linux\n' +
  '($XDG_CONFIG_HOME/logdeck when set), ~/Library/Application Support/logdeck on macOS and\n' +
  '%APPDATA%\\logdeck on Windows.'

function flagLabel(f: FlagSpec): string {
  const long = `--${f.name}${f.value ? ` ${f.value}` : ''}`
  return f.short ? `-${f.short}, ${long}` : `    ${long}`
}

function flagLines(flags: readonly FlagSpec[]): string[] {
  const width = Math.max(...flags.map((f) => flagLabel(f).length)) + 2
  return flags.map((f) => {
    const notes = [
      ...(f.range ? [`${f.range[0]} to ${f.range[1]}`] : []),
      ...(f.default ? [`default ${f.default}`] : [])
    ]
    const tail = notes.length ? ` (${notes.join('; ')})` : ''
    return `  ${flagLabel(f).padEnd(width)}${f.help}${tail}`
  })
}

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2
  return [
    'Usage: logdeck <command> [flags]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.help}`),
    '',
    'Flags:',
    ...flagLines(GLOBAL_FLAGS),
    '',
    "Run 'logdeck serve --help' or 'logdeck certs --help' for the flags of a command."
  ].join('\n')
}

export function certsHelp(): string {
  return [
    'Usage: logdeck certs [flags]',
    '',
    'Writes a development CA (ca.pem, ca-key.pem), a broker certificate for 127.0.0.1, ::1 and',
    'localhost signed by it (server.pem, server-key.pem) and a client certificate (client.pem,',
    'client-key.pem), valid for a year. For testing TLS clients only: nothing trusts this CA',
    'but the clients you give ca.pem to.',
    '',
    'Flags:',
    ...flagLines(CERTS_FLAGS)
  ].join('\n')
}

export function serveHelp(): string {
  return [
    'Usage: logdeck serve [flags]',
    '',
    'Runs the embedded Kafka-compatible cluster and the web console without Electron, prints',
    'the bootstrap servers and the console address, then a line "ready".',
    '',
    'Flags:',
    ...flagLines(SERVE_FLAGS),
    '',
    FAULTS_NOTE,
    '',
    DATA_DIR_NOTE
  ].join('\n')
}
