// A client certificate's subject reads as Java's X500Principal.getName() writes it (the names
// below are what Java 17 printed for these openssl certificates), and ssl.principal.mapping.rules
// parse and map as Kafka's SslPrincipalMapper does (its own test cases).
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { subjectName } from '../../../src/engine/kafka/security/distinguished-name'
import {
  SslPrincipalMapper,
  SslPrincipalMappingError
} from '../../../src/engine/kafka/security/ssl-principal'
import { createDevCertificates } from '../../../src/server/dev-certificates'

const fixture = (name: string) =>
  new X509Certificate(readFileSync(join(__dirname, '../../fixtures/certificates', name))).raw

describe('subject names in RFC 2253 form', () => {
  it('reverses the RDNs, keeps multi-valued ones together and writes unknown types as OID=#hex', () => {
    // openssl req -subj "/C=US/ST=CA/O=Acme, Inc./OU=dev+UID=42/CN=client #1 /emailAddress=a@b.c"
    expect(subjectName(fixture('email-and-multi-valued-rdn.pem'))).toBe(
      '1.2.840.113549.1.9.1=#16056140622e63,CN=client \\#1\\ ,OU=dev+UID=42,O=Acme\\, Inc.,ST=CA,C=US'
    )
  })

  it('escapes as Java does: special characters anywhere, leading and trailing spaces', () => {
    // openssl req -utf8 -subj '/O= lead=x<y>z;q"w\\e#r/OU=#top/CN=héllo  /DC=example'
    expect(subjectName(fixture('special-characters.pem'))).toBe(
      'DC=example,CN=héllo\\ \\ ,OU=\\#top,O=\\ lead\\=x\\<y\\>z\\;q\\"w\\\\e\\#r'
    )
  })

  it('names the client certificate of `logdeck certs` CN first', () => {
    const certs = createDevCertificates(1)
    expect(subjectName(new X509Certificate(certs.clientCert).raw)).toBe(
      'CN=logdeck-client,O=Logdeck development'
    )
  })
})

describe('ssl.principal.mapping.rules', () => {
  it('accepts the rules Kafka accepts and refuses the ones it refuses', () => {
    for (const ok of [
      'DEFAULT',
      'RULE:^CN=(.*?),OU=ServiceUsers.*$/$1/',
      'RULE:^CN=(.*?),OU=ServiceUsers.*$/$1/L, DEFAULT',
      'RULE:^CN=(.*?),OU=(.*?),O=(.*?),L=(.*?),ST=(.*?),C=(.*?)$/$1@$2/',
      'RULE:^.*[Cc][Nn]=([a-zA-Z0-9.]*).*$/$1/L',
      'RULE:^cn=(.?),ou=(.?),dc=(.?),dc=(.?)$/$1@$2/U',
      'RULE:^CN=([^,ADEFLTU,]+)(,.*|$)/$1/',
      'RULE:^CN=([^,DEFAULT,]+)(,.*|$)/$1/'
    ])
      expect(() => new SslPrincipalMapper(ok), ok).not.toThrow()
    for (const bad of [
      'default',
      'DEFAUL',
      'DEFAULT/L',
      'DEFAULT/U',
      'RULE:CN=(.*?),OU=ServiceUsers.*/$1',
      'rule:^CN=(.*?),OU=ServiceUsers.*$/$1/',
      'RULE:^CN=(.*?),OU=ServiceUsers.*$/$1/L/U',
      'RULE:^CN=(.*?),OU=ServiceUsers.*$/L',
      'RULE:^CN=(.*?),OU=ServiceUsers.*$/U',
      'RULE:^CN=(.*?),OU=ServiceUsers.*$/LU'
    ])
      expect(() => new SslPrincipalMapper(bad), bad).toThrow(SslPrincipalMappingError)
  })

  it('maps names with the first rule that matches them whole', () => {
    const mapper = new SslPrincipalMapper(
      [
        'RULE:^CN=(.*?),OU=ServiceUsers.*$/$1/L',
        'RULE:^CN=(.*?),OU=(.*?),O=(.*?),L=(.*?),ST=(.*?),C=(.*?)$/$1@$2/L',
        'RULE:^cn=(.*?),ou=(.*?),dc=(.*?),dc=(.*?)$/$1@$2/U',
        'RULE:^.*[Cc][Nn]=([a-zA-Z0-9.]*).*$/$1/U',
        'DEFAULT'
      ].join(', ')
    )
    expect(mapper.map('CN=Duke,OU=ServiceUsers,O=Org,C=US')).toBe('duke')
    expect(mapper.map('CN=Duke,OU=SME,O=mycp,L=Fulton,ST=MD,C=US')).toBe('duke@sme')
    expect(mapper.map('cn=duke,ou=sme,dc=mycp,dc=com')).toBe('DUKE@SME')
    expect(mapper.map('cN=duke,OU=JavaSoft,O=Sun Microsystems')).toBe('DUKE')
    expect(mapper.map('OU=JavaSoft,O=Sun Microsystems,C=US')).toBe(
      'OU=JavaSoft,O=Sun Microsystems,C=US'
    )
  })

  it('keeps the name by default and refuses a name no rule applies to', () => {
    expect(new SslPrincipalMapper().map('CN=a,O=b')).toBe('CN=a,O=b')
    const strict = new SslPrincipalMapper('RULE:^CN=([^,]*),O=Acme$/$1/')
    expect(strict.map('CN=svc,O=Acme')).toBe('svc')
    expect(() => strict.map('CN=svc,O=Other')).toThrow(/no ssl.principal.mapping.rules rule/)
  })
})
