// A certificate's subject as Java's X500Principal.getName() writes it (RFC 2253), which is the
// name Kafka gives an SSL client: RDNs last to first, joined by ',', no spaces, the keywords
// Java knows (CN, C, L, ST, O, OU, STREET, DC, UID) and any other attribute as its OID with the
// value's DER in hex (`1.2.840.113549.1.9.1=#1613...`).

/** One DER element: where it begins, its tag, where its contents lie and where it ends. */
interface Element {
  at: number
  tag: number
  start: number
  end: number
}

function element(der: Buffer, at: number): Element {
  const tag = der[at]
  let length = der[at + 1]
  let start = at + 2
  if (tag === undefined || length === undefined) throw new Error('truncated DER')
  if (length & 0x80) {
    const bytes = length & 0x7f
    if (bytes === 0 || bytes > 4) throw new Error('unsupported DER length')
    length = 0
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[start + i] ?? 0)
    start += bytes
  }
  const end = start + length
  if (end > der.length) throw new Error('truncated DER')
  return { at, tag, start, end }
}

function children(der: Buffer, parent: Element): Element[] {
  const out: Element[] = []
  for (let at = parent.start; at < parent.end;) {
    const e = element(der, at)
    out.push(e)
    at = e.end
  }
  return out
}

function oidText(bytes: Buffer): string {
  const parts: number[] = []
  let n = 0
  for (const b of bytes) {
    n = n * 128 + (b & 0x7f)
    if (!(b & 0x80)) {
      parts.push(n)
      n = 0
    }
  }
  const first = parts.shift() ?? 0
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80]
  return [...head, ...parts].join('.')
}

const KEYWORDS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID'
}

const STRING_TAGS: Record<number, (b: Buffer) => string> = {
  0x0c: (b) => b.toString('utf8'), // UTF8String
  0x13: (b) => b.toString('latin1'), // PrintableString
  0x14: (b) => b.toString('latin1'), // TeletexString
  0x16: (b) => b.toString('latin1'), // IA5String
  0x1e: (b) => Buffer.from(b).swap16().toString('utf16le') // BMPString
}

/**
 * Escaped as Java escapes RFC 2253 values: each of `,=+<>#;"\` anywhere, and every leading and
 * trailing space.
 */
function escape(value: string): string {
  const out = value.replace(/[,=+<>#;"\\]/g, (c) => `\\${c}`)
  const lead = /^ */.exec(out)?.[0].length ?? 0
  if (lead === out.length) return out.replace(/ /g, '\\ ')
  const trail = / *$/.exec(out)?.[0].length ?? 0
  return `${'\\ '.repeat(lead)}${out.slice(lead, out.length - trail)}${'\\ '.repeat(trail)}`
}

function attribute(der: Buffer, pair: Element): string {
  const [type, value] = children(der, pair)
  if (!type || !value) throw new Error('malformed attribute')
  const oid = oidText(der.subarray(type.start, type.end))
  const keyword = KEYWORDS[oid]
  const decode = STRING_TAGS[value.tag]
  if (keyword && decode) return `${keyword}=${escape(decode(der.subarray(value.start, value.end)))}`
  return `${keyword ?? oid}=#${der.subarray(value.at, value.end).toString('hex')}`
}

/** The subject of a DER X.509 certificate in RFC 2253 form. */
export function subjectName(certificate: Buffer): string {
  const cert = element(certificate, 0)
  const [tbs] = children(certificate, cert)
  if (!tbs) throw new Error('malformed certificate')
  const fields = children(certificate, tbs)
  // [0] version is optional; then serial, signature, issuer, validity, subject.
  const subject = fields[fields[0]?.tag === 0xa0 ? 5 : 4]
  if (!subject) throw new Error('malformed certificate')
  return children(certificate, subject)
    .reverse()
    .map((rdn) =>
      children(certificate, rdn)
        .map((pair) => attribute(certificate, pair))
        .join('+')
    )
    .join(',')
}
