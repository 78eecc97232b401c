// The SASL logins bitnami/kafka sets up from its own variables (its libkafka.sh), so that a
// compose service of that image is served with the users it would have:
// - for every SASL listener of KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP (the image writes them only
//   when the map is given), with PLAIN among KAFKA_CFG_SASL_ENABLED_MECHANISMS (by default PLAIN,
//   SCRAM-SHA-256, SCRAM-SHA-512), a listener.name.<listener>.plain.sasl.jaas.config listing the
//   users of KAFKA_CLIENT_USERS with the passwords of KAFKA_CLIENT_PASSWORDS (both split at `,`,
//   `;` and white space; `user` and `bitnami` when not given), and on the inter-broker listener
//   (KAFKA_CFG_INTER_BROKER_LISTENER_NAME, else INTERNAL) KAFKA_INTER_BROKER_USER too (`user` /
//   `bitnami`); a KAFKA_CFG_ variable of the same key wins, as the image applies them last;
// - SCRAM credentials for the client users, and the inter-broker user when
//   KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL is a SCRAM one;
// - a kafka_jaas.conf in the image's configuration folder (/opt/bitnami/kafka/config, or
//   KAFKA_MOUNTED_CONF_DIR, by default /bitnami/kafka/config, which the image copies there) makes
//   the image write no listener JAAS config and start Kafka with
//   -Djava.security.auth.login.config naming it.
import { posix } from 'node:path'

const BITNAMI_CONF_DIR = '/opt/bitnami/kafka/config'
const BITNAMI_MOUNTED_CONF_DIR = '/bitnami/kafka/config'

type Env = readonly { name: string; value: string }[]

const get = (env: Env, name: string) => env.findLast((e) => e.name === name)?.value

/** A list of bitnami's variables as the image reads it: `,` `;` and white space separate. */
const words = (value: string) => value.split(/[,;\s]+/).filter((w) => w !== '')

export interface BitnamiLogins {
  /** NAME:PASSWORD, the cluster's users (SCRAM credentials). */
  users: string[]
  /** Each SASL listener's PLAIN JAAS config, as the image writes it. */
  plainConfigs: { listener: string; value: string; users: string[] }[]
}

/** A JAAS option value quoted as Java's tokenizer reads it. */
const quoted = (v: string) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`

/**
 * The logins bitnami/kafka sets up for these SASL listeners (names as the protocol map gives
 * them, upper case), or a problem.
 */
export function bitnamiLogins(
  env: Env,
  saslListeners: readonly string[]
): BitnamiLogins | { problem: string } {
  const clientUsers = words(get(env, 'KAFKA_CLIENT_USERS') || 'user')
  const clientPasswords = words(get(env, 'KAFKA_CLIENT_PASSWORDS') || 'bitnami')
  if (clientUsers.length !== clientPasswords.length)
    return {
      problem: `KAFKA_CLIENT_USERS names ${clientUsers.length} user(s) but KAFKA_CLIENT_PASSWORDS gives ${clientPasswords.length} password(s)`
    }
  const interUser = get(env, 'KAFKA_INTER_BROKER_USER') || 'user'
  const interPassword = get(env, 'KAFKA_INTER_BROKER_PASSWORD') || 'bitnami'
  const interListener = (
    get(env, 'KAFKA_CFG_INTER_BROKER_LISTENER_NAME') || 'INTERNAL'
  ).toUpperCase()
  const users = clientUsers.map((u, i) => `${u}:${clientPasswords[i]}`)
  if (/^SCRAM-/i.test(get(env, 'KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL') ?? ''))
    users.push(`${interUser}:${interPassword}`)
  const mechanisms = words(
    get(env, 'KAFKA_CFG_SASL_ENABLED_MECHANISMS') || 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512'
  )
  const plainConfigs: BitnamiLogins['plainConfigs'] = []
  if (mechanisms.includes('PLAIN') && get(env, 'KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP'))
    for (const listener of saslListeners) {
      const interBroker = listener === interListener
      const names = [...clientUsers, ...(interBroker ? [interUser] : [])]
      const passwords = [...clientPasswords, ...(interBroker ? [interPassword] : [])]
      const options = [
        ...(interBroker
          ? [`username=${quoted(interUser)}`, `password=${quoted(interPassword)}`]
          : []),
        ...names.map((u, i) => `user_${u}=${quoted(passwords[i])}`)
      ]
      plainConfigs.push({
        listener,
        value: `org.apache.kafka.common.security.plain.PlainLoginModule required ${options.join(' ')};`,
        users: [...new Set(names)]
      })
    }
  return { users, plainConfigs }
}

/**
 * Where in the container the image finds a kafka_jaas.conf: the mounted configuration folder
 * first (the image copies it over its own), then its own.
 */
export function bitnamiJaasPaths(env: Env): string[] {
  const mounted = get(env, 'KAFKA_MOUNTED_CONF_DIR') || BITNAMI_MOUNTED_CONF_DIR
  return [posix.join(mounted, 'kafka_jaas.conf'), posix.join(BITNAMI_CONF_DIR, 'kafka_jaas.conf')]
}
