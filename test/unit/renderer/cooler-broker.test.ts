// The "move to a cooler broker" plan: the broker taking the fewest writes gets the hot
// partition's leadership when it holds an in-sync replica, a replica otherwise, and nothing is
// proposed when no broker is cooler than the leader's.
import { describe, expect, it } from 'vitest'
import type { BrokerInfo, PartitionInfo } from '../../../src/shared/model'
import { coolerBrokerPlan } from '../../../src/renderer/src/lib/cooler-broker'

const broker = (id: number, bytesInPerSec: number, status: 'online' | 'stopped' = 'online') =>
  ({ id, status, bytesInPerSec }) as BrokerInfo
const part = (over: Partial<PartitionInfo>): PartitionInfo =>
  ({
    partition: 3,
    leader: 0,
    replicas: [0, 1],
    isr: [0, 1],
    bytesPerSec: 500,
    ...over
  }) as PartitionInfo

describe('cooler broker plan', () => {
  it('moves a replica to the coolest broker that holds none', () => {
    const plan = coolerBrokerPlan(part({}), [broker(0, 900), broker(1, 400), broker(2, 100)])
    expect(plan).toMatchObject({ from: 0, to: 2, moves: 'replica', partitionBytesPerSec: 500 })
    expect(plan?.loads).toEqual([
      { broker: 0, now: 900, expected: 400 },
      { broker: 1, now: 400, expected: 400 },
      { broker: 2, now: 100, expected: 600 }
    ])
  })

  it('moves only the leadership when the coolest broker holds an in-sync replica', () => {
    const plan = coolerBrokerPlan(part({}), [broker(0, 900), broker(1, 50), broker(2, 100)])
    expect(plan).toMatchObject({ to: 1, moves: 'leader' })
    // Out of sync, it cannot lead: the next coolest broker gets a replica.
    expect(
      coolerBrokerPlan(part({ isr: [0] }), [broker(0, 900), broker(1, 50), broker(2, 100)])
    ).toMatchObject({ to: 2, moves: 'replica' })
  })

  it('proposes nothing when no running broker is cooler', () => {
    expect(coolerBrokerPlan(part({}), [broker(0, 100), broker(1, 400), broker(2, 300)])).toBe(null)
    expect(
      coolerBrokerPlan(part({}), [broker(0, 900), broker(1, 400), broker(2, 0, 'stopped')])
    ).toMatchObject({ to: 1 })
    expect(coolerBrokerPlan(part({ leader: -1 }), [broker(0, 9), broker(1, 0)])).toBe(null)
  })
})
