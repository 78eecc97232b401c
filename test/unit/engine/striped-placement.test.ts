// Replica placement follows Kafka 4's striped replica placer, racks or none:
// the layouts of Kafka's own StripedReplicaPlacerTest (with its MockRandom's number sequence),
// and properties over any brokers, racks and stopped brokers.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { MAX_BROKERS } from '../../../src/shared/kafka/cluster-size'
import {
  placeStriped,
  type PlacementBroker,
  type RandomInt
} from '../../../src/engine/cluster/striped-placement'
import { placeReplicas } from '../../../src/engine/cluster/replica-assignment'

/**
 * The numbers Kafka's tests draw: its MockRandom (a 64-bit linear congruential generator from
 * 17) behind java.util.Random's nextInt(bound).
 */
function kafkaMockRandom(): RandomInt {
  let state = 17n
  const next31 = () => {
    state = BigInt.asUintN(64, state * 2862933555777941757n + 3037000493n)
    return Number(state >> 33n)
  }
  return (bound) => {
    let r = next31()
    const m = bound - 1
    if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n)
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = next31());
    return r
  }
}

const broker = (id: number, rack: string | null, fenced = false): PlacementBroker => ({
  id,
  rack,
  running: !fenced
})

describe("Kafka's striped placer layouts", () => {
  it('prefers running brokers and uses a stopped one only when it must', () => {
    const brokers = [
      broker(3, null),
      broker(1, null, true),
      broker(0, null),
      broker(4, null),
      broker(2, null)
    ]
    expect(placeStriped(brokers, 5, 4, [], kafkaMockRandom())).toEqual([
      [3, 4, 0, 2],
      [4, 0, 2, 3],
      [0, 2, 3, 4],
      [2, 3, 4, 0],
      [0, 4, 3, 2]
    ])
    const three = [broker(3, null), broker(1, null, true), broker(2, null)]
    expect(placeStriped(three, 4, 3, [], kafkaMockRandom())).toEqual([
      [3, 2, 1],
      [2, 3, 1],
      [3, 2, 1],
      [2, 3, 1]
    ])
  })

  it('stripes over racks, leaders on running brokers only', () => {
    const racks = [
      broker(11, '1'),
      broker(10, '1'),
      broker(30, '3'),
      broker(31, '3'),
      broker(21, '2'),
      broker(20, '2', true)
    ]
    expect(placeStriped(racks, 3, 4, [], kafkaMockRandom())).toEqual([
      [11, 21, 31, 10],
      [21, 30, 10, 20],
      [31, 11, 21, 30]
    ])
    const mostlyStopped = [
      broker(11, '1'),
      broker(10, '1'),
      broker(30, '3', true),
      broker(31, '3', true),
      broker(20, '2', true),
      broker(21, '2', true),
      broker(41, '4'),
      broker(40, '4', true)
    ]
    expect(placeStriped(mostlyStopped, 3, 4, [], kafkaMockRandom())).toEqual([
      [41, 11, 21, 30],
      [10, 20, 31, 41],
      [41, 21, 30, 11]
    ])
  })

  it('carries new partitions on from where the existing ones left off', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => broker(i, null))
    const first = placeStriped(twelve, 2, 3, [], kafkaMockRandom())
    expect(first).toEqual([
      [7, 8, 9],
      [8, 9, 10]
    ])
    const second = placeStriped(twelve, 2, 3, first, kafkaMockRandom())
    expect(second).toEqual([
      [9, 10, 11],
      [10, 11, 0]
    ])
    expect(placeStriped(twelve, 4, 3, [...first, ...second], kafkaMockRandom())).toEqual([
      [11, 0, 1],
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4]
    ])
    const racked = Array.from({ length: 12 }, (_, i) => broker(i, String(1 + Math.floor(i / 4))))
    const before = placeStriped(racked, 2, 3, [], kafkaMockRandom())
    expect(before).toEqual([
      [6, 8, 2],
      [9, 3, 7]
    ])
    expect(placeStriped(racked, 2, 3, before, kafkaMockRandom())).toEqual([
      [0, 4, 10],
      [5, 11, 1]
    ])
  })

  it('spreads 200 partitions of 2 replicas over 4 brokers as Kafka does', () => {
    const brokers = [broker(0, null), broker(3, null), broker(2, null), broker(1, null)]
    expect(placeStriped(brokers, 5, 3, [], kafkaMockRandom())).toEqual([
      [2, 3, 0],
      [3, 0, 1],
      [0, 1, 2],
      [1, 2, 3],
      [1, 0, 2]
    ])
    const counts = new Map<string, number>()
    for (const r of placeStriped(brokers, 200, 2, [], kafkaMockRandom()))
      counts.set(r.join(','), (counts.get(r.join(',')) ?? 0) + 1)
    expect(Object.fromEntries([...counts].sort())).toEqual({
      '0,1': 14,
      '0,2': 22,
      '0,3': 14,
      '1,0': 17,
      '1,2': 17,
      '1,3': 16,
      '2,0': 13,
      '2,1': 17,
      '2,3': 20,
      '3,0': 20,
      '3,1': 19,
      '3,2': 11
    })
  })
})

