// How the Kafka images of Docker Hub turn a container's environment into server.properties keys,
// so that `logdeck serve --compose` reads a docker-compose service as its image would:
// - apache/kafka (and apache/kafka-native) and confluentinc/cp-kafka: every KAFKA_ variable but
//   the image's JVM and log4j ones is a key: KAFKA_ dropped, a single `_` a dot, `__` an
//   underscore, `___` a dash, lower case. A single `_` turns into a dot only between two other
//   characters, matched left to right without overlap as the images' Go utility does, so in
//   KAFKA_A_B_C only the first becomes a dot (a.b_c).
// - bitnami/kafka: every non-empty KAFKA_CFG_ variable is a key: KAFKA_CFG_ dropped, each `_` a
//   dot, lower case, then sasl.ssl and sasl.plaintext spelled sasl_ssl and sasl_plaintext (the
//   listener names); KAFKA_CFG_ZOOKEEPER_CLIENTCNXNSOCKET is zookeeper.clientCnxnSocket.
// Variables an image reads for itself (JVM options, log4j, the KRaft cluster id, JMX) are listed
// with why they change nothing here.

export type ImageFlavour = 'apache' | 'confluent' | 'bitnami'

/** The images whose environment is understood, by flavour. */
export const KAFKA_IMAGES: Record<ImageFlavour, readonly string[]> = {
  apache: ['apache/kafka', 'apache/kafka-native'],
  confluent: ['confluentinc/cp-kafka'],
  bitnami: ['bitnami/kafka']
}

/** The flavour of an image reference (registry, tag and digest aside), if it is one of ours. */
export function imageFlavour(image: string): ImageFlavour | undefined {
  const name = image
    .trim()
    .replace(/@.*$/, '')
    .replace(/:[^/:]*$/, '')
    .replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io|public\.ecr\.aws)\//, '')
    .toLowerCase()
  for (const [flavour, names] of Object.entries(KAFKA_IMAGES) as [ImageFlavour, string[]][])
    if (names.includes(name)) return flavour
  return undefined
}

/** apache/kafka's and confluentinc/cp-kafka's key for a variable name without its KAFKA_ prefix. */
export function underscoreKey(name: string): string {
  return name
    .replace(/[^_]_[^_]/g, (m) => m.replace('_', '.'))
    .replaceAll('___', '-')
    .replaceAll('__', '_')
    .toLowerCase()
}

/** bitnami/kafka's key for a variable name without its KAFKA_CFG_ prefix. */
export function bitnamiKey(name: string): string {
  if (name === 'ZOOKEEPER_CLIENTCNXNSOCKET') return 'zookeeper.clientCnxnSocket'
  return name
    .replaceAll('_', '.')
    .toLowerCase()
    .replaceAll('sasl.ssl', 'sasl_ssl')
    .replaceAll('sasl.plaintext', 'sasl_plaintext')
}

const JVM = 'JVM options: Logdeck runs no JVM'
const LOG4J = "log4j logging of the JVM: Logdeck's log is its own"
const CLUSTER_ID = 'the KRaft storage id: the embedded cluster has an id of its own'
const JMX = 'JMX of the JVM: Logdeck serves Prometheus metrics instead (--broker-metrics-port)'

/** apache/kafka's and cp-kafka's own variables (their excludes, and JMX), with why. */
const UNDERSCORE_OWN: Record<string, string> = {
  KAFKA_VERSION: 'the image version',
  KAFKA_HEAP_OPTS: JVM,
  KAFKA_OPTS: `${JVM} (the JAAS file its -Djava.security.auth.login.config names is read)`,
  KAFKA_JVM_PERFORMANCE_OPTS: JVM,
  KAFKA_GC_LOG_OPTS: JVM,
  KAFKA_JMX_OPTS: JMX,
  KAFKA_JMX_PORT: JMX,
  KAFKA_JMX_HOSTNAME: JMX,
  KAFKA_LOG4J_OPTS: LOG4J,
  KAFKA_LOG4J_ROOT_LOGLEVEL: LOG4J,
  KAFKA_LOG4J_LOGGERS: LOG4J,
  KAFKA_TOOLS_LOG4J_LOGLEVEL: LOG4J,
  CLUSTER_ID
}

