// `logdeck serve --broker-rack` (each broker's broker.rack, Kafka's per-broker server.properties):
// one rack per broker in id order, or ID=RACK for some; `--broker-config broker.rack=` gives
// every broker the same one and replica.selector.class takes Kafka's rack-aware selector; each
// mistake one line naming the flag.
import { describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { serveRefusal } from '../../support/serve-refusal'
import { RACK_AWARE_REPLICA_SELECTOR } from '../../../src/shared/kafka/rack-broker-configs'

describe('serve --broker-rack', () => {
  it('gives no broker a rack unless asked', () => {
    expect(parseServeArgs([]).brokerRacks).toBeUndefined()
  })

  it('takes one rack per broker in id order, or ID=RACK for some brokers', () => {
    expect(
      parseServeArgs(['--broker-rack', 'us-east-1a, us-east-1b,us-east-1c']).brokerRacks
    ).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c'])
    expect(
      parseServeArgs(['--brokers', '4', '--broker-rack', '0=a,3=d', '--broker-rack', '1=b'])
        .brokerRacks
    ).toEqual(['a', 'b', null, 'd'])
  })

  it('takes broker.rack for every broker and the rack-aware selector as broker configs', () => {
    const o = parseServeArgs([
      '--broker-config',
      'broker.rack=dc1',
      '--broker-config',
      `replica.selector.class=${RACK_AWARE_REPLICA_SELECTOR}`
    ])
    expect(o.brokerConfigs).toEqual({
      'broker.rack': 'dc1',
      'replica.selector.class': RACK_AWARE_REPLICA_SELECTOR
    })
  })

  it('refuses racks that do not fit the brokers, naming the flag', () => {
    expect(serveRefusal(['--broker-rack', 'a,b'])).toBe(
      '--broker-rack a,b: 2 racks for 3 brokers; give one rack per broker (RACK0,RACK1,...) once, or ID=RACK for each broker to place'
    )
    expect(serveRefusal(['--broker-rack', '3=d'])).toBe(
      '--broker-rack 3=d: no broker 3 (the brokers are 0, 1, 2)'
    )
    expect(serveRefusal(['--broker-rack', '0=a', '--broker-rack', '0=b'])).toBe(
      '--broker-rack 0=b: broker 0 is given a rack twice'
    )
    expect(serveRefusal(['--broker-rack', '0=a,b'])).toBe(
      "--broker-rack 0=a,b: 'b' is not ID=RACK (e.g. 0=us-east-1a)"
    )
    expect(serveRefusal(['--broker-rack', '0=,1=b'])).toBe(
      "--broker-rack 0=,1=b: '' must be a rack name"
    )
    expect(serveRefusal(['--broker-config', 'replica.selector.class=com.example.Selector'])).toBe(
      `--broker-config replica.selector.class: 'com.example.Selector' must be one of ${RACK_AWARE_REPLICA_SELECTOR}`
    )
  })
})
