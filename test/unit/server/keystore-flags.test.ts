// Kafka's ssl.keystore.*, ssl.truststore.* and ssl.client.auth for `logdeck serve`, for every
// listener (--ssl.*) and per listener (listener.name.<name>.ssl.*), with keystores made by
// keytool: read into the listeners' certificate, key and CA; a missing file, a wrong password or
// type is one line naming the config, and never repeats a password.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createPrivateKey } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { makeKeytoolStores, type KeytoolStores } from '../../support/keytool-stores'
import { serveRefusal } from '../../support/serve-refusal'

let dir: string
let s: KeytoolStores
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-keystore-flags-'))
  s = makeKeytoolStores(dir)
}, 120_000) // keytool starts a JVM for each step
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const keystore = (file: string, password: string, type?: string) => [
  '--security',
  'ssl',
  ...(type ? ['--ssl.keystore.type', type] : []),
  '--ssl.keystore.location',
  file,
  '--ssl.keystore.password',
  password
]

describe('serve --ssl.keystore.* and --ssl.truststore.*', () => {
  it('reads a PKCS12 and a JKS keystore into the same certificate chain and key', () => {
    const p12 = parseServeArgs(keystore(s.brokerP12, s.password, 'PKCS12')).security.tls!
    const jks = parseServeArgs(keystore(s.brokerJks, s.password)).security.tls!
    expect(String(p12.cert).match(/BEGIN CERTIFICATE/g)).toHaveLength(2)
    expect(String(jks.cert).replace(/\s/g, '')).toBe(String(p12.cert).replace(/\s/g, ''))
    const der = (k: string | Buffer) => createPrivateKey(k).export({ type: 'pkcs8', format: 'der' })
    expect(der(jks.key)).toEqual(der(p12.key))
  })

  it('reads truststores as the CA; without --ssl.client.auth none is asked for, as in Kafka', () => {
    const ca = readFileSync(s.caPem, 'utf8').replace(/\s/g, '')
    for (const [file, type] of [
      [s.truststoreJks, 'JKS'],
      [s.truststoreP12, 'PKCS12'],
      [s.caPem, 'PEM']
    ]) {
      const o = parseServeArgs([
        ...keystore(s.brokerP12, s.password),
        '--ssl.truststore.type',
        type,
        '--ssl.truststore.location',
        file,
        ...(type === 'PEM' ? [] : ['--ssl.truststore.password', s.password])
      ]).security
      expect(String(o.tls!.ca).replace(/\s/g, '')).toBe(ca)
      expect(o.listeners?.SSL?.clientAuth).toBe('none')
    }
    const required = parseServeArgs([
      ...keystore(s.brokerP12, s.password),
      '--ssl.truststore.location',
      s.truststoreJks,
      '--ssl.truststore.password',
      s.password,
      '--ssl.client.auth',
      'required'
    ]).security
    expect(required.listeners?.SSL?.clientAuth).toBe('required')
  })

  it('refuses a wrong password, naming the config and not the password', () => {
    for (const file of [s.brokerP12, s.brokerJks]) {
      const msg = serveRefusal(keystore(file, 'not-it'))
      expect(msg).toContain(
        `--ssl.keystore.password is not the password of --ssl.keystore.location ${file}`
      )
      expect(msg).not.toContain('not-it')
    }
    expect(
      serveRefusal([
        ...keystore(s.brokerP12, s.password),
        '--ssl.truststore.location',
        s.truststoreJks,
        '--ssl.truststore.password',
        'nope'
      ])
    ).toContain('--ssl.truststore.password is not the password of --ssl.truststore.location')
  })

  it('refuses a missing file, a wrong type and a missing password', () => {
    expect(serveRefusal(keystore(join(dir, 'none.p12'), s.password))).toBe(
      `--ssl.keystore.location ${join(dir, 'none.p12')} does not exist`
    )
    expect(serveRefusal(keystore(s.brokerJks, s.password, 'PKCS12'))).toBe(
      `--ssl.keystore.location ${s.brokerJks} is a JKS file, not PKCS12: set --ssl.keystore.type to JKS`
    )
    expect(serveRefusal(keystore(s.brokerP12, s.password, 'PEM'))).toContain(
      'is a PKCS12 file, not PEM'
    )
    expect(serveRefusal(keystore(s.brokerP12, s.password, 'BCFKS'))).toBe(
      "--ssl.keystore.type must be one of JKS, PKCS12, PEM, got 'BCFKS'"
    )
    expect(serveRefusal(['--security', 'ssl', '--ssl.keystore.location', s.brokerP12])).toBe(
      `--ssl.keystore.location ${s.brokerP12} needs --ssl.keystore.password`
    )
    expect(serveRefusal(keystore(s.truststoreP12, s.password))).toContain(
      'has no private key entry'
    )
  })

  it('refuses settings that do not fit together', () => {
    expect(serveRefusal(['--ssl.keystore.location', s.brokerP12])).toContain(
      '--ssl.keystore.location needs --security ssl or sasl_ssl'
    )
    const cert = join(dir, 'broker.crt')
    expect(serveRefusal([...keystore(s.brokerP12, s.password), '--tls-cert', cert])).toBe(
      "--ssl.keystore.* and --tls-cert both give the brokers' certificate: give one"
    )
    expect(
      serveRefusal([...keystore(s.brokerP12, s.password), '--ssl.client.auth', 'required'])
    ).toContain('--ssl.client.auth required: SSL has no CA of client certificates')
    expect(serveRefusal([...keystore(s.brokerP12, s.password), '--ssl.client.auth', 'maybe'])).toBe(
      "--ssl.client.auth must be one of required, requested, none, got 'maybe'"
    )
    expect(serveRefusal(['--security', 'ssl', '--ssl.keystore.password', 'x'])).toBe(
      '--ssl.keystore.password needs --ssl.keystore.location'
    )
    // Read at start, as in Kafka: its own flag, not a broker config changed at run time.
    expect(serveRefusal(['--broker-config', `ssl.keystore.location=${s.brokerP12}`])).toBe(
      '--broker-config ssl.keystore.location: a setting read at start, given as its own flag: --ssl.keystore.location VALUE'
    )
  })

  it('reads an encrypted PEM key with ssl.key.password, and refuses a wrong one', () => {
    const p12 = parseServeArgs(keystore(s.brokerP12, s.password)).security.tls!
    const encrypted = createPrivateKey(p12.key).export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'key-secret'
    })
    const pem = join(dir, 'broker-keystore.pem')
    writeFileSync(pem, `${encrypted}${String(p12.cert)}`)
    const args = (password: string) => [
      '--security',
      'ssl',
      '--ssl.keystore.type',
      'PEM',
      '--ssl.keystore.location',
      pem,
      '--ssl.key.password',
      password
    ]
    expect(String(parseServeArgs(args('key-secret')).security.tls!.key)).toContain(
      'BEGIN PRIVATE KEY'
    )
    expect(serveRefusal(args('wrong'))).toBe(
      `--ssl.key.password does not decrypt the private key of --ssl.keystore.location ${pem}`
    )
  })
})

