// Replica placement follows Kafka's assignment, rack-unaware and (with broker.rack) rack-aware.
import { describe, expect, it } from 'vitest'
import {
  assignReplicas,
  assignReplicasRackAware,
  placeReplicas,
  rackAlternatedBrokers
} from '../../../src/engine/cluster/replica-assignment'

describe('assignReplicas', () => {
  it("matches Kafka's layout for 5 brokers, 10 partitions, RF 3 (start 0, shift 0)", () => {
    // Expected values from Kafka's AdminUtils.assignReplicasToBrokers documentation.
    const a = assignReplicas([0, 1, 2, 3, 4], 10, 3, 0, 0, 0)
    expect(a.slice(0, 5)).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 0],
      [4, 0, 1]
    ])
    expect(a.slice(5)).toEqual([
      [0, 2, 3],
      [1, 3, 4],
      [2, 4, 0],
      [3, 0, 1],
      [4, 1, 2]
    ])
  })

  it('never places two replicas of a partition on one broker', () => {
    for (let n = 1; n <= 9; n++)
      for (let rf = 1; rf <= n; rf++)
        for (const r of assignReplicas([...Array(n).keys()], 50, rf))
          expect(new Set(r).size).toBe(rf)
  })
})

// Kafka's AdminRackAwareTest: the same broker-to-rack map and the layout it expects.
const RACKS = new Map([
  [0, 'rack1'],
  [1, 'rack3'],
  [2, 'rack3'],
  [3, 'rack2'],
  [4, 'rack2'],
  [5, 'rack1']
])

describe('rack-aware placement (broker.rack)', () => {
  it("alternates the brokers between racks as Kafka's getRackAlternatedBrokerList does", () => {
    expect(rackAlternatedBrokers(RACKS)).toEqual([0, 3, 1, 5, 4, 2])
    const without5 = new Map(RACKS)
    without5.delete(5)
    expect(rackAlternatedBrokers(without5)).toEqual([0, 3, 1, 4, 2])
  })

  it("matches Kafka's rack-aware layout for 6 brokers in 3 racks, 7 partitions, RF 3", () => {
    expect(assignReplicasRackAware(RACKS, 7, 3, 0, 0, 0)).toEqual([
      [0, 3, 1],
      [3, 1, 5],
      [1, 5, 4],
      [5, 4, 2],
      [4, 2, 0],
      [2, 0, 3],
      [0, 4, 2]
    ])
  })

  it('puts each replica in another rack while racks last, on distinct brokers always', () => {
    for (const rf of [1, 2, 3, 4, 5, 6])
      for (const r of assignReplicasRackAware(RACKS, 40, rf)) {
        expect(new Set(r).size).toBe(rf)
        expect(new Set(r.map((b) => RACKS.get(b))).size).toBe(Math.min(rf, 3))
      }
  })

  it('places new topics over racks when every running broker has one, and the brokers without one as one more rack', () => {
    const rackOf = (id: number) => ['a', 'a', 'b', 'b'][id]
    for (const r of placeReplicas([0, 1, 2, 3], () => true, 20, 2, 0, rackOf))
      expect(new Set(r.map(rackOf))).toEqual(new Set(['a', 'b']))
    // Broker 3 without a rack is a rack of its own: brokers 0 and 1, both in a, never share a
    // partition (as Kafka 4's controller places them; before, they were placed as without racks).
    const partly = (id: number) => (id === 3 ? null : rackOf(id))
    for (let i = 0; i < 20; i++)
      for (const r of placeReplicas([0, 1, 2, 3], () => true, 8, 2, 0, partly))
        expect(r.includes(0) && r.includes(1)).toBe(false)
  })
})
