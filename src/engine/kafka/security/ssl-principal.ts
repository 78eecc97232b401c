// Who an SSL client is, as Kafka decides it: the subject of the certificate it presented, in
// RFC 2253 form, passed through `ssl.principal.mapping.rules` (DEFAULT keeps the name as it is;
// `RULE:pattern/replacement/[LU]` rewrites a name the pattern matches whole, in Kafka's syntax).
import type tls from 'node:tls'
import type net from 'node:net'
import { subjectName } from './distinguished-name'

interface MappingRule {
  /** Absent: DEFAULT. */
  pattern?: RegExp
  whole?: RegExp
  replacement?: string
  caseChange?: 'L' | 'U'
}

// Kafka's own grammar (SslPrincipalMapper.RULE_PATTERN), so a rule list means the same here.
const RULE = String.raw`(DEFAULT)|RULE:((\\.|[^\\/])*)/((\\.|[^\\/])*)/([LU]?).*?|(.*?)`
const SPLITTER = new RegExp(String.raw`\s*(${RULE})\s*(,\s*|$)`, 'g')
const PARSER = new RegExp(`^(?:${RULE})`)

export class SslPrincipalMappingError extends Error {}

function parseRule(text: string): MappingRule | null {
  const m = PARSER.exec(text)
  if (!m || m[0].length !== text.length)
    throw new SslPrincipalMappingError(`ssl.principal.mapping.rules: invalid rule '${text}'`)
  if (m[1] !== undefined) return {}
  if (m[2] === undefined) return null // an empty rule is ignored, as in Kafka
  try {
    return {
      pattern: new RegExp(m[2], 'g'),
      whole: new RegExp(`^(?:${m[2]})$`),
      replacement: m[4] ?? '',
      ...(m[6] === 'L' || m[6] === 'U' ? { caseChange: m[6] } : {})
    }
  } catch (err) {
    throw new SslPrincipalMappingError(
      `ssl.principal.mapping.rules: '${m[2]}' is not a regular expression (${err instanceof Error ? err.message : String(err)})`
    )
  }
}

export class SslPrincipalMapper {
  private readonly rules: MappingRule[]

  /** Kafka's `ssl.principal.mapping.rules`; throws SslPrincipalMappingError naming a bad rule. */
  constructor(rules = 'DEFAULT') {
    const texts: string[] = []
    const trimmed = rules.trim()
    SPLITTER.lastIndex = 0
    for (let m = SPLITTER.exec(trimmed); m; m = SPLITTER.exec(trimmed)) {
      if (m[1] !== undefined) texts.push(m[1])
      if (m[0] === '') {
        if (SPLITTER.lastIndex >= trimmed.length) break
        SPLITTER.lastIndex++
      }
    }
    this.rules = texts.map(parseRule).filter((r): r is MappingRule => r !== null)
  }

  /** The principal name of a distinguished name; throws when no rule applies (as Kafka does). */
  map(name: string): string {
    for (const rule of this.rules) {
      if (!rule.pattern || !rule.whole) return name
      if (!rule.whole.test(name)) continue
      let out = rule.replacement ? name.replace(rule.pattern, rule.replacement) : name
      if (rule.caseChange === 'L') out = out.toLowerCase()
      if (rule.caseChange === 'U') out = out.toUpperCase()
      return out
    }
    throw new SslPrincipalMappingError(`no ssl.principal.mapping.rules rule applies to ${name}`)
  }

  /**
   * The principal name of a TLS client's certificate: null for a client that presented none
   * (Kafka's ANONYMOUS) or a connection without TLS.
   */
  userOf(socket: net.Socket): string | null {
    // A TLS socket only exists once node:tls is loaded; plaintext listeners never load it.
    if (!('getPeerCertificate' in socket)) return null
    const cert = (socket as tls.TLSSocket).getPeerCertificate()
    if (!cert || !('raw' in cert) || !cert.raw) return null
    return this.map(subjectName(cert.raw))
  }
}
