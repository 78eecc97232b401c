// A JAAS file read as Java's ConfigFile reads it: named sections of login module entries, `{` `}`
// and `;`, comments, bare words as Java's StreamTokenizer makes them and values quoted with ",
// `${/}` and `${name}` expanded as Java expands them; each mistake names its line. Sections and entries written with random
// quoting, comments and spacing read back as they were written (fast-check).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { JaasConfigError, PLAIN_LOGIN_MODULE } from '../../../src/engine/security/jaas-config'
import { parseJaasFile } from '../../../src/engine/security/jaas-file'

const CONFLUENT_EXAMPLE = `KafkaServer {
   org.apache.kafka.common.security.plain.PlainLoginModule required
   username="admin"
   password="admin-secret"
   user_admin="admin-secret"
   user_alice="alice-secret";
};

// ZooKeeper's
Client {
   org.apache.zookeeper.server.auth.DigestLoginModule required
   username="kafka"
   password="kafka-secret";
};
`

/** The line of the mistake a text is refused with, and its message. */
function refusal(text: string): { line?: number; message: string } {
  try {
    parseJaasFile(text)
  } catch (err) {
    if (err instanceof JaasConfigError) return { line: err.line, message: err.message }
    throw err
  }
  throw new Error(`not refused: ${text}`)
}

