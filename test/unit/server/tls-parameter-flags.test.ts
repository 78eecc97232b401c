// Kafka's ssl.enabled.protocols, ssl.protocol, ssl.cipher.suites and the Java-only ssl.* configs,
// as `logdeck serve` flags, per listener (--listener-config, Kafka's listener.name.NAME. spelling
// too) and as startCluster's sslConfigs: what Node's TLS server is given, and each refusal, one
// line naming the flag and the value.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { tlsServerOptions } from '../../../src/engine/kafka/security/listener-security'
import { listenerSecurityOf } from '../../../src/engine/kafka/security/listener-overrides'
import { readSslConfigs } from '../../../src/server/library-ssl-configs'
import { ApiError } from '../../../src/shared/errors'
import { serveRefusal } from '../../support/serve-refusal'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-cli-tls-parameters-'))
const certs = writeDevCertificates(dir)
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const ssl = ['--security', 'ssl', '--tls-cert', certs.cert, '--tls-key', certs.key]

/** Node's TLS options of the first listener of these flags. */
function nodeOptions(args: string[], listener = 'SSL') {
  const s = parseServeArgs(args).security
  const l = listenerSecurityOf(
    {
      name: listener,
      securityProtocol: 'SSL'
    },
    s,
    s.listeners?.[listener]
  )
  const { minVersion, maxVersion, ciphers } = tlsServerOptions(
    l.tls!,
    l.clientAuth,
    l.tlsParameters
  )
  return { minVersion, maxVersion, ciphers }
}

describe('ssl.enabled.protocols', () => {
  it("is Kafka's TLSv1.2,TLSv1.3 unless given", () => {
    expect(nodeOptions(ssl)).toEqual({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3',
      ciphers: undefined
    })
    // Empty, as in Kafka: the defaults.
    expect(nodeOptions([...ssl, '--ssl.enabled.protocols', ''])).toMatchObject({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3'
    })
  })

  it("becomes Node's minVersion and maxVersion, in any order", () => {
    expect(nodeOptions([...ssl, '--ssl.enabled.protocols', 'TLSv1.3'])).toMatchObject({
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3'
    })
    // OpenSSL's default security level refuses TLS 1.0 and 1.1: enabled by name, they are served.
    expect(nodeOptions([...ssl, '--ssl.enabled.protocols', 'TLSv1.2, TLSv1.1'])).toMatchObject({
      minVersion: 'TLSv1.1',
      maxVersion: 'TLSv1.2',
      ciphers: expect.stringMatching(/^TLS_AES_256_GCM_SHA384:.*:@SECLEVEL=0$/)
    })
  })

  it("refuses a list with a gap, a protocol Node cannot speak and a name not Java's", () => {
    expect(serveRefusal([...ssl, '--ssl.enabled.protocols', 'TLSv1,TLSv1.3'])).toBe(
      "--ssl.enabled.protocols TLSv1,TLSv1.3: TLSv1,TLSv1.3 leaves out TLSv1.1, TLSv1.2: Node's TLS enables one range of versions (from its oldest to its newest), so list TLSv1,TLSv1.1,TLSv1.2,TLSv1.3 or fewer"
    )
    expect(serveRefusal([...ssl, '--ssl.enabled.protocols', 'SSLv3,TLSv1.2'])).toMatch(
      /^--ssl.enabled.protocols SSLv3,TLSv1.2: SSLv3 cannot be enabled: Node's TLS does not speak SSLv3/
    )
    expect(serveRefusal([...ssl, '--ssl.enabled.protocols', 'tlsv1.2'])).toBe(
      "--ssl.enabled.protocols tlsv1.2: 'tlsv1.2' is not a protocol name: Java's is TLSv1.2"
    )
    expect(serveRefusal([...ssl, '--ssl.enabled.protocols', 'TLSv1.4'])).toBe(
      "--ssl.enabled.protocols TLSv1.4: 'TLSv1.4' is not a TLS protocol (TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)"
    )
  })
})

