// The Java system properties a Kafka broker's JVM would have, as far as its environment tells:
// the `-Dname=value` options (`-Dname` alone is the empty value) of the variables Kafka's start
// script (kafka-run-class.sh) puts on the java command line (unquoted: split at blanks, quotes
// kept), in its order, the last one of a name winning as in Java: JAVA_TOOL_OPTIONS (read by the
// JVM itself, before the command line), KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS,
// KAFKA_GC_LOG_OPTS, KAFKA_JMX_OPTS, KAFKA_LOG4J_OPTS, then KAFKA_OPTS. A JAAS file's `${name}` takes them. The properties the JVM
// sets itself (java.home, user.home, os.name ...) have no meaning without a JVM and are refused
// unless a -D option gives them; file.separator, path.separator and line.separator are the ones
// of the Linux JVM the images run, as `${/}` is `/`.
import type { SystemPropertyLookup } from '../engine/security/jaas-file'

/** The variables holding JVM options, in the order the java command line takes them. */
export const JVM_OPTION_VARIABLES = [
  'JAVA_TOOL_OPTIONS',
  'KAFKA_HEAP_OPTS',
  'KAFKA_JVM_PERFORMANCE_OPTS',
  'KAFKA_GC_LOG_OPTS',
  'KAFKA_JMX_OPTS',
  'KAFKA_LOG4J_OPTS',
  'KAFKA_OPTS'
] as const

/** A -D option's value and where it was given (`KAFKA_OPTS of .env line 3`), for messages. */
export interface SystemProperty {
  value: string
  where: string
}

export type SystemProperties = ReadonlyMap<string, SystemProperty>

/** A variable of JVM options, and where it was given. */
export interface JvmOptionsVariable {
  name: string
  value: string
  where: string
}

/** The words of JVM options as a shell splits them, quotes and backslashes taken away. */
export function jvmOptionWords(options: string): string[] {
  const words: string[] = []
  let word: string | null = null
  let quote: string | null = null
  for (let i = 0; i < options.length; i++) {
    const c = options[i]
    if (quote !== null) {
      if (c === quote) quote = null
      else if (c === '\\' && quote === '"' && i + 1 < options.length) word += options[++i]
      else word += c
    } else if (c === '"' || c === "'") {
      quote = c
      word ??= ''
    } else if (c === '\\' && i + 1 < options.length) word = (word ?? '') + options[++i]
    else if (/\s/.test(c)) {
      if (word !== null) words.push(word)
      word = null
    } else word = (word ?? '') + c
  }
  if (word !== null) words.push(word)
  return words
}

/**
 * The words the java command line gets from a variable: kafka-run-class.sh expands $KAFKA_OPTS
 * and the others unquoted, which splits them at blanks and keeps quotes and backslashes; the JVM
 * reads JAVA_TOOL_OPTIONS itself, taking a '...' or "..." whole without its quotes.
 */
function commandLineWords(variable: string, value: string): string[] {
  if (variable !== 'JAVA_TOOL_OPTIONS') return value.split(/[ \t\n]+/).filter((w) => w !== '')
  const words: string[] = []
  let word: string | null = null
  let quote: string | null = null
  for (const c of value) {
    if (quote !== null) {
      if (c === quote) quote = null
      else word += c
    } else if (c === '"' || c === "'") {
      quote = c
      word ??= ''
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word)
      word = null
    } else word = (word ?? '') + c
  }
  if (word !== null) words.push(word)
  return words
}

/** The system properties the -D options of these variables set, the last of a name winning. */
export function systemPropertiesOf(variables: readonly JvmOptionsVariable[]): SystemProperties {
  const order = (name: string) => JVM_OPTION_VARIABLES.indexOf(name as never)
  const sorted = variables
    .filter((v) => order(v.name) >= 0)
    .map((v, i) => ({ v, i }))
    .sort((a, b) => order(a.v.name) - order(b.v.name) || a.i - b.i)
  const out = new Map<string, SystemProperty>()
  for (const { v } of sorted)
    for (const word of commandLineWords(v.name, v.value)) {
      if (!word.startsWith('-D') || word.length === 2) continue
      const eq = word.indexOf('=')
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq)
      if (name === '') continue
      out.delete(name)
      out.set(name, { value: eq < 0 ? '' : word.slice(eq + 1), where: `${v.name} of ${v.where}` })
    }
  return out
}

/** The Linux JVM's separators, which Kafka's images run. */
const LINUX: Record<string, string> = {
  'file.separator': '/',
  'path.separator': ':',
  'line.separator': '\n'
}

/** Why a property the JVM or Kafka's start script sets itself has no value here. */
function setByTheJvm(name: string): string | undefined {
  if (name === 'kafka.logs.dir')
    return "Kafka's start script (kafka-run-class.sh) sets it to the broker's logs folder, and Logdeck runs no such script: write the value itself"
  if (
    /^(java|jdk|sun|os|user)\./.test(name) ||
    ['file.encoding', 'native.encoding', 'stdout.encoding', 'stderr.encoding'].includes(name)
  )
    return `the JVM sets it itself (its installation, platform, user or folders), and Logdeck runs no JVM: write the value itself, or give it with -D${name}=VALUE in KAFKA_OPTS`
  return undefined
}

/**
 * How a JAAS file's `${name}` is expanded with these properties; `sources` names where -D options
 * were looked for, for the refusal of a property none gives. Each one taken is added to `used`.
 */
export function systemPropertyLookup(
  properties: SystemProperties,
  sources: string,
  used?: Map<string, SystemProperty>
): SystemPropertyLookup {
  return (name) => {
    const given = properties.get(name)
    if (given) {
      used?.set(name, given)
      return { value: given.value }
    }
    if (Object.hasOwn(LINUX, name)) return { value: LINUX[name] }
    const jvm = setByTheJvm(name)
    if (jvm) return { why: jvm }
    return {
      why: `no -D${name}=VALUE is given (${sources}), and Java refuses to expand an undefined property ("unable to expand property ${name}"), so Kafka would not start`
    }
  }
}