describe('serve --listener-config NAME.ssl.keystore.* (listener.name.<name>.ssl.*)', () => {
  const listeners = ['--listener', 'INTERNAL=ssl:9192', '--listener', 'PLAIN2=plaintext:9292']

  it('gives a listener its own keystore and truststore, and needs no shared certificate', () => {
    const o = parseServeArgs([
      ...listeners,
      '--listener-config',
      `listener.name.internal.ssl.keystore.location=${s.brokerJks}`,
      '--listener-config',
      `listener.name.internal.ssl.keystore.password=${s.password}`,
      '--listener-config',
      `INTERNAL.ssl.truststore.location=${s.truststoreP12}`,
      '--listener-config',
      `INTERNAL.ssl.truststore.password=${s.password}`
    ]).security
    expect(String(o.listeners!.INTERNAL.tls!.cert)).toContain('BEGIN CERTIFICATE')
    expect(String(o.listeners!.INTERNAL.tls!.ca)).toContain('BEGIN CERTIFICATE')
    expect(o.listeners!.INTERNAL.clientAuth).toBe('none')
  })

  it('refuses a wrong password naming the listener config, a non-TLS listener, and a mix', () => {
    const msg = serveRefusal([
      ...listeners,
      '--listener-config',
      `INTERNAL.ssl.keystore.location=${s.brokerP12}`,
      '--listener-config',
      'INTERNAL.ssl.keystore.password=wrong-one'
    ])
    expect(msg).toContain(
      `--listener-config INTERNAL.ssl.keystore.password is not the password of --listener-config INTERNAL.ssl.keystore.location ${s.brokerP12}`
    )
    expect(msg).not.toContain('wrong-one')
    expect(
      serveRefusal([
        ...listeners,
        '--listener-config',
        `PLAIN2.ssl.keystore.location=${s.brokerP12}`
      ])
    ).toContain('listener PLAIN2 is PLAINTEXT, which does not speak TLS')
    expect(
      serveRefusal([
        ...listeners,
        '--listener-config',
        `INTERNAL.tls-ca=${s.caPem}`,
        '--listener-config',
        `INTERNAL.ssl.truststore.location=${s.truststoreP12}`,
        '--listener-config',
        `INTERNAL.ssl.truststore.password=${s.password}`,
        '--listener-config',
        `INTERNAL.ssl.keystore.location=${s.brokerP12}`,
        '--listener-config',
        `INTERNAL.ssl.keystore.password=${s.password}`
      ])
    ).toBe(
      `--listener-config INTERNAL.tls-ca=${s.caPem} and --listener-config INTERNAL.ssl.truststore.location both give INTERNAL's tls-ca: give one`
    )
  })
})
