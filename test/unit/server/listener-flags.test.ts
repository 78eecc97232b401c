// `logdeck serve --listener NAME=PROTOCOL:PORT`: listeners beside the first, each mistake one
// line naming the flag.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { UsageError } from '../../../src/server/cli-errors'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { checkBrokerConfig } from '../../../src/shared/kafka/broker-configs'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-cli-listeners-'))
const certs = writeDevCertificates(dir)
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const tls = ['--tls-cert', certs.cert, '--tls-key', certs.key]

describe('serve --listener', () => {
  it('has none beside the first unless asked', () => {
    expect(parseServeArgs([]).listeners).toEqual([])
  })

  it('reads listeners in order, names upper case, protocols as Kafka names them', () => {
    const o = parseServeArgs([
      '--port',
      '9092',
      '--listener',
      'SSL=ssl:9192',
      '--listener',
      'external=SASL_SSL:9292',
      '--listener',
      'Internal_2=plaintext:0',
      '--user',
      'alice:pw',
      ...tls
    ])
    expect(o.listeners).toEqual([
      { name: 'SSL', securityProtocol: 'SSL', port: 9192 },
      { name: 'EXTERNAL', securityProtocol: 'SASL_SSL', port: 9292 },
      { name: 'INTERNAL_2', securityProtocol: 'PLAINTEXT', port: 0 }
    ])
    // The first listener stays as --security and --port describe it.
    expect(o.security.protocol).toBe('PLAINTEXT')
    expect(o.port).toBe(9092)
    // A SASL listener takes the users, a TLS one the certificate.
    expect(o.security.users).toEqual([{ name: 'alice', password: 'pw' }])
    expect(o.security.tls?.cert).toContain('BEGIN CERTIFICATE')
  })

  it("makes the listeners' own configs known, for --broker-config", () => {
    const o = parseServeArgs([
      '--listener',
      'EXTERNAL=plaintext:9292',
      '--broker-config',
      'listener.name.external.max.connections=5'
    ])
    expect(o.brokerConfigs).toEqual({ 'listener.name.external.max.connections': '5' })
    expect(checkBrokerConfig('listener.name.external.max.connections', '0').ok).toBe(false)
  })

  it('lets listeners sit beside each other: 3 brokers on 9092-9094 and 9095-9097', () => {
    const o = parseServeArgs(['--port', '9092', '--listener', 'B=plaintext:9095'])
    expect(o.listeners).toEqual([{ name: 'B', securityProtocol: 'PLAINTEXT', port: 9095 }])
  })

  it.each([
    [['--listener', 'SSL'], "--listener takes NAME=PROTOCOL:PORT (e.g. SSL=ssl:9192), got 'SSL'"],
    [
      ['--listener', 'SSL=ssl'],
      "--listener takes NAME=PROTOCOL:PORT (e.g. SSL=ssl:9192), got 'SSL=ssl'"
    ],
    [
      ['--listener', '9x=plaintext:9192'],
      "--listener 9x=plaintext:9192: the name must be letters, digits and _, starting with a letter, got '9x'"
    ],
    [
      ['--listener', 'PLAINTEXT=plaintext:9192'],
      '--listener PLAINTEXT=plaintext:9192: the listener name PLAINTEXT is taken by --security plaintext'
    ],
    [
      ['--listener', 'A=plaintext:9192', '--listener', 'a=plaintext:9292'],
      '--listener a=plaintext:9292: the listener name A is taken by --listener A=plaintext:9192'
    ],
    [
      ['--listener', 'A=kerberos:9192'],
      "--listener A=kerberos:9192: PROTOCOL must be one of plaintext, sasl_plaintext, ssl, sasl_ssl, got 'kerberos'"
    ],
    [
      ['--listener', 'A=plaintext:http'],
      "--listener A=plaintext:http: PORT must be a whole number from 0 to 65535, got 'http'"
    ],
    [
      ['--listener', 'A=plaintext:70000'],
      "--listener A=plaintext:70000: PORT must be a whole number from 0 to 65535, got '70000'"
    ],
    [
      ['--listener', 'A=plaintext:65534'],
      '--listener A=plaintext:65534: port 65534 leaves no room for 3 brokers (PORT+2 must be at most 65535)'
    ],
    [
      ['--port', '9092', '--listener', 'A=plaintext:9094'],
      "--listener A=plaintext:9094: its brokers' ports 9094-9096 clash with --port (ports 9092-9094)"
    ],
    [
      ['--listener', 'A=plaintext:9192', '--listener', 'B=plaintext:9190'],
      "--listener B=plaintext:9190: its brokers' ports 9190-9192 clash with --listener A=plaintext:9192 (ports 9192-9194)"
    ],
    [
      ['--ui-port', '9081', '--listener', 'A=plaintext:9080'],
      "--listener A=plaintext:9080: its brokers' ports 9080-9082 clash with --ui-port 9081"
    ],
    [
      ['--listener', 'SSL=ssl:9192'],
      '--listener SSL=ssl:9192 needs --tls-cert and --tls-key (logdeck certs writes a development pair), or --ssl.keystore.location'
    ],
    [
      ['--listener', 'A=sasl_ssl:9192', '--tls-cert', certs.cert],
      '--listener A=sasl_ssl:9192 needs --tls-cert and --tls-key'
    ],
    [
      ['--listener', 'A=sasl_plaintext:9192', ...tls],
      '--tls-cert, --tls-key need --security ssl or sasl_ssl, or a TLS --listener (got plaintext)'
    ],
    [
      ['--listener', 'A=ssl:9192', '--user', 'a:b', ...tls],
      '--user needs --security sasl_plaintext or sasl_ssl, or a SASL --listener (got plaintext)'
    ]
  ])('rejects %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(UsageError)
    expect(() => parseServeArgs(argv)).toThrow(message)
  })

  it('takes SASL flags for a SASL listener and the mapping rules for an SSL one', () => {
    const o = parseServeArgs([
      '--listener',
      'A=sasl_plaintext:9192',
      '--listener',
      'B=ssl:9292',
      '--sasl.enabled.mechanisms',
      'SCRAM-SHA-512',
      '--ssl.principal.mapping.rules',
      'DEFAULT',
      '--tls-ca',
      certs.ca,
      ...tls
    ])
    expect(o.security.saslMechanisms).toEqual(['SCRAM-SHA-512'])
    expect(o.security.sslPrincipalMappingRules).toBe('DEFAULT')
  })
})
