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

export class JaasConfigError extends Error {
  /** The line (from 1) of the text where the problem is, when known. */
  constructor(
    message: string,
    readonly line?: number
  ) {
    super(message)
  }
}

export type JaasToken = (
  { kind: 'word' | 'quoted'; text: string } | { kind: ';' | '=' | '{' | '}' }
) & { line: number }

/**
 * How a tokenizer reads: the inline config's (any run of characters but white space, `/`, `;`,
 * `=` and quotes is a word; `"` and `'` quote) or Java's ConfigFile's for a JAAS file (`{` and
 * `}` are tokens, only `"` quotes, words as Java's StreamTokenizer makes them: a letter, `$`,
 * `_` or `*` first, then those, digits, `.` and `-`).
 */
export interface JaasSyntax {
  file: boolean
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  a: '\x07',
  v: '\v'
}

/** A character Java's StreamTokenizer (as ConfigFile sets it) lets a word start with. */
const javaWordStart = (c: string) => /[A-Za-z$_*]/.test(c) || c.charCodeAt(0) >= 0xa0
/** A character it lets a word go on with. */
const javaWordPart = (c: string) => javaWordStart(c) || /[0-9.-]/.test(c)

/** The tokens of a JAAS text, each with its line; an unterminated quote or comment is an error. */
export function tokenizeJaas(text: string, syntax: JaasSyntax = { file: false }): JaasToken[] {
  const tokens: JaasToken[] = []
  let i = 0
  let line = 1
  /** Moves past a line end at i (CRLF, LF or CR), counting it; false when there is none. */
  const lineEnd = () => {
    if (text[i] === '\r') {
      i += text[i + 1] === '\n' ? 2 : 1
      line++
      return true
    }
    if (text[i] === '\n') {
      i++
      line++
      return true
    }
    return false
  }
  while (i < text.length) {
    const c = text[i]
    if (lineEnd()) continue
    if (c <= ' ') {
      i++
    } else if (c === '/') {
      if (text[i + 1] === '*') {
        const start = line
        i += 2
        for (;;) {
          if (i >= text.length)
            throw new JaasConfigError('a /* comment is not closed with */', start)
          if (text[i] === '*' && text[i + 1] === '/') break
          if (!lineEnd()) i++
        }
        i += 2
      } else {
        // `//` and a lone `/` comment out the rest of the line.
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++
      }
    } else if (c === ';' || c === '=' || (syntax.file && (c === '{' || c === '}'))) {
      tokens.push({ kind: c, line })
      i++
    } else if (c === '"' || c === "'") {
      if (syntax.file && c === "'")
        throw new JaasConfigError(
          `a JAAS file quotes values with " (Java's ConfigFile takes no ' quotes)`,
          line
        )
      let out = ''
      const start = line
      i++
      for (;;) {
        if (i >= text.length || text[i] === '\n' || text[i] === '\r')
          throw new JaasConfigError(`a value quoted with ${c} is not closed on its line`, start)
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
        if (e === undefined)
          throw new JaasConfigError(`a value quoted with ${c} is not closed`, start)
        // As Java's, a backslash before a line end keeps the line end in the value.
        if (e === '\n' || e === '\r') line++
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
      tokens.push({ kind: 'quoted', text: out, line: start })
    } else if (syntax.file) {
      if (!javaWordStart(c))
        throw new JaasConfigError(
          /[0-9.-]/.test(c)
            ? `'${c}' cannot start a bare word (Java reads a number there): quote the value with "`
            : `unexpected '${c}': quote a value holding it with "`,
          line
        )
      let j = i
      while (j < text.length && javaWordPart(text[j])) j++
      tokens.push({ kind: 'word', text: text.slice(i, j), line })
      i = j
    } else {
      let j = i
      while (j < text.length && text[j] > ' ' && !['/', ';', '=', '"', "'"].includes(text[j])) j++
      tokens.push({ kind: 'word', text: text.slice(i, j), line })
      i = j
    }
  }
  return tokens
}

/** The entries of an inline JAAS configuration, or a JaasConfigError saying what is wrong. */
export function parseJaasConfig(text: string): JaasEntry[] {
  const tokens = tokenizeJaas(text)
  const entries: JaasEntry[] = []
  let i = 0
  const valueOf = (t: JaasToken | undefined) =>
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
 * PlainLoginModule entries, by name (none: an empty map). A user of two entries has the first
 * one's password, as Kafka's PlainServerCallbackHandler looks it up (JaasContext.configEntryOption).
 */
export function plainJaasUsers(entries: readonly JaasEntry[]): Map<string, string> {
  const users = new Map<string, string>()
  for (const e of entries) {
    if (e.loginModule !== PLAIN_LOGIN_MODULE) continue
    for (const [name, value] of e.options) {
      const user = name.slice('user_'.length)
      if (name.startsWith('user_') && user !== '' && !users.has(user)) users.set(user, value)
    }
  }
  return users
}
