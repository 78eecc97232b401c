// A JAAS login configuration file, as the JVM reads the one `-Djava.security.auth.login.config`
// names (Java's ConfigFile): named sections, each a list of login module entries,
//   Name {
//     <LoginModuleClass> <controlFlag> (<option>=<value>)* ;
//     ...
//   };
// with the inline config's tokens (jaas-config.ts) in the file's syntax: `{` and `}` are tokens,
// values are bare words (a letter, `$`, `_` or `*` first, then those, digits, `.` and `-`) or
// quoted with `"` (Java's escapes), `//`, `/* */` and a lone `/` start comments. A section name
// given twice is refused, as Java refuses it; a section with no entries is no section (Java's
// getAppConfigurationEntry answers null for it). Option values expand `${/}` to `/` and
// `${property}` to a Java system property, as Java's PropertyExpander does, from what the caller
// knows of the broker's JVM (its -D options); one it does not have is refused, as Java refuses
// it. Every mistake names its line.
import {
  JaasConfigError,
  tokenizeJaas,
  type JaasControlFlag,
  type JaasEntry,
  type JaasToken
} from './jaas-config'

const CONTROL_FLAGS = ['required', 'requisite', 'sufficient', 'optional']

export interface JaasFileEntry extends JaasEntry {
  line: number
}

export interface JaasSection {
  name: string
  line: number
  entries: JaasFileEntry[]
}

/**
 * A Java system property as the broker's JVM would have it: its value, or why there is none
 * (said in the refusal of the value expanding it).
 */
export type SystemPropertyLookup = (name: string) => { value: string } | { why: string }

/** With no JVM options to read: no system property at all. */
const NO_PROPERTIES: SystemPropertyLookup = () => ({
  why: 'no -D option gives it, and Java refuses to expand an undefined property ("unable to expand property"), so Kafka would not start'
})

/**
 * `${...}` in an option value as Java's PropertyExpander expands it: `${/}` is `/`, `${{...}}` and
 * an unclosed `${` are left as they are, `${name}` is the system property, refused when there is
 * none; a value expanding to nothing is refused, as ConfigFile refuses it.
 */
function expand(value: string, line: number, lookup: SystemPropertyLookup): string {
  if (!value.includes('${')) return value
  let out = ''
  let i = 0
  for (;;) {
    const p = value.indexOf('${', i)
    if (p < 0) {
      out += value.slice(i)
      break
    }
    out += value.slice(i, p)
    if (value[p + 2] === '{') {
      // ${{ ... }} is left as it is.
      const end = value.indexOf('}}', p + 2)
      if (end < 0 || end + 2 === value.length) {
        out += value.slice(p)
        break
      }
      out += value.slice(p, end + 2)
      i = end + 2
      continue
    }
    const end = value.indexOf('}', p + 2)
    if (end < 0) {
      out += value.slice(p)
      break
    }
    const property = value.slice(p + 2, end)
    if (property === '/') out += '/'
    else {
      const found = lookup(property)
      if ('why' in found)
        throw new JaasConfigError(
          `the value ${JSON.stringify(value)} expands the Java system property \${${property}}: ${found.why}`,
          line
        )
      out += found.value
    }
    i = end + 1
  }
  if (out === '')
    throw new JaasConfigError(
      `the value ${JSON.stringify(value)} expands to an empty value, which Java's ConfigFile refuses ("system property ${value} expanded to empty value")`,
      line
    )
  return out
}

const shown = (t: JaasToken | undefined) =>
  t === undefined
    ? 'the end of the file'
    : t.kind === 'word' || t.kind === 'quoted'
      ? `'${t.text}'`
      : `'${t.kind}'`

/**
 * The sections of a JAAS file in the order written, or a JaasConfigError naming the line;
 * `${name}` in values is the system property `lookup` gives.
 */
export function parseJaasFile(
  text: string,
  lookup: SystemPropertyLookup = NO_PROPERTIES
): JaasSection[] {
  const tokens = tokenizeJaas(text, { file: true })
  const sections: JaasSection[] = []
  let i = 0
  const lastLine = tokens.at(-1)?.line ?? 1
  const fail = (message: string, t = tokens[i]): never => {
    throw new JaasConfigError(message, t?.line ?? lastLine)
  }
  const expect = (kind: ';' | '=' | '{' | '}', what: string) => {
    if (tokens[i]?.kind !== kind) fail(`expected '${kind}' ${what}, found ${shown(tokens[i])}`)
    i++
  }
  const text_ = (what: string): string => {
    const t = tokens[i]
    if (t?.kind !== 'word' && t?.kind !== 'quoted')
      return fail(`expected ${what}, found ${shown(t)}`)
    i++
    return t.text
  }
  while (i < tokens.length) {
    const nameToken = tokens[i]
    const name = text_('a section name (KafkaServer { ... };)')
    expect('{', `after the section name ${name}`)
    const entries: JaasFileEntry[] = []
    while (tokens[i]?.kind !== '}') {
      const line = tokens[i]?.line ?? lastLine
      const loginModule = text_(`a login module class or '}' in section ${name}`)
      const flag = text_(`the control flag of ${loginModule} (${CONTROL_FLAGS.join(', ')})`)
      const controlFlag = flag.toLowerCase()
      if (!CONTROL_FLAGS.includes(controlFlag))
        fail(
          `'${flag}' is not a login module control flag (${CONTROL_FLAGS.join(', ')})`,
          tokens[i - 1]
        )
      const options = new Map<string, string>()
      while (tokens[i]?.kind !== ';') {
        if (tokens[i] === undefined)
          fail(`the entry of ${loginModule} does not end with ';'`, tokens[i - 1])
        const option = text_(`an option name or ';' after ${loginModule}`)
        expect('=', `after the option ${option} (${option}="VALUE")`)
        const valueToken = tokens[i]
        const value = text_(`the value of the option ${option}`)
        // As in Java, a name given twice keeps the last value.
        options.delete(option)
        options.set(option, expand(value, valueToken.line, lookup))
      }
      i++
      entries.push({ loginModule, controlFlag: controlFlag as JaasControlFlag, options, line })
    }
    i++
    expect(';', `after the '}' of section ${name}`)
    if (sections.some((s) => s.name === name))
      fail(`the section ${name} is given twice (Java takes one entry per name)`, nameToken)
    sections.push({ name, line: nameToken.line, entries })
  }
  return sections
}
