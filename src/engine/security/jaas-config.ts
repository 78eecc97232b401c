// Kafka's inline JAAS configuration (sasl.jaas.config and its listener.name.<listener>.
// <mechanism>. forms): one or more login module entries, each
//   <LoginModuleClass> <controlFlag> (<option>=<value>)* ;
// read as Kafka reads it (a StreamTokenizer): white space and line ends separate tokens, `//`,
// `/* */` and a lone `/` start comments, values are words or quoted with " or ' (with Java's
// escapes: \n \t \r \b \f \a \v, octal, and \<any character> as itself), the control flag is
// required, requisite, sufficient or optional in any case, and every entry ends with `;`.
// Kafka's PLAIN server logins (PlainServerCallbackHandler) are the `user_NAME="PASSWORD"` options
// of a PlainLoginModule entry.

export const PLAIN_LOGIN_MODULE = 'org.apache.kafka.common.security.plain.PlainLoginModule'
export const SCRAM_LOGIN_MODULE = 'org.apache.kafka.common.security.scram.ScramLoginModule'
export const OAUTHBEARER_LOGIN_MODULE =
  'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule'

const CONTROL_FLAGS = ['required', 'requisite', 'sufficient', 'optional'] as const
export type JaasControlFlag = (typeof CONTROL_FLAGS)[number]

export interface JaasEntry {
  loginModule: string
  controlFlag: JaasControlFlag
  /** Options in the order given (a name given twice keeps the last value, as in Kafka). */
  options: Map<string, string>
}

export class JaasConfigError extends Error {}

type Token = { kind: 'word' | 'quoted'; text: string } | { kind: ';' | '=' }

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  a: '\x07',
  v: '\v'
}

/** The tokens of a JAAS text; an unterminated quote or comment is an error. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c <= ' ') {
      i++
    } else if (c === '/') {
      if (text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2)
        if (end < 0) throw new JaasConfigError('a /* comment is not closed with */')
        i = end + 2
      } else {
        // `//` and a lone `/` comment out the rest of the line.
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++
      }
    } else if (c === ';' || c === '=') {
      tokens.push({ kind: c })
      i++
    } else if (c === '"' || c === "'") {
      let out = ''
      i++
      for (;;) {
        if (i >= text.length || text[i] === '\n' || text[i] === '\r')
          throw new JaasConfigError(`a value quoted with ${c} is not closed`)
        const d = text[i]
        if (d === c) {
          i++
          break
        }
        if (d !== '\\') {
          out += d
          i++
          continue
        }
        const e = text[i + 1]
        if (e === undefined) throw new JaasConfigError(`a value quoted with ${c} is not closed`)
        if (e >= '0' && e <= '7') {
          // Octal, as Java's: up to three digits, three only when the first is 0-3.
          const max = e <= '3' ? 3 : 2
          let digits = ''
          let j = i + 1
          while (digits.length < max && text[j] >= '0' && text[j] <= '7') digits += text[j++]
          out += String.fromCharCode(parseInt(digits, 8))
          i = j
        } else {
          out += SIMPLE_ESCAPES[e] ?? e
          i += 2
        }
      }
      tokens.push({ kind: 'quoted', text: out })
    } else {
      let j = i
      while (j < text.length && text[j] > ' ' && !['/', ';', '=', '"', "'"].includes(text[j])) j++
      tokens.push({ kind: 'word', text: text.slice(i, j) })
      i = j
    }
  }
  return tokens
}

/** The entries of an inline JAAS configuration, or a JaasConfigError saying what is wrong. */
export function parseJaasConfig(text: string): JaasEntry[] {
  const tokens = tokenize(text)
  const entries: JaasEntry[] = []
  let i = 0
  const valueOf = (t: Token | undefined) =>
    t && (t.kind === 'word' || t.kind === 'quoted') ? t.text : undefined
  while (i < tokens.length) {
    const loginModule = valueOf(tokens[i])
    if (loginModule === undefined)
      throw new JaasConfigError(`expected a login module class, got '${tokens[i].kind}'`)
    const flag = valueOf(tokens[i + 1])
    if (flag === undefined)
      throw new JaasConfigError(
        `the login module ${loginModule} has no control flag (${CONTROL_FLAGS.join(', ')})`
      )
    const controlFlag = flag.toLowerCase() as JaasControlFlag
    if (!CONTROL_FLAGS.includes(controlFlag))
      throw new JaasConfigError(
        `'${flag}' is not a login module control flag (${CONTROL_FLAGS.join(', ')})`
      )
    i += 2
    const options = new Map<string, string>()
    while (i < tokens.length && tokens[i].kind !== ';') {
      const name = valueOf(tokens[i])
      if (name === undefined) throw new JaasConfigError(`expected an option name, got '='`)
      const value = tokens[i + 1]?.kind === '=' ? valueOf(tokens[i + 2]) : undefined
      if (value === undefined)
        throw new JaasConfigError(`the option '${name}' has no value (${name}="VALUE")`)
      options.set(name, value)
      i += 3
    }
    if (i >= tokens.length)
      throw new JaasConfigError(`the entry of ${loginModule} does not end with ';'`)
    i++
    entries.push({ loginModule, controlFlag, options })
  }
  if (entries.length === 0) throw new JaasConfigError('no login module is given')
  return entries
}

/**
 * The PLAIN logins a server JAAS configuration lists: the user_NAME options of its
 * PlainLoginModule entries, by name (none: an empty map).
 */
export function plainJaasUsers(entries: readonly JaasEntry[]): Map<string, string> {
  const users = new Map<string, string>()
  for (const e of entries) {
    if (e.loginModule !== PLAIN_LOGIN_MODULE) continue
    for (const [name, value] of e.options)
      if (name.startsWith('user_') && name.length > 'user_'.length)
        users.set(name.slice('user_'.length), value)
  }
  return users
}
