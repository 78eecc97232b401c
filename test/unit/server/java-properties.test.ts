// server.properties as java.util.Properties reads it: comments, the three separators, lines
// continued by a backslash, escapes; a malformed \u escape names its line. The round trip of
// any keys and values written with escapes, \uXXXX or not, lines folded anywhere, and LF, CRLF
// or CR line ends is checked with fast-check.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PropertiesSyntaxError, readJavaProperties } from '../../../src/server/java-properties'

const pairs = (text: string) => readJavaProperties(text).map((e) => [e.key, e.value, e.line])

describe('readJavaProperties', () => {
  it('skips # and ! comments and blank lines, and keeps the line of each key', () => {
    expect(pairs('# a comment\n\n  ! another\nnum.partitions=3\n\t\nlog.dirs=/tmp/k\n')).toEqual([
      ['num.partitions', '3', 4],
      ['log.dirs', '/tmp/k', 6]
    ])
  })

  it('takes =, : and white space as the separator, with white space around it', () => {
    expect(pairs('a=1\nb : 2\nc 3\n  d\t=\t4\ne=\nf\n')).toEqual([
      ['a', '1', 1],
      ['b', '2', 2],
      ['c', '3', 3],
      ['d', '4', 4],
      ['e', '', 5],
      ['f', '', 6]
    ])
  })

  it('keeps a second = or : in the value, and trailing white space too', () => {
    expect(pairs('k==v:w  \n')).toEqual([['k', '=v:w  ', 1]])
  })

  it('joins lines ending in a backslash, dropping the next line’s leading white space', () => {
    const text = [
      'listener.name.x.plain.sasl.jaas.config=org.Module required \\',
      '    user_a="1" \\',
      '\tuser_b="2";',
      'next=1'
    ].join('\r\n')
    expect(pairs(text)).toEqual([
      ['listener.name.x.plain.sasl.jaas.config', 'org.Module required user_a="1" user_b="2";', 1],
      ['next', '1', 4]
    ])
  })

  it('reads the escapes of keys and values', () => {
    expect(pairs('a\\ b\\=c\\:d = x\\ty\\nz\\u00e9\\\\\\q\n')).toEqual([
      ['a b=c:d', 'x\ty\nzé\\q', 1]
    ])
  })

  it('refuses a \\u escape without four hex digits, naming its line', () => {
    let err: unknown
    try {
      readJavaProperties('a=1\n\nb=\\u12g4\n')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(PropertiesSyntaxError)
    expect((err as PropertiesSyntaxError).line).toBe(3)
    expect((err as Error).message).toMatch(/malformed \\uXXXX escape '\\u12g4'/)
    // An escaped backslash before u is no \u escape.
    expect(pairs('a=\\\\u12\n')).toEqual([['a', '\\u12', 1]])
  })

  it('reads back any keys and values as written, escapes and folded lines included', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, text), { maxLength: 6 }),
        fc.constantFrom(' = ', '=', ':', ' ', '\t:  '),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.boolean(), { minLength: 1 }),
        fc.array(fc.boolean(), { minLength: 1 }),
        fc.constantFrom('', ' ', '\t', '    '),
        (entries, separator, newline, folds, unicode, indent) => {
          let f = 0
          let u = 0
          const fold = () => folds[f++ % folds.length]
          const escapeU = () => unicode[u++ % unicode.length]
          const write = (s: string) =>
            escapedUnits(s, escapeU)
              .map((unit, i) => (i > 0 && fold() ? `\\${newline}${indent}${unit}` : unit))
              .join('')
          const written = entries
            .map(([k, v]) => write(k) + (k === '' ? '=' : separator) + write(v))
            .join(newline)
          expect(readJavaProperties(written).map((e) => [e.key, e.value])).toEqual(entries)
        }
      ),
      {
        numRuns: 1000,
        // A value starting with ':' after a white-space separator: the ':' is the separator.
        examples: [[[[' ', ':']], ' ', '\n', [false], [false], '']]
      }
    )
  })
})

const SIMPLE: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\f': '\\f'
}

/**
 * A key or value written as Java's Properties.store would, one escape unit a UTF-16 code unit:
 * white space escaped (so that a folded line's indentation is not taken for it), and = : # !
 * (in a value too, where a leading = or : after a white-space separator would be the separator);
 * characters outside ASCII's printable ones as \uXXXX or as they are, as `escapeU` says.
 */
function escapedUnits(s: string, escapeU: () => boolean): string[] {
  return [...Array(s.length).keys()].map((i) => {
    const c = s[i]
    const code = s.charCodeAt(i)
    if (SIMPLE[c]) return SIMPLE[c]
    if (c === ' ' || '=:#!'.includes(c)) return `\\${c}`
    if ((code < 0x20 || code > 0x7e) && escapeU()) return `\\u${code.toString(16).padStart(4, '0')}`
    return c
  })
}