describe('ssl.protocol', () => {
  it("takes the SSLContext protocols of Java's default provider, in any case, and changes nothing", () => {
    for (const p of ['TLSv1.2', 'tls', 'SSL', 'TLSv1.3'])
      expect(nodeOptions([...ssl, '--ssl.protocol', p])).toMatchObject({
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.3'
      })
  })

  it('refuses others', () => {
    expect(serveRefusal([...ssl, '--ssl.protocol', 'TLSv1.4'])).toMatch(
      /^--ssl.protocol TLSv1.4: 'TLSv1.4' is not an SSLContext protocol of Java's default provider/
    )
    expect(serveRefusal([...ssl, '--ssl.protocol', 'DTLSv1.2'])).toMatch(
      /^--ssl.protocol DTLSv1.2: DTLSv1.2: DTLS is for datagrams/
    )
  })
})

describe('ssl.cipher.suites', () => {
  it("maps Kafka's names to OpenSSL's for TLS 1.2 and keeps TLS 1.3 ones; OpenSSL's are taken too", () => {
    expect(
      nodeOptions([
        ...ssl,
        '--ssl.cipher.suites',
        'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, ecdhe-rsa-aes128-gcm-sha256,TLS_AES_128_GCM_SHA256,TLS_EMPTY_RENEGOTIATION_INFO_SCSV'
      ])
    ).toEqual({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3',
      ciphers: 'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256'
    })
  })

  it('leaves out the versions none of the suites is for, as Java does', () => {
    expect(
      nodeOptions([...ssl, '--ssl.cipher.suites', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'])
    ).toMatchObject({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })
    expect(nodeOptions([...ssl, '--ssl.cipher.suites', 'TLS_AES_256_GCM_SHA384'])).toMatchObject({
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3'
    })
  })

  it('refuses an unknown name, and suites for none of the enabled protocols', () => {
    expect(
      serveRefusal([...ssl, '--ssl.cipher.suites', 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA'])
    ).toMatch(
      /^--ssl.cipher.suites TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA: 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA' is not a cipher suite Node's OpenSSL offers/
    )
    expect(
      serveRefusal([
        ...ssl,
        '--ssl.enabled.protocols',
        'TLSv1.3',
        '--ssl.cipher.suites',
        'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'
      ])
    ).toMatch(
      /^--ssl.cipher.suites TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 with --ssl.enabled.protocols TLSv1.3: listener SSL: ssl.cipher.suites TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 has no suite for ssl.enabled.protocols TLSv1.3/
    )
  })
})

describe("Java's own ssl.* configs", () => {
  it("takes what Kafka's default JVM uses", () => {
    expect(() =>
      parseServeArgs([
        ...ssl,
        '--ssl.provider',
        'SunJSSE',
        '--ssl.keymanager.algorithm',
        'sunx509',
        '--ssl.trustmanager.algorithm',
        'PKIX',
        '--ssl.secure.random.implementation',
        'SHA1PRNG',
        '--ssl.engine.factory.class',
        'org.apache.kafka.common.security.ssl.DefaultSslEngineFactory',
        '--ssl.endpoint.identification.algorithm',
        'HTTPS'
      ])
    ).not.toThrow()
    // Empty: host name checks off, as production server.properties often have it.
    expect(() =>
      parseServeArgs([...ssl, '--ssl.endpoint.identification.algorithm', ''])
    ).not.toThrow()
    expect(() =>
      parseServeArgs([
        '--listener',
        'INTERNAL=ssl:0',
        ...ssl.filter((a) => a !== '--security' && a !== 'ssl'),
        '--listener-config',
        'listener.name.internal.ssl.endpoint.identification.algorithm='
      ])
    ).not.toThrow()
  })

  it('refuses others, naming the flag', () => {
    expect(serveRefusal([...ssl, '--ssl.provider', 'BCJSSE'])).toMatch(
      /^--ssl.provider BCJSSE: 'BCJSSE' is a Java security provider, which Logdeck cannot load \(its TLS is Node's OpenSSL\)/
    )
    expect(serveRefusal([...ssl, '--ssl.keymanager.algorithm', 'IbmX509'])).toMatch(
      /^--ssl.keymanager.algorithm IbmX509: 'IbmX509' is a Java KeyManagerFactory algorithm.*SunX509, NewSunX509, PKIX$/
    )
    expect(serveRefusal([...ssl, '--ssl.engine.factory.class', 'com.example.Factory'])).toMatch(
      /^--ssl.engine.factory.class com.example.Factory: 'com.example.Factory' is a Java class/
    )
    expect(serveRefusal([...ssl, '--ssl.endpoint.identification.algorithm', 'dns'])).toMatch(
      /^--ssl.endpoint.identification.algorithm dns: 'dns' is a Java endpoint identification algorithm.*https, ldaps$/
    )
  })

  it('needs a TLS listener, as the other ssl.* flags do', () => {
    expect(serveRefusal(['--ssl.enabled.protocols', 'TLSv1.3'])).toBe(
      '--ssl.enabled.protocols needs --security ssl or sasl_ssl, or a TLS --listener (got plaintext)'
    )
  })
})

describe('per listener', () => {
  const two = [...ssl, '--listener', 'LEGACY=ssl:9192', '--ssl.enabled.protocols', 'TLSv1.3']

  it('gives a listener its own, over the shared ones, in either spelling', () => {
    const args = [
      ...two,
      '--listener-config',
      'LEGACY.ssl.enabled.protocols=TLSv1.2',
      '--listener-config',
      'listener.name.legacy.ssl.cipher.suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'
    ]
    expect(nodeOptions(args, 'SSL')).toEqual({
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      ciphers: undefined
    })
    expect(nodeOptions(args, 'LEGACY')).toEqual({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256'
    })
  })

  it("an own empty list is Kafka's default, not the shared one", () => {
    const args = [...two, '--listener-config', 'LEGACY.ssl.enabled.protocols=']
    expect(nodeOptions(args, 'LEGACY')).toMatchObject({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3'
    })
  })

  it('refuses them on a listener without TLS, and bad values naming the flag', () => {
    expect(
      serveRefusal([
        ...two,
        '--listener',
        'PLAIN=plaintext:9292',
        '--listener-config',
        'PLAIN.ssl.cipher.suites=TLS_AES_128_GCM_SHA256'
      ])
    ).toBe(
      '--listener-config PLAIN.ssl.cipher.suites=TLS_AES_128_GCM_SHA256: listener PLAIN is PLAINTEXT, which does not speak TLS'
    )
    expect(
      serveRefusal([...two, '--listener-config', 'LEGACY.ssl.enabled.protocols=TLSv1.1,TLSv1.3'])
    ).toMatch(
      /^--listener-config LEGACY.ssl.enabled.protocols=TLSv1.1,TLSv1.3: TLSv1.1,TLSv1.3 leaves out TLSv1.2/
    )
    expect(
      serveRefusal([
        ...two,
        '--listener-config',
        'LEGACY.ssl.cipher.suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'
      ])
    ).toMatch(
      /^--listener-config LEGACY.ssl.cipher.suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 with --ssl.enabled.protocols TLSv1.3: listener LEGACY: ssl.cipher.suites .* has no suite for ssl.enabled.protocols TLSv1.3/
    )
  })
})

describe('startCluster sslConfigs', () => {
  it('reads the same configs, refusing with a BAD_REQUEST naming the option and config', () => {
    expect(
      readSslConfigs(
        { 'ssl.enabled.protocols': 'TLSv1.3', 'ssl.protocol': 'TLSv1.2' },
        'sslConfigs',
        'sslConfigs'
      )?.tlsParameters
    ).toEqual({ enabledProtocols: ['TLSv1.3'] })
    let err: unknown
    try {
      readSslConfigs({ 'ssl.cipher.suites': 'NOPE' }, 'listeners[0].sslConfigs', 'listeners')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'BAD_REQUEST', field: 'listeners' })
    expect((err as Error).message).toMatch(
      /^listeners\[0\].sslConfigs\['ssl.cipher.suites'\]: 'NOPE' is not a cipher suite/
    )
  })
})
