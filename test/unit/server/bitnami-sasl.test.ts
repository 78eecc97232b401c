// bitnami/kafka's SASL logins as its start script sets them up: each SASL listener's PLAIN JAAS
// config listing KAFKA_CLIENT_USERS (and KAFKA_INTER_BROKER_USER on the inter-broker listener),
// SCRAM credentials for the client users (and the inter-broker user when it logs in with SCRAM),
// the image's defaults, its list splitting, and where it finds a kafka_jaas.conf.
import { describe, expect, it } from 'vitest'
import { bitnamiJaasPaths, bitnamiLogins } from '../../../src/server/bitnami-sasl'
import { parseJaasConfig, plainJaasUsers } from '../../../src/engine/security/jaas-config'

const env = (o: Record<string, string>) =>
  Object.entries(o).map(([name, value]) => ({ name, value }))
const MAP = {
  KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP: 'CLIENT:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT'
}

describe('bitnamiLogins', () => {
  it('writes each SASL listener a PLAIN JAAS config of the client users, the inter-broker user on its listener', () => {
    const logins = bitnamiLogins(
      env({
        ...MAP,
        KAFKA_CLIENT_USERS: 'alice, bob;carol',
        KAFKA_CLIENT_PASSWORDS: 'a-secret,b-q-secret;c-secret',
        KAFKA_INTER_BROKER_USER: 'broker',
        KAFKA_INTER_BROKER_PASSWORD: 'br-secret'
      }),
      ['CLIENT', 'INTERNAL']
    )
    if ('problem' in logins) throw new Error(logins.problem)
    expect(logins.users).toEqual(['alice:a-secret', 'bob:b-q-secret', 'carol:c-secret'])
    const users = (listener: string) => {
      const c = logins.plainConfigs.find((p) => p.listener === listener)!
      const entries = parseJaasConfig(c.value)
      expect(entries).toHaveLength(1)
      return [Object.fromEntries(plainJaasUsers(entries)), entries[0].options.get('username')]
    }
    expect(users('CLIENT')).toEqual([
      { alice: 'a-secret', bob: 'b-q-secret', carol: 'c-secret' },
      undefined
    ])
    // INTERNAL is the inter-broker listener by default: its broker user logs in there too.
    expect(users('INTERNAL')).toEqual([
      { alice: 'a-secret', bob: 'b-q-secret', carol: 'c-secret', broker: 'br-secret' },
      'broker'
    ])
  })

  it("takes the image's defaults, SCRAM for the inter-broker user, and no PLAIN config without PLAIN or the map", () => {
    const defaults = bitnamiLogins(
      env({
        ...MAP,
        KAFKA_CFG_INTER_BROKER_LISTENER_NAME: 'CLIENT',
        KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL: 'SCRAM-SHA-512'
      }),
      ['CLIENT']
    )
    if ('problem' in defaults) throw new Error(defaults.problem)
    // KAFKA_INTER_BROKER_USER is `user` too, by default: it is in the list twice, as the image writes it.
    expect(defaults.users).toEqual(['user:bitnami', 'user:bitnami'])
    expect(defaults.plainConfigs[0].value).toBe(
      'org.apache.kafka.common.security.plain.PlainLoginModule required username="user" password="bitnami" user_user="bitnami" user_user="bitnami";'
    )
    expect(
      bitnamiLogins(env({ ...MAP, KAFKA_CFG_SASL_ENABLED_MECHANISMS: 'SCRAM-SHA-256' }), ['CLIENT'])
    ).toMatchObject({ plainConfigs: [] })
    expect(bitnamiLogins(env({}), ['CLIENT'])).toMatchObject({ plainConfigs: [] })
    expect(
      bitnamiLogins(env({ KAFKA_CLIENT_USERS: 'alice,bob', KAFKA_CLIENT_PASSWORDS: 'x' }), [])
    ).toEqual({
      problem: 'KAFKA_CLIENT_USERS names 2 user(s) but KAFKA_CLIENT_PASSWORDS gives 1 password(s)'
    })
  })

  it('finds kafka_jaas.conf in the mounted configuration folder first, then its own', () => {
    expect(bitnamiJaasPaths(env({}))).toEqual([
      '/bitnami/kafka/config/kafka_jaas.conf',
      '/opt/bitnami/kafka/config/kafka_jaas.conf'
    ])
    expect(bitnamiJaasPaths(env({ KAFKA_MOUNTED_CONF_DIR: '/conf' }))[0]).toBe(
      '/conf/kafka_jaas.conf'
    )
  })
})
