// A server.properties written as the KAFKA_* environment of the Kafka images (an env file, or
// the `environment:` of a docker-compose service as NAME=VALUE lines): each name turned back
// into the config it sets, as the images do (compose-environment.ts: apache/kafka's and
// cp-kafka's KAFKA_ with `_` `.`, `__` `_`, `___` `-`; bitnami's KAFKA_CFG_, taken to be that
// image when any variable is one). The images' own settings (JVM, logging, JMX, the cluster id)
// are no broker configs and keep their names with why.
import { convertVariable, type ImageFlavour } from './compose-environment'
import type { PropertyEntry } from './java-properties'

/** An entry whose key was given as an environment variable (`givenAs`). */
export interface EnvironmentEntry extends PropertyEntry {
  givenAs?: string
}

/**
 * The entries as server.properties keys when every key is an environment variable of the
 * images (KAFKA_*, CLUSTER_ID), else null. The images' own settings, and bitnami's variables it
 * does not know, keep their names and say why they change nothing; a value quoted as an env file
 * may quote it loses its quotes.
 */
export function fromKafkaEnvironment(
  entries: readonly PropertyEntry[]
): (EnvironmentEntry & { why?: string })[] | null {
  if (entries.length === 0 || !entries.every((e) => /^(KAFKA_[A-Z0-9_]+|CLUSTER_ID)$/.test(e.key)))
    return null
  const flavour: ImageFlavour = entries.some((e) => e.key.startsWith('KAFKA_CFG_'))
    ? 'bitnami'
    : 'apache'
  return entries.map((e): EnvironmentEntry & { why?: string } => {
    const value = /^(["'])[\s\S]*\1$/.test(e.value) ? e.value.slice(1, -1) : e.value
    const converted = convertVariable(flavour, e.key, value)
    if ('key' in converted) return { key: converted.key, value, line: e.line, givenAs: e.key }
    if ('unknown' in converted)
      return { ...e, value, why: 'not a variable bitnami/kafka reads: give it as KAFKA_CFG_' }
    const why =
      converted.why ||
      "bitnami/kafka's SASL users, from which its start script writes the listeners' JAAS configs: give them with --user NAME:PASSWORD and listener.name.<listener>.plain.sasl.jaas.config (logdeck serve --compose reads them)"
    return { ...e, value, why }
  })
}