describe('parseJaasFile', () => {
  it("reads Confluent's documented broker JAAS file: its sections, lines and options", () => {
    const sections = parseJaasFile(CONFLUENT_EXAMPLE)
    expect(sections.map((s) => [s.name, s.line])).toEqual([
      ['KafkaServer', 1],
      ['Client', 10]
    ])
    const [entry] = sections[0].entries
    expect(entry.loginModule).toBe(PLAIN_LOGIN_MODULE)
    expect(entry.controlFlag).toBe('required')
    expect(entry.line).toBe(2)
    expect(Object.fromEntries(entry.options)).toEqual({
      username: 'admin',
      password: 'admin-secret',
      user_admin: 'admin-secret',
      user_alice: 'alice-secret'
    })
  })

  it('takes listener sections, several entries, bare words, quoted names, CRLF and empty sections', () => {
    const text = [
      '/* the brokers */ sasl_plaintext.KafkaServer {',
      `  ${PLAIN_LOGIN_MODULE} REQUIRED user_bob=bob$secret_1.x-y* ;`,
      '  org.apache.kafka.common.security.scram.ScramLoginModule "optional" "user_x"="a;b=c";',
      '};',
      '"KafkaClient" { };'
    ].join('\r\n')
    const sections = parseJaasFile(text)
    expect(sections.map((s) => [s.name, s.line, s.entries.length])).toEqual([
      ['sasl_plaintext.KafkaServer', 1, 2],
      ['KafkaClient', 5, 0]
    ])
    expect(Object.fromEntries(sections[0].entries[0].options)).toEqual({
      user_bob: 'bob$secret_1.x-y*'
    })
    expect(sections[0].entries[1].controlFlag).toBe('optional')
    expect(sections[0].entries[1].line).toBe(3)
    expect(Object.fromEntries(sections[0].entries[1].options)).toEqual({ user_x: 'a;b=c' })
  })

  it('expands ${/} and keeps ${{...}} and an unclosed ${, as Java does', () => {
    const [s] = parseJaasFile('A { M required a="x${/}y" b="${{k}}z" c="p${q";};')
    expect(Object.fromEntries(s.entries[0].options)).toEqual({ a: 'x/y', b: '${{k}}z', c: 'p${q' })
  })

  it('expands ${name} to the system property the lookup gives, and refuses one it has not or an empty value', () => {
    const props: Record<string, string> = { 'app.pw': 'p@ss', empty: '', dir: '/etc/kafka' }
    const lookup = (n: string) =>
      Object.hasOwn(props, n) ? { value: props[n] } : { why: `no ${n} here` }
    const [s] = parseJaasFile(
      'A { M required a="${app.pw}" b="${dir}${/}x-${empty}y" c="" d="${{app.pw}}z";};',
      lookup
    )
    expect(Object.fromEntries(s.entries[0].options)).toEqual({
      a: 'p@ss',
      b: '/etc/kafka/x-y',
      c: '',
      d: '${{app.pw}}z'
    })
    let r: JaasConfigError | undefined
    try {
      parseJaasFile('A {\n M required\n a="x${nope}";};', lookup)
    } catch (err) {
      r = err as JaasConfigError
    }
    expect([r?.line, r?.message]).toEqual([
      3,
      'the value "x${nope}" expands the Java system property ${nope}: no nope here'
    ])
    try {
      parseJaasFile('A {\n M required a="${empty}";};', lookup)
    } catch (err) {
      r = err as JaasConfigError
    }
    expect([r?.line, r?.message]).toEqual([
      2,
      `the value "\${empty}" expands to an empty value, which Java's ConfigFile refuses ("system property \${empty} expanded to empty value")`
    ])
  })

  it('expands any values holding ${name} placeholders as Java substitutes them (fast-check)', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/)
    const text = fc.string({ maxLength: 6 }).filter((t) => !/[$"\\{}\n\r]/.test(t))
    fc.assert(
      fc.property(
        fc.dictionary(name, fc.string({ minLength: 1, maxLength: 6 })),
        fc.array(fc.tuple(text, fc.option(name, { nil: undefined })), { maxLength: 5 }),
        (props, parts) => {
          const known = (n: string) => Object.hasOwn(props, n)
          fc.pre(parts.every(([, n]) => n === undefined || known(n)))
          const raw = parts.map(([t, n]) => t + (n === undefined ? '' : `\${${n}}`)).join('')
          const expected = parts.map(([t, n]) => t + (n === undefined ? '' : props[n])).join('')
          fc.pre(expected !== '' || raw === '')
          const [s] = parseJaasFile(`A { M required v=${quoted(raw)}; };`, (n) =>
            known(n) ? { value: props[n] } : { why: 'none' }
          )
          expect(s.entries[0].options.get('v')).toBe(expected)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('refuses each mistake naming its line', () => {
    const cases: [string, number, RegExp][] = [
      ['KafkaServer {\n  M required user_a="1"\n};', 3, /expected an option name or ';'/],
      ['KafkaServer {\n  M required user_a="1";\n}', 3, /expected ';' after the '}'/],
      ['KafkaServer\n  M required;\n};', 2, /expected '\{' after the section name/],
      ['K {\n M mandatory;\n};', 2, /'mandatory' is not a login module control flag/],
      ['K {\n M required\n user_a = 123 ;};', 3, /'1' cannot start a bare word/],
      ["K {\n M required user_a='x';};", 2, /quotes values with "/],
      ['K {\n M required user_a="x\n";};', 2, /not closed on its line/],
      ['K {\n M required user_a=a@b;};', 2, /unexpected '@'/],
      ['K { M required; };\n\nK { M required; };', 3, /the section K is given twice/],
      ['K {\n M required a="${user.home}";};', 2, /Java system property \$\{user\.home\}/],
      ['K {\n /* open\n\n', 2, /not closed with \*\//],
      ['K {\n M required user_a=', 2, /expected the value of the option user_a, found the end/]
    ]
    for (const [text, line, message] of cases) {
      const r = refusal(text)
      expect(r.message, text).toMatch(message)
      expect(r.line, text).toBe(line)
    }
  })

  it('reads back any sections and entries written with random quoting, comments and spacing', () => {
    const name = fc.stringMatching(/^[A-Za-z_$*][A-Za-z0-9_$*.-]{0,12}$/)
    const value = fc.string({ unit: 'grapheme', maxLength: 16 }).filter((v) => !v.includes('${'))
    const entry = fc.record({
      loginModule: name,
      controlFlag: fc.constantFrom('required', 'requisite', 'sufficient', 'optional'),
      flagCase: fc.constantFrom('lower', 'upper'),
      options: fc.uniqueArray(fc.tuple(name, value, fc.boolean()), {
        maxLength: 4,
        selector: ([n]) => n
      })
    })
    const sections = fc.uniqueArray(
      fc.record({ name, quoteName: fc.boolean(), entries: fc.array(entry, { maxLength: 3 }) }),
      { maxLength: 4, selector: (s) => s.name }
    )
    const space = fc.constantFrom(' ', '\n', '\r\n', '\t', ' /* c */ ', ' // c\n')
    fc.assert(
      fc.property(sections, fc.array(space, { minLength: 8, maxLength: 8 }), (given, sp) => {
        let k = 0
        const s = () => sp[k++ % sp.length]
        const text = given
          .map(
            (sec) =>
              `${sec.quoteName ? quoted(sec.name) : sec.name}${s()}{${s()}` +
              sec.entries
                .map(
                  (e) =>
                    `${e.loginModule}${s()}${e.flagCase === 'upper' ? e.controlFlag.toUpperCase() : e.controlFlag}` +
                    e.options
                      .map(([n, v, bare]) => {
                        const asWord = bare && /^[A-Za-z_$*][A-Za-z0-9_$*.-]*$/.test(v)
                        return `${s()}${n}${s()}=${s()}${asWord ? v : quoted(v)}`
                      })
                      .join('') +
                    `${s()};${s()}`
                )
                .join('') +
              `}${s()};`
          )
          .join(s())
        const read = parseJaasFile(text)
        expect(
          read.map((r) => ({
            name: r.name,
            entries: r.entries.map((e) => ({
              loginModule: e.loginModule,
              controlFlag: e.controlFlag,
              options: [...e.options]
            }))
          }))
        ).toEqual(
          given.map((g) => ({
            name: g.name,
            entries: g.entries.map((e) => ({
              loginModule: e.loginModule,
              controlFlag: e.controlFlag,
              options: e.options.map(([n, v]) => [n, v])
            }))
          }))
        )
        // Each section's line is the line its name is on.
        const lines = text.split(/\r\n|\r|\n/)
        for (const r of read) expect(lines[r.line - 1]).toContain(r.name)
      }),
      { numRuns: 400 }
    )
  })
})

/** A value quoted with " as Java writes a string literal: \\, " and line ends escaped. */
function quoted(value: string): string {
  const named: Record<string, string> = { '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f' }
  return `"${value.replace(/[\\\n\r\t\b\f"]/g, (c) => `\\${named[c] ?? c}`)}"`
}