const BITNAMI_SECURITY = "the image's own TLS and SASL setup: give the KAFKA_CFG_ keys"
/** bitnami/kafka's own variables, with why (its SASL users are read: see bitnami-sasl.ts). */
const BITNAMI_OWN: Record<string, string> = {
  KAFKA_HEAP_OPTS: JVM,
  KAFKA_OPTS: JVM,
  KAFKA_JMX_PORT: JMX,
  KAFKA_KRAFT_CLUSTER_ID: CLUSTER_ID,
  KAFKA_CLUSTER_ID: CLUSTER_ID,
  KAFKA_ENABLE_KRAFT: 'KRaft: the simulated brokers need no controller quorum',
  KAFKA_KRAFT_BOOTSTRAP_SCRAM_USERS: BITNAMI_SECURITY,
  KAFKA_SKIP_KRAFT_STORAGE_INIT: CLUSTER_ID,
  KAFKA_INITIAL_CONTROLLERS: 'KRaft: the simulated brokers need no controller quorum',
  KAFKA_INTER_BROKER_USER: '',
  KAFKA_INTER_BROKER_PASSWORD: '',
  KAFKA_CONTROLLER_USER: 'KRaft: the simulated brokers need no controller quorum',
  KAFKA_CONTROLLER_PASSWORD: 'KRaft: the simulated brokers need no controller quorum',
  KAFKA_CLIENT_LISTENER_NAME: 'the listener clients log in on: every SASL listener takes the users',
  KAFKA_CERTIFICATE_PASSWORD: BITNAMI_SECURITY,
  KAFKA_TLS_TYPE: BITNAMI_SECURITY,
  KAFKA_TLS_CLIENT_AUTH: BITNAMI_SECURITY,
  KAFKA_TLS_TRUSTSTORE_FILE: BITNAMI_SECURITY,
  KAFKA_MOUNTED_CONF_DIR: 'a folder of the container',
  KAFKA_CLIENT_USERS: '',
  KAFKA_CLIENT_PASSWORDS: ''
}

export interface EnvironmentKey {
  /** The variable. */
  name: string
  value: string
  /** The server.properties key it gives. */
  key: string
}

export interface ConvertedEnvironment {
  keys: EnvironmentKey[]
  /** Variables the image reads for itself or not at all, with why they change nothing here. */
  ignored: { name: string; why: string }[]
  /** A variable the image would make a key of but whose name it does not know (bitnami only). */
  unknown: string[]
}

/**
 * What an image makes of one variable: a server.properties key, a variable it reads for itself
 * or not at all (with why; `why` empty: read elsewhere, as bitnami's client users), or one it
 * would make a key of but whose name it does not know (bitnami only).
 */
export type ConvertedVariable = { key: string } | { why: string } | { unknown: true }

export function convertVariable(
  flavour: ImageFlavour,
  name: string,
  value: string
): ConvertedVariable {
  if (flavour === 'bitnami') {
    if (name.startsWith('KAFKA_CFG_'))
      return value !== ''
        ? { key: bitnamiKey(name.slice(10)) }
        : { why: 'empty: the image leaves it out' }
    if (Object.hasOwn(BITNAMI_OWN, name)) return { why: BITNAMI_OWN[name] }
    if (name.startsWith('KAFKA_ZOOKEEPER_')) return { why: 'ZooKeeper is not used' }
    if (name.startsWith('KAFKA_')) return { unknown: true }
  } else {
    if (Object.hasOwn(UNDERSCORE_OWN, name)) return { why: UNDERSCORE_OWN[name] }
    if (name.startsWith('KAFKA_')) return { key: underscoreKey(name.slice(6)) }
  }
  return { why: 'not a server.properties key' }
}

/** A service's environment (in its order) as its image makes server.properties keys of it. */
export function convertEnvironment(
  flavour: ImageFlavour,
  env: readonly { name: string; value: string }[]
): ConvertedEnvironment {
  const out: ConvertedEnvironment = { keys: [], ignored: [], unknown: [] }
  for (const { name, value } of env) {
    const converted = convertVariable(flavour, name, value)
    if ('key' in converted) out.keys.push({ name, value, key: converted.key })
    else if ('unknown' in converted) out.unknown.push(name)
    else if (converted.why !== '') out.ignored.push({ name, why: converted.why })
  }
  return out
}
