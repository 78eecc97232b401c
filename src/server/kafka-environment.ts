// A server.properties written as the KAFKA_* environment of the Kafka images (an env file, or
// the `environment:` of a docker-compose service as NAME=VALUE lines): each name turned back
// into the config it sets, as the images do. The Apache and Confluent images take KAFKA_ and the
// config's name in upper case with `.` as `_`, `_` as `__` and `-` as `___`
// (KAFKA_LISTENER_SECURITY_PROTOCOL_MAP, KAFKA_LISTENER_NAME_SASL__PLAINTEXT_SCRAM___SHA___512_...);
// Bitnami's take KAFKA_CFG_ and `.` as `_`. The images' own settings (JVM, logging, JMX, the
// cluster id) are no broker configs.
import type { PropertyEntry } from './java-properties'

/** An entry whose key was given as an environment variable (`givenAs`). */
export interface EnvironmentEntry extends PropertyEntry {
  givenAs?: string
}

const IMAGE_SETTINGS = new Set([
  'CLUSTER_ID',
  'KAFKA_CLUSTER_ID',
  'KAFKA_KRAFT_CLUSTER_ID',
  'KAFKA_ENABLE_KRAFT',
  'KAFKA_HEAP_OPTS',
  'KAFKA_OPTS',
  'KAFKA_JVM_PERFORMANCE_OPTS',
  'KAFKA_GC_LOG_OPTS',
  'KAFKA_LOG4J_OPTS',
  'KAFKA_LOG4J_ROOT_LOGLEVEL',
  'KAFKA_LOG4J_LOGGERS',
  'KAFKA_TOOLS_LOG4J_LOGLEVEL',
  'KAFKA_JMX_PORT',
  'KAFKA_JMX_HOSTNAME',
  'KAFKA_JMX_OPTS'
])

/** Why an image's own setting is not taken. */
export const IMAGE_SETTING =
  "the image's own setting, not a broker config: JVM, logging, JMX, the cluster id, Bitnami's KAFKA_* other than KAFKA_CFG_*"

/**
 * The entries as server.properties keys when every key is an environment variable of the
 * images (KAFKA_*, CLUSTER_ID), else null. The images' own settings keep their names and
 * `image: true`; a value quoted as an env file may quote it loses its quotes.
 */
export function fromKafkaEnvironment(
  entries: readonly PropertyEntry[]
): (EnvironmentEntry & { image?: true })[] | null {
  if (entries.length === 0 || !entries.every((e) => /^(KAFKA_[A-Z0-9_]+|CLUSTER_ID)$/.test(e.key)))
    return null
  const bitnami = entries.some((e) => e.key.startsWith('KAFKA_CFG_'))
  return entries.map((e) => {
    const value = /^(["'])[\s\S]*\1$/.test(e.value) ? e.value.slice(1, -1) : e.value
    if (IMAGE_SETTINGS.has(e.key) || (bitnami && !e.key.startsWith('KAFKA_CFG_')))
      return { ...e, value, image: true }
    const key = bitnami
      ? e.key.slice('KAFKA_CFG_'.length).toLowerCase().replaceAll('_', '.')
      : e.key
          .slice('KAFKA_'.length)
          .toLowerCase()
          .replace(/_{1,3}/g, (u) => (u.length === 3 ? '-' : u.length === 2 ? '_' : '.'))
    return { key, value, line: e.line, givenAs: e.key }
  })
}