/** Brokers 0..n-1, some in racks and some not, at least one running. */
const partlyRacked = fc
  .array(fc.record({ rack: fc.constantFrom(null, 'a', 'b', 'c', 'd'), running: fc.boolean() }), {
    minLength: 2,
    maxLength: 12
  })
  .map((bs) => bs.map((b, id) => ({ id, ...b })))
  .filter(
    (bs) =>
      bs.some((b) => b.rack === null) &&
      bs.some((b) => b.rack !== null) &&
      bs.some((b) => b.running)
  )

const rackKey = (b: PlacementBroker) => b.rack ?? '(none)'

describe('placement with only some brokers in a rack', () => {
  it('places distinct brokers, a running leader, and no two replicas in one rack while racks last', () => {
    fc.assert(
      fc.property(
        partlyRacked,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 60 }),
        (brokers, rf0, partitions) => {
          const rf = Math.min(rf0, brokers.length)
          const byId = new Map(brokers.map((b) => [b.id, b]))
          const rackCount = new Set(brokers.map(rackKey)).size
          for (const replicas of placeStriped(brokers, partitions, rf)) {
            expect(replicas).toHaveLength(rf)
            expect(new Set(replicas).size).toBe(rf)
            expect(byId.get(replicas[0])!.running).toBe(true)
            if (rackCount >= rf)
              expect(new Set(replicas.map((id) => rackKey(byId.get(id)!))).size).toBe(rf)
          }
        }
      )
    )
  })

  it('spreads leaders evenly over the racks, the brokers without one counting as one rack', () => {
    fc.assert(
      fc.property(partlyRacked, fc.integer({ min: 1, max: 4 }), (given, rf0) => {
        const brokers = given.map((b) => ({ ...b, running: true }))
        const rf = Math.min(rf0, brokers.length)
        const byId = new Map(brokers.map((b) => [b.id, b]))
        const racks = [...new Set(brokers.map(rackKey))]
        // One partition per broker: until then the stripes keep their order.
        const placed = placeStriped(brokers, brokers.length, rf)
        const leads = racks.map(
          (rack) => placed.filter((r) => rackKey(byId.get(r[0])!) === rack).length
        )
        expect(Math.max(...leads) - Math.min(...leads)).toBeLessThanOrEqual(1)
        // A rack of one broker leads as often as a rack of many.
        expect(Math.min(...leads)).toBe(Math.floor(brokers.length / racks.length))
      })
    )
  })

  it('is how placeReplicas places new topics and partitions, some brokers racked, all or none', () => {
    const rackOf = (id: number) => ['a', 'a', 'b', 'b', null, null][id]
    const ids = [0, 1, 2, 3, 4, 5]
    for (let i = 0; i < 20; i++)
      for (const r of placeReplicas(ids, () => true, 12, 3, rackOf))
        expect(new Set(r.map((id) => rackOf(id) ?? '-')).size).toBe(3)
    // Broker 5 stopped: it never leads, and the brokers without a rack are still one rack.
    const existing = placeReplicas(ids, (id) => id !== 5, 6, 2, rackOf)
    const more = placeReplicas(ids, (id) => id !== 5, 30, 2, rackOf, existing)
    for (const r of [...existing, ...more]) {
      expect(r[0]).not.toBe(5)
      expect(new Set(r.map((id) => rackOf(id) ?? '-')).size).toBe(2)
    }
    // Every broker in a rack: each partition of replication factor 3 has a replica in each of
    // the 3 racks, however few brokers a rack has.
    const everyRacked = (id: number) => ['a', 'a', 'a', 'b', 'c', 'c'][id]
    for (let i = 0; i < 20; i++)
      for (const r of placeReplicas(ids, () => true, 12, 3, everyRacked))
        expect(new Set(r.map(everyRacked))).toEqual(new Set(['a', 'b', 'c']))
  })

  it('places partitions over unracked brokers as one rack: leaders in turn, replicas distinct', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 6 }),
        (n, rf0, first, more, stoppedCount) => {
          const ids = Array.from({ length: n }, (_, i) => i * 2)
          const rf = Math.min(rf0, n)
          const stopped = new Set(ids.slice(0, Math.min(stoppedCount, n - 1)))
          const running = (id: number) => !stopped.has(id)
          const existing = placeReplicas(ids, running, first, rf)
          const added = placeReplicas(ids, running, more, rf, undefined, existing)
          for (const r of [...existing, ...added]) {
            expect(r).toHaveLength(rf)
            expect(new Set(r).size).toBe(rf)
            expect(running(r[0])).toBe(true)
            // Stopped brokers hold only the replicas the running ones cannot.
            const onStopped = r.filter((id) => stopped.has(id)).length
            expect(onStopped).toBe(Math.max(0, rf - (n - stopped.size)))
          }
          // Each round of as many partitions as running brokers has each of them lead once.
          const runningCount = n - stopped.size
          const leaders = existing.slice(0, runningCount).map((r) => r[0])
          if (existing.length >= runningCount) expect(new Set(leaders).size).toBe(runningCount)
        }
      )
    )
  })
})

