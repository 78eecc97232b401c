// Kafka's inline JAAS configuration read as Kafka's JaasConfig reads it: login module, control
// flag in any case, options with bare or quoted values (Java's escapes), comments, several
// entries, each ending with ';'; a malformed one says what is wrong. The user_ options of
// PlainLoginModule are the PLAIN logins. Any option values written quoted with escapes read
// back as they were (fast-check).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  parseJaasConfig,
  plainJaasUsers,
  PLAIN_LOGIN_MODULE,
  SCRAM_LOGIN_MODULE
} from '../../../src/engine/security/jaas-config'

const options = (text: string) => parseJaasConfig(text).map((e) => Object.fromEntries(e.options))

describe('parseJaasConfig', () => {
  it("reads Kafka's documented PLAIN listener config and its users", () => {
    const entries = parseJaasConfig(
      `${PLAIN_LOGIN_MODULE} required username="admin" password="admin-secret" user_admin="admin-secret" user_alice="alice-secret";`
    )
    expect(entries).toHaveLength(1)
    expect(entries[0].loginModule).toBe(PLAIN_LOGIN_MODULE)
    expect(entries[0].controlFlag).toBe('required')
    expect(Object.fromEntries(entries[0].options)).toEqual({
      username: 'admin',
      password: 'admin-secret',
      user_admin: 'admin-secret',
      user_alice: 'alice-secret'
    })
    expect([...plainJaasUsers(entries)]).toEqual([
      ['admin', 'admin-secret'],
      ['alice', 'alice-secret']
    ])
  })

  it('takes bare and single-quoted values, any white space, comments and several entries', () => {
    const text = `
      // the brokers' own login
      ${PLAIN_LOGIN_MODULE} REQUIRED
        user_bob=bob-secret /* a bare word */ user_carol='c;a=r"o l'
      ;
      ${SCRAM_LOGIN_MODULE} Optional;`
    const entries = parseJaasConfig(text)
    expect(entries.map((e) => [e.loginModule, e.controlFlag])).toEqual([
      [PLAIN_LOGIN_MODULE, 'required'],
      [SCRAM_LOGIN_MODULE, 'optional']
    ])
    expect(options(text)[0]).toEqual({ user_bob: 'bob-secret', user_carol: 'c;a=r"o l' })
    // Only PlainLoginModule's user_ options are PLAIN logins.
    expect([...plainJaasUsers(entries).keys()]).toEqual(['bob', 'carol'])
  })

  it("reads Java's escapes in quoted values", () => {
    expect(options(`M required a="x\\"y\\\\z\\n\\t\\101\\7q" b='it\\'s';`)[0]).toEqual({
      a: 'x"y\\z\n\tA\x07q',
      b: "it's"
    })
  })

  it('refuses a malformed config, saying what is wrong', () => {
    for (const [text, message] of [
      ['', /no login module is given/],
      ['   // only a comment', /no login module is given/],
      [`${PLAIN_LOGIN_MODULE}`, /has no control flag/],
      [
        `${PLAIN_LOGIN_MODULE} mandatory user_a="1";`,
        /'mandatory' is not a login module control flag/
      ],
      [`${PLAIN_LOGIN_MODULE} required user_a="1"`, /does not end with ';'/],
      [`${PLAIN_LOGIN_MODULE} required user_a=;`, /the option 'user_a' has no value/],
      [`${PLAIN_LOGIN_MODULE} required user_a;`, /the option 'user_a' has no value/],
      [`${PLAIN_LOGIN_MODULE} required user_a="1;`, /quoted with " is not closed/],
      [`${PLAIN_LOGIN_MODULE} required /* user_a="1";`, /not closed with \*\//],
      [`${PLAIN_LOGIN_MODULE} required =x;`, /expected an option name/],
      [`; ${PLAIN_LOGIN_MODULE} required;`, /expected a login module class/]
    ] as const)
      expect(() => parseJaasConfig(text), text).toThrow(message)
  })

  it('reads back any option values written quoted with escapes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z_][a-z0-9_.]{0,10}$/), { maxLength: 5 }),
        fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { minLength: 5, maxLength: 5 }),
        fc.constantFrom('"', "'"),
        fc.constantFrom(' ', '\n  ', '\t'),
        (names, values, quote, space) => {
          const written = names.map((n, i) => `${n}${space}=${space}${quoted(values[i], quote)}`)
          const [entry] = parseJaasConfig(`${PLAIN_LOGIN_MODULE} required ${written.join(space)};`)
          expect(Object.fromEntries(entry.options)).toEqual(
            Object.fromEntries(names.map((n, i) => [n, values[i]]))
          )
        }
      ),
      { numRuns: 500 }
    )
  })
})

/** A value quoted as Java writes a string literal: \\, the quote, and line ends escaped. */
function quoted(value: string, quote: string): string {
  const escaped = value.replace(/[\\\n\r\t\b\f"']/g, (c) => {
    const named: Record<string, string> = { '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f' }
    return `\\${named[c] ?? c}`
  })
  return `${quote}${escaped}${quote}`
}
