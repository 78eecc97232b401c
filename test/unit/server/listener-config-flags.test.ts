// `logdeck serve --listener-config NAME.KEY=VALUE` (and Kafka's listener.name.NAME.KEY=VALUE):
// a listener's own certificate, key, CA, ssl.client.auth and sasl.enabled.mechanisms over the
// shared ones; each mistake one line naming the flag.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { serveRefusal } from '../../support/serve-refusal'
import { writeDevCertificates } from '../../../src/server/dev-certificates'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-cli-listener-config-'))
const a = writeDevCertificates(join(dir, 'a'))
const b = writeDevCertificates(join(dir, 'b'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const tls = ['--tls-cert', a.cert, '--tls-key', a.key]
const listeners = [
  '--listener',
  'INTERNAL=ssl:9192',
  '--listener',
  'EXTERNAL=sasl_ssl:9292',
  '--listener',
  'PARTNERS=sasl_plaintext:9392'
]

const refusal = serveRefusal

describe('serve --listener-config', () => {
  it('gives no listener settings of its own unless asked', () => {
    expect(parseServeArgs([...listeners, ...tls]).security.listeners).toBeUndefined()
  })

  it("reads a listener's certificate, CA, client auth and mechanisms, in either spelling", () => {
    const o = parseServeArgs([
      ...listeners,
      ...tls,
      '--listener-config',
      `INTERNAL.tls-ca=${a.ca}`,
      '--listener-config',
      `listener.name.external.tls-cert=${b.cert}`,
      '--listener-config',
      `External.tls-key=${b.key}`,
      '--listener-config',
      'listener.name.EXTERNAL.ssl.client.auth=NONE',
      '--listener-config',
      'partners.sasl.enabled.mechanisms=scram-sha-512,PLAIN'
    ])
    const own = o.security.listeners!
    expect(Object.keys(own)).toEqual(['INTERNAL', 'EXTERNAL', 'PARTNERS'])
    expect(own.INTERNAL.tls?.ca).toContain('BEGIN CERTIFICATE')
    expect(own.EXTERNAL).toMatchObject({ clientAuth: 'none' })
    expect(String(own.EXTERNAL.tls?.cert)).toContain('BEGIN CERTIFICATE')
    expect(own.PARTNERS.saslMechanisms).toEqual(['SCRAM-SHA-512', 'PLAIN'])
    // The shared certificate stays for the listeners without their own.
    expect(o.security.tls?.cert).toContain('BEGIN CERTIFICATE')
  })

  it("keeps what DescribeConfigs lists of a listener's own: its Kafka stores as given, its JAAS configs", () => {
    const o = parseServeArgs([
      ...listeners,
      ...tls,
      '--listener-config',
      'INTERNAL.ssl.truststore.type=PEM',
      '--listener-config',
      `INTERNAL.ssl.truststore.location=${a.ca}`,
      '--listener-config',
      'INTERNAL.ssl.enabled.protocols=TLSv1.3',
      '--listener-config',
      'PARTNERS.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_a="b";',
      '--listener-config',
      'PARTNERS.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;'
    ])
    const own = o.security.listeners!
    expect(own.INTERNAL.sslConfigs).toEqual({
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': a.ca
    })
    expect(own.INTERNAL.tlsParameters?.enabledProtocols).toEqual(['TLSv1.3'])
    expect(own.PARTNERS.jaasConfigs).toEqual(['plain', 'scram-sha-256'])
  })

  it("refuses a listener's own setting given as --broker-config, naming --listener-config", () => {
    expect(
      refusal([
        ...listeners,
        ...tls,
        '--broker-config',
        'listener.name.internal.ssl.client.auth=required'
      ])
    ).toBe(
      "--broker-config listener.name.internal.ssl.client.auth: a listener's own setting, read at start: --listener-config INTERNAL.ssl.client.auth=VALUE"
    )
  })

  it('lets TLS listeners that all have their own certificate go without --tls-cert', () => {
    const o = parseServeArgs([
      '--listener',
      'INTERNAL=ssl:9192',
      '--listener-config',
      `INTERNAL.tls-cert=${a.cert}`,
      '--listener-config',
      `INTERNAL.tls-key=${a.key}`
    ])
    expect(o.security.tls).toBeUndefined()
    expect(
      refusal([
        '--listener',
        'INTERNAL=ssl:9192',
        '--listener',
        'B=ssl:9292',
        '--listener-config',
        `INTERNAL.tls-cert=${a.cert}`,
        '--listener-config',
        `INTERNAL.tls-key=${a.key}`
      ])
    ).toBe(
      '--listener B=ssl:9292 needs --tls-cert and --tls-key (logdeck certs writes a development pair), or --ssl.keystore.location'
    )
  })

  it('names a listener that does not exist, an unknown key, and a key its protocol has no use for', () => {
    expect(refusal([...listeners, ...tls, '--listener-config', 'OTHER.tls-ca=x'])).toBe(
      '--listener-config OTHER.tls-ca=x: no listener is named OTHER (the listeners are PLAINTEXT, INTERNAL, EXTERNAL, PARTNERS)'
    )
    expect(
      refusal([...listeners, ...tls, '--listener-config', 'INTERNAL.ssl.cipher.names=X'])
    ).toMatch(
      /^--listener-config INTERNAL\.ssl\.cipher\.names=X: KEY must be one of tls-cert, tls-key, tls-ca, ssl\.client\.auth, ssl\.keystore\.type, .*, got 'ssl\.cipher\.names'$/
    )
    expect(refusal([...listeners, ...tls, '--listener-config', 'PARTNERS.tls-ca=x'])).toBe(
      '--listener-config PARTNERS.tls-ca=x: listener PARTNERS is SASL_PLAINTEXT, which does not speak TLS'
    )
    expect(
      refusal([...listeners, ...tls, '--listener-config', 'INTERNAL.sasl.enabled.mechanisms=PLAIN'])
    ).toBe(
      '--listener-config INTERNAL.sasl.enabled.mechanisms=PLAIN: listener INTERNAL is SSL, which asks for no SASL login'
    )
    expect(refusal([...listeners, ...tls, '--listener-config', 'INTERNAL'])).toMatch(
      /^--listener-config takes NAME\.KEY=VALUE/
    )
  })

  it('refuses bad values: client auth, mechanisms, files, pairs, and a setting given twice', () => {
    expect(
      refusal([...listeners, ...tls, '--listener-config', 'INTERNAL.ssl.client.auth=maybe'])
    ).toBe(
      "--listener-config INTERNAL.ssl.client.auth=maybe: ssl.client.auth must be one of required, requested, none, got 'maybe'"
    )
    expect(
      refusal([
        ...listeners,
        ...tls,
        '--listener-config',
        'PARTNERS.sasl.enabled.mechanisms=GSSAPI'
      ])
    ).toBe(
      "--listener-config PARTNERS.sasl.enabled.mechanisms=GSSAPI: 'GSSAPI' is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER"
    )
    expect(
      refusal([...listeners, ...tls, '--listener-config', 'INTERNAL.tls-ca=/nonexistent/ca.pem'])
    ).toBe(
      '--listener-config INTERNAL.tls-ca=/nonexistent/ca.pem /nonexistent/ca.pem does not exist'
    )
    expect(
      refusal([...listeners, ...tls, '--listener-config', `INTERNAL.tls-cert=${b.cert}`])
    ).toBe(`--listener-config INTERNAL.tls-cert=${b.cert} needs INTERNAL.tls-key too`)
    expect(
      refusal([
        ...listeners,
        ...tls,
        '--listener-config',
        `INTERNAL.tls-cert=${b.cert}`,
        '--listener-config',
        `INTERNAL.tls-key=${a.key}`
      ])
    ).toBe(
      `--listener-config INTERNAL.tls-key=${a.key} is not the key of --listener-config INTERNAL.tls-cert=${b.cert}`
    )
    expect(
      refusal([...listeners, ...tls, '--listener-config', 'INTERNAL.ssl.client.auth=required'])
    ).toBe(
      '--listener-config INTERNAL.ssl.client.auth=required: INTERNAL has no CA of client certificates (--tls-ca, --ssl.truststore.location or INTERNAL.tls-ca)'
    )
    expect(
      refusal([
        ...listeners,
        ...tls,
        '--listener-config',
        `INTERNAL.tls-ca=${a.ca}`,
        '--listener-config',
        `listener.name.internal.tls-ca=${b.ca}`
      ])
    ).toBe(
      `--listener-config listener.name.internal.tls-ca=${b.ca}: INTERNAL's tls-ca is already given by --listener-config INTERNAL.tls-ca=${a.ca}`
    )
  })

  it('takes OAUTHBEARER options when one listener offers OAUTHBEARER', () => {
    const o = parseServeArgs([
      ...listeners,
      ...tls,
      '--listener-config',
      'PARTNERS.sasl.enabled.mechanisms=OAUTHBEARER',
      '--unsecuredValidatorRequiredScope',
      'kafka'
    ])
    expect(o.security.oauthBearer?.requiredScope).toEqual(['kafka'])
    expect(refusal([...listeners, ...tls, '--unsecuredValidatorRequiredScope', 'kafka'])).toMatch(
      /needs OAUTHBEARER in --sasl\.enabled\.mechanisms/
    )
  })

  it('takes --ssl.principal.mapping.rules when one SSL listener asks for client certificates', () => {
    const o = parseServeArgs([
      ...listeners,
      ...tls,
      '--listener-config',
      `INTERNAL.tls-ca=${a.ca}`,
      '--ssl.principal.mapping.rules',
      'RULE:^CN=([^,]*),.*$/$1/L,DEFAULT'
    ])
    expect(o.security.sslPrincipalMappingRules).toMatch(/^RULE/)
    expect(refusal([...listeners, ...tls, '--ssl.principal.mapping.rules', 'DEFAULT'])).toMatch(
      /--ssl\.principal\.mapping\.rules needs/
    )
  })
})