/** A seeded RandomInt, so that two placements draw the same numbers. */
function seeded(seed: number): RandomInt {
  let state = seed >>> 0
  return (bound) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state % bound
  }
}

/** 1 to 32 (MAX_BROKERS) distinct broker ids anywhere in Kafka's int32 range, in any order. */
const anyIds = fc.uniqueArray(fc.integer({ min: 0, max: 2_147_483_647 }), {
  minLength: 1,
  maxLength: MAX_BROKERS
})

describe('placement over any broker ids (node.id 1, 2, 3 or 1001, 17, 4)', () => {
  it('depends only on the order of the ids: as over 0..n-1 with each id in its place', () => {
    fc.assert(
      fc.property(
        anyIds,
        fc.array(fc.record({ rack: fc.constantFrom(null, 'a', 'b'), running: fc.boolean() }), {
          minLength: MAX_BROKERS,
          maxLength: MAX_BROKERS
        }),
        fc.integer({ min: 1, max: MAX_BROKERS }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer(),
        (ids, traits, rf0, partitions, before, seed) => {
          fc.pre(traits.slice(0, ids.length).some((t) => t.running))
          const rf = Math.min(rf0, ids.length)
          // Kafka sorts each rack's brokers by id (BrokerList.initialize): rank k is the k-th id.
          const sorted = [...ids].sort((a, b) => a - b)
          const rank = new Map(sorted.map((id, k) => [id, k]))
          const real = ids.map((id, i) => ({ id, ...traits[i] }))
          // The same brokers as 0..n-1, given in id order (the real ones in any order).
          const plain = sorted.map((id, k) => ({ id: k, ...traits[ids.indexOf(id)] }))
          const existing = placeStriped(real, before, rf, [], seeded(seed))
          const placed = placeStriped(real, partitions, rf, existing, seeded(seed + 1))
          const existingPlain = existing.map((r) => r.map((id) => rank.get(id)!))
          expect(existingPlain).toEqual(placeStriped(plain, before, rf, [], seeded(seed)))
          expect(placed.map((r) => r.map((id) => rank.get(id)!))).toEqual(
            placeStriped(plain, partitions, rf, existingPlain, seeded(seed + 1))
          )
          const running = new Set(real.filter((b) => b.running).map((b) => b.id))
          for (const r of placed) {
            expect(new Set(r).size).toBe(rf)
            for (const id of r) expect(rank.has(id)).toBe(true)
            expect(running.has(r[0])).toBe(true)
          }
        }
      )
    )
  })

  it("places Kafka's layout over brokers 1, 2, 3 as over 0, 1, 2, one more each", () => {
    const over = (ids: number[]) =>
      placeStriped(
        ids.map((id) => broker(id, null)),
        6,
        3,
        [],
        kafkaMockRandom()
      )
    expect(over([3, 1, 2])).toEqual(over([2, 0, 1]).map((r) => r.map((id) => id + 1)))
    expect(
      over([1, 2, 3])
        .flat()
        .every((id) => id >= 1 && id <= 3)
    ).toBe(true)
  })
})
