// `logdeck serve --advertised-listener NAME=HOST:PORT` (Kafka's advertised.listeners): which
// listener, host and port of broker 0 clients are told (or of each broker, one address a broker);
// each mistake one line naming the flag,
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
      /^--advertised-listener takes NAME=HOST:PORT or .* \(e\.g\. PLAINTEXT=localhost:19092\), got 'PLAINTEXT:19092'$/
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

  it('takes one address per broker, as each Kafka broker has its own advertised.listeners', () => {
    const o = parseServeArgs([
      '--brokers',
      '3',
      '--advertised-listener',
      'PLAINTEXT=b0.example:9092,[2001:db8::1]:9092, b2.example:19000'
    ])
    expect(o.advertisedListeners).toEqual([
      {
        name: 'PLAINTEXT',
        host: 'b0.example',
        port: 9092,
        brokers: [
          { host: 'b0.example', port: 9092 },
          { host: '2001:db8::1', port: 9092 },
          { host: 'b2.example', port: 19000 }
        ]
      }
    ])
    // One address is broker 0's, the others on PORT+i, as before (65535 fits one broker).
    expect(
      parseServeArgs(['--brokers', '1', '--advertised-listener', 'PLAINTEXT=h:65535'])
        .advertisedListeners
    ).toEqual([{ name: 'PLAINTEXT', host: 'h', port: 65535 }])
  })

  it('refuses per-broker addresses of the wrong count, twice the same, or a bad one', () => {
    expect(refusal(['--advertised-listener', 'PLAINTEXT=a:1,b:2'])).toBe(
      '--advertised-listener PLAINTEXT=a:1,b:2: 2 addresses for 3 brokers; give one (broker i on PORT+i) or one per broker'
    )
    expect(refusal(['--brokers', '1', '--advertised-listener', 'PLAINTEXT=a:1,b:2'])).toMatch(
      /2 addresses for 1 broker; give one/
    )
    expect(refusal(['--advertised-listener', 'PLAINTEXT=a:1,b:2,a:1'])).toBe(
      '--advertised-listener PLAINTEXT=a:1,b:2,a:1: brokers 0 and 2 are both advertised on a:1; each broker needs its own address'
    )
    expect(refusal(['--advertised-listener', 'PLAINTEXT=a:1,0.0.0.0:2,c:3'])).toMatch(
      /cannot use the nonroutable meta-address 0\.0\.0\.0/
    )
    expect(refusal(['--advertised-listener', 'PLAINTEXT=a:1,b,c:3'])).toMatch(
      /^--advertised-listener takes NAME=HOST:PORT or NAME=HOST0:PORT0,HOST1:PORT1,\.\.\. one a broker/
    )
    expect(refusal(['--advertised-listener', 'PLAINTEXT=a:1,b:0,c:3'])).toMatch(
      /PORT must be a whole number from 1 to 65535, got '0'/
    )
  })

  it('says in --help that the i-th broker is advertised on PORT+i', () => {
    expect(serveHelp()).toMatch(
      /--advertised-listener NAME=HOST:PORT\s+.*the i-th broker on PORT\+i/
    )
  })
})
