// Kafka's client telemetry rules on the broker's side, at chosen times: subscription ids that
// change only when the client's own subscription does, re-evaluation when resources change, the
// push interval, expiry, connections closing, and the console's bounded store.
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/engine/storage/database'
import { ClientMetricsResources } from '../../../src/engine/telemetry/client-metrics-resources'
import {
  ClientMetricsManager,
  type ClientInstance,
  type TelemetryClient
} from '../../../src/engine/telemetry/client-metrics-manager'
import { ClientTelemetryStore } from '../../../src/engine/telemetry/client-telemetry-store'
import type { DecodedMetrics } from '../../../src/engine/telemetry/otlp-metrics'
import { clientInstance } from '../../support/client-instance'

const ZERO = '00000000-0000-0000-0000-000000000000'
/** A time in ms since the epoch, as the broker's clock gives it. */
const T = 1_700_000_000_000

function setup(store = new ClientTelemetryStore()) {
  const resources = new ClientMetricsResources(openDatabase({ dataDir: ':memory:' }))
  const manager = new ClientMetricsManager(resources, () => 1024, store)
  return { resources, manager, store }
}

const client = (clientId: string, connectionId = `conn-${clientId}`): TelemetryClient => ({
  clientId,
  softwareName: 'logdeck-test',
  softwareVersion: '1.0.0',
  sourceAddress: '127.0.0.1',
  sourcePort: 50000,
  principal: 'User:ANONYMOUS',
  connectionId,
  brokerId: 0
})

describe('ClientMetricsManager', () => {
  it('keeps a subscription id while an unrelated subscription changes, and changes it with its own', () => {
    const { resources, manager } = setup()
    resources.alter({
      name: 'mine',
      set: { metrics: 'org.apache.kafka.producer.', 'interval.ms': '1000', match: 'client_id=a' },
      remove: []
    })
    const first = manager.getSubscriptions(ZERO, client('a'), T + 0)
    expect(first.requestedMetrics).toEqual(['org.apache.kafka.producer.'])
    const id = first.clientInstanceId

    resources.alter({ name: 'theirs', set: { metrics: '*', match: 'client_id=b' }, remove: [] })
    // Re-evaluated at once (no throttle), to the same subscription.
    const same = manager.getSubscriptions(id, client('a'), T + 10)
    expect(same.errorCode).toBe(0)
    expect(same.subscriptionId).toBe(first.subscriptionId)

    resources.alter({ name: 'mine', set: { 'interval.ms': '2000' }, remove: [] })
    const changed = manager.getSubscriptions(id, client('a'), T + 20)
    expect(changed.errorCode).toBe(0)
    expect(changed.pushIntervalMs).toBe(2000)
    expect(changed.subscriptionId).not.toBe(first.subscriptionId)
  })

  it('takes the union of matching subscriptions at their lowest interval; * stands for all', () => {
    const { resources, manager } = setup()
    resources.alter({ name: 's1', set: { metrics: 'b.,a.', 'interval.ms': '5000' }, remove: [] })
    resources.alter({ name: 's2', set: { metrics: 'c.', 'interval.ms': '700' }, remove: [] })
    expect(manager.getSubscriptions(ZERO, client('x'), T + 0)).toMatchObject({
      requestedMetrics: ['a.', 'b.', 'c.'],
      pushIntervalMs: 700
    })
    resources.alter({ name: 's3', set: { metrics: '*', match: 'client_id=y' }, remove: [] })
    expect(manager.getSubscriptions(ZERO, client('y'), T + 0).requestedMetrics).toEqual(['*'])
  })

  it('holds Get and Push to the interval, and forgets instances that expire or disconnect', () => {
    const { resources, manager } = setup()
    resources.alter({ name: 'all', set: { metrics: '*', 'interval.ms': '1000' }, remove: [] })
    const sub = manager.getSubscriptions(ZERO, client('a'), T + 0)
    const push = (now: number, terminating = false) =>
      manager.push(
        {
          clientInstanceId: sub.clientInstanceId,
          subscriptionId: sub.subscriptionId,
          terminating,
          compressionType: 0,
          metrics: Buffer.alloc(0)
        },
        client('a'),
        T + now
      ).code
    expect(manager.getSubscriptions(sub.clientInstanceId, client('a'), T + 999).errorCode).toBe(89)
    expect(push(500)).toBe(0) // right after a Get
    expect(push(1499)).toBe(89)
    expect(push(1500)).toBe(0)
    expect(manager.isLive(sub.clientInstanceId, T + 1500)).toBe(true)
    // Expired after max(60 s, 3 intervals) without a request.
    expect(manager.isLive(sub.clientInstanceId, T + 1500 + 60_001)).toBe(false)
    manager.connectionClosed('conn-a')
    expect(manager.isLive(sub.clientInstanceId, T + 1600)).toBe(false)
  })
})

describe('ClientTelemetryStore', () => {
  const instance = (id: string): ClientInstance => clientInstance(id, client(id))
  const points = (names: string[]): DecodedMetrics => ({
    resource: {},
    points: names.map((name) => ({
      name,
      kind: 'gauge',
      unit: '',
      description: '',
      attributes: {},
      value: 1,
      time: 0
    }))
  })

  it('keeps at most its cap of instances and of points, dropping the least recent', () => {
    const store = new ClientTelemetryStore(2, 3)
    for (const [i, id] of ['a', 'b', 'c'].entries()) store.seen(instance(id), i)
    expect(store.list().map((c) => c.clientInstanceId)).toEqual(['c', 'b'])
    store.pushed(instance('b'), points(['m1', 'm2', 'm3']), 10)
    store.pushed(instance('b'), points(['m4', 'm1']), 11)
    const [b] = store.list().filter((c) => c.clientInstanceId === 'b')
    expect(b!.metrics.map((m) => m.name)).toEqual(['m1', 'm3', 'm4'])
    expect(b!.pushes).toBe(2)
  })
})
