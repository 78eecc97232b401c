// `logdeck serve --advertised-listener NAME=HOST:PORT` (Kafka's advertised.listeners): which
// listener, host and port of broker 0 clients are told; each mistake one line naming the flag,
// Kafka's refusals (an unknown listener, the nonroutable 0.0.0.0) included.
import { describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { serveRefusal } from '../../support/serve-refusal'
import { serveHelp } from '../../../src/server/cli-flags'

const refusal = serveRefusal

describe('serve --advertised-listener', () => {
  it('advertises no listener elsewhere unless asked', () => {
    expect(parseServeArgs([]).advertisedListeners).toEqual([])
  })

  it('names the first listener by its protocol and the others by name, in any case', () => {
    const o = parseServeArgs([
      '--listener',
      'EXTERNAL=plaintext:9192',
      '--advertised-listener',
      'plaintext=localhost:19092',
      '--advertised-listener',
      'External=[2001:db8::1]:29092'
    ])
    expect(o.advertisedListeners).toEqual([
      { name: 'PLAINTEXT', host: 'localhost', port: 19092 },
      { name: 'EXTERNAL', host: '2001:db8::1', port: 29092 }
    ])
    expect(
      parseServeArgs([
        '--security',
        'sasl_plaintext',
        '--advertised-listener',
        'SASL_PLAINTEXT=kafka.internal:9092'
      ]).advertisedListeners
    ).toEqual([{ name: 'SASL_PLAINTEXT', host: 'kafka.internal', port: 9092 }])
  })

  it('refuses a listener that does not exist, as Kafka does', () => {
    expect(refusal(['--advertised-listener', 'EXTERNAL=localhost:19092'])).toBe(
      '--advertised-listener EXTERNAL=localhost:19092: no listener is named EXTERNAL (the listeners are PLAINTEXT)'
    )
    expect(refusal(['--listener', 'SSL=plaintext:9192', '--advertised-listener', 'SASL=h:1'])).toBe(
      '--advertised-listener SASL=h:1: no listener is named SASL (the listeners are PLAINTEXT, SSL)'
    )
  })

  it('refuses the nonroutable meta-addresses 0.0.0.0 and ::, as Kafka refuses 0.0.0.0', () => {
    expect(refusal(['--advertised-listener', 'PLAINTEXT=0.0.0.0:19092'])).toBe(
      '--advertised-listener PLAINTEXT=0.0.0.0:19092: cannot use the nonroutable meta-address 0.0.0.0; use a routable address clients can connect to'
    )
    expect(refusal(['--advertised-listener', 'PLAINTEXT=[::]:19092'])).toMatch(
      /meta-address ::; use a routable address/
    )
  })

  it('refuses a listener advertised twice, a bad form, host or port, and ports past 65535', () => {
    expect(
      refusal([
        '--advertised-listener',
        'PLAINTEXT=a:19092',
        '--advertised-listener',
        'plaintext=b:29092'
      ])
    ).toBe(
      '--advertised-listener plaintext=b:29092: listener PLAINTEXT is already advertised by --advertised-listener PLAINTEXT=a:19092'
    )
    expect(refusal(['--advertised-listener', 'PLAINTEXT:19092'])).toMatch(
      /^--advertised-listener takes NAME=HOST:PORT \(e\.g\. PLAINTEXT=localhost:19092\), got 'PLAINTEXT:19092'$/
    )
    expect(refusal(['--advertised-listener', 'PLAINTEXT=:19092'])).toMatch(
      /HOST must be a host name or address, got ''/
    )
    expect(refusal(['--advertised-listener', 'PLAINTEXT=localhost:0'])).toMatch(
      /PORT must be a whole number from 1 to 65535, got '0'/
    )
    expect(refusal(['--advertised-listener', 'PLAINTEXT=localhost:65535'])).toMatch(
      /port 65535 leaves no room for 3 brokers \(PORT\+2 must be at most 65535\)/
    )
  })

  it('says in --help that broker i is advertised on PORT+i', () => {
    expect(serveHelp()).toMatch(/--advertised-listener NAME=HOST:PORT\s+.*broker i on PORT\+i/)
  })
})
