// Java properties text (java.util.Properties.load, as Kafka reads server.properties): `#` and
// `!` comments, `=`, `:` or white space between key and value, lines continued by a trailing
// backslash (the next line's leading white space dropped), and the escapes \t \n \r \f \uXXXX
// and \<any character>. dot-properties does the reading; each entry keeps the line its key
// starts on, for messages.
import { parseLines, type Pair } from 'dot-properties'

export interface PropertyEntry {
  key: string
  value: string
  /** 1-based line of the key. */
  line: number
}

/** A line Java's Properties.load refuses: a \u escape without four hex digits. */
export class PropertiesSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string
  ) {
    super(message)
  }
}

/** Where a malformed \u escape starts in a raw (unescaped) key or value, or -1. */
function badUnicodeEscape(raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\') continue
    if (raw[i + 1] === 'u' && !/^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) return i
    i++ // the escaped character, whatever it is
  }
  return -1
}

/** Every key/value pair of the text in order (a key given twice appears twice). */
export function readJavaProperties(given: string): PropertyEntry[] {
  // CRLF and a lone CR end a line as LF does (dot-properties continues a line over LF only);
  // lines stay where they are.
  const text = given.replace(/\r\n?/g, '\n')
  // Nodes come in order: the line of an offset is counted on from the last one.
  let counted = 0
  let line = 1
  const lineOf = (offset: number) => {
    for (; counted < offset; counted++) if (text[counted] === '\n') line++
    return line
  }
  const out: PropertyEntry[] = []
  for (const node of parseLines(text, true)) {
    if (node.type !== 'PAIR') continue
    const pair = node as Required<Pair>
    const [keyStart, keyEnd, valueStart, valueEnd] = pair.range
    for (const [from, to] of [
      [keyStart, keyEnd],
      [valueStart, valueEnd]
    ]) {
      const at = badUnicodeEscape(text.slice(from, to))
      if (at >= 0)
        throw new PropertiesSyntaxError(
          lineOf(from + at),
          `malformed \\uXXXX escape '${text.slice(from + at, from + at + 6)}' (four hex digits must follow \\u)`
        )
    }
    out.push({ key: pair.key, value: pair.value, line: lineOf(keyStart) })
  }
  return out
}
