// SASL/PLAIN on a listener whose JAAS config lists users: the login is checked against that list
// only, as Kafka's PlainServerCallbackHandler checks it (a user the cluster's store knows but
// the list does not is refused, and so is a wrong password; a list with no user refuses every
// PLAIN login), while a listener without one asks the cluster's store; the process's own login
// stays its own.
import { describe, expect, it } from 'vitest'
import { SaslSession, type SaslSettings } from '../../../src/engine/kafka/security/sasl-session'

/** The cluster's store: carol only. */
const credentials: SaslSettings['credentials'] = {
  scramCredential: () => undefined,
  checkSaslPassword: (user, password) => user === 'carol' && password === 'carol-secret'
}

function login(settings: Partial<SaslSettings>, user: string, password: string) {
  const s = new SaslSession({ mechanisms: ['PLAIN'], maxReauthMs: 0, credentials, ...settings })
  expect(s.handshake('PLAIN', 1)).toBe(true)
  const outcome = s.authenticate(Buffer.from(`\u0000${user}\u0000${password}`))
  return outcome.ok ? s.principal : outcome.message
}

describe('PLAIN with a listener JAAS config', () => {
  const plainUsers = new Map([
    ['admin', 'admin-secret'],
    ['alice', 'alice-secret']
  ])

  it("logs in the config's users with their passwords", () => {
    expect(login({ plainUsers }, 'alice', 'alice-secret')).toBe('alice')
    expect(login({ plainUsers }, 'admin', 'admin-secret')).toBe('admin')
  })

  it("refuses a wrong password, another user's password and a user only the cluster has", () => {
    for (const [user, password] of [
      ['alice', 'nope'],
      ['alice', 'admin-secret'],
      ['alice', 'alice-secret '],
      ['carol', 'carol-secret'],
      ['user_alice', 'alice-secret']
    ])
      expect(login({ plainUsers }, user, password)).toBe(
        'Authentication failed: Invalid username or password'
      )
  })

  it("asks the cluster's users where the listener has no JAAS users", () => {
    expect(login({}, 'carol', 'carol-secret')).toBe('carol')
    expect(login({}, 'alice', 'alice-secret')).toBe(
      'Authentication failed: Invalid username or password'
    )
  })

  it('refuses every PLAIN login where the JAAS config lists no user_ options, saying why in the log line', () => {
    const none = { plainUsers: new Map<string, string>(), plainUsersFrom: 'section KafkaServer' }
    for (const [user, password] of [
      ['carol', 'carol-secret'],
      ['admin', 'admin-secret']
    ])
      expect(login(none, user, password)).toBe(
        'Authentication failed: Invalid username or password'
      )
    const s = new SaslSession({ mechanisms: ['PLAIN'], maxReauthMs: 0, credentials, ...none })
    s.handshake('PLAIN', 1)
    const outcome = s.authenticate(Buffer.from('\u0000carol\u0000carol-secret'))
    expect(outcome.ok).toBe(false)
    expect(s.failureLine('Authentication failed: Invalid username or password')).toBe(
      "SASL authentication of user 'carol' with PLAIN failed: Authentication failed: Invalid username or password (section KafkaServer lists no user_ options, so every PLAIN login is refused, as Kafka's PlainServerCallbackHandler refuses it)"
    )
    const some = new SaslSession({
      mechanisms: ['PLAIN'],
      maxReauthMs: 0,
      credentials,
      plainUsers,
      plainUsersFrom: 'its JAAS config listener.name.x.plain.sasl.jaas.config'
    })
    some.handshake('PLAIN', 1)
    some.authenticate(Buffer.from('\u0000carol\u0000carol-secret'))
    expect(some.failureLine('m')).toMatch(
      /\(no user_carol in its JAAS config listener\.name\.x\.plain\.sasl\.jaas\.config: PLAIN logins here are its users only\)$/
    )
    some.handshake('PLAIN', 1)
    some.authenticate(Buffer.from('\u0000alice\u0000nope'))
    expect(some.failureLine('m')).toMatch(/\(not the password of user_alice in its JAAS config/)
  })

  it("keeps the process's own login", () => {
    const internal = { user: 'logdeck-internal', password: 'p' }
    expect(login({ plainUsers, internal }, 'logdeck-internal', 'p')).toBe('logdeck-internal')
  })
})
