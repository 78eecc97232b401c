// The consumer protocol's server-side assignors over random groups (fast-check): every partition
// of a subscribed topic goes to exactly one member subscribed to it, only partitions that exist
// are given, and uniform's counts differ by at most one among members of the same subscription,
// members subscribed to different topics included.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { serverAssignors } from '../../../src/engine/groups/server-assignors'
import type { TopicPartitions } from '../../../src/engine/groups/consumer-group'

const TOPICS = ['orders', 'payments', 'refunds']

const groupArb = fc.record({
  counts: fc.tuple(
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 12 })
  ),
  members: fc.array(fc.subarray(TOPICS, { minLength: 1 }), { minLength: 1, maxLength: 7 }),
  previousFrom: fc.option(
    fc.array(fc.subarray(TOPICS, { minLength: 1 }), { minLength: 1, maxLength: 7 }),
    { nil: undefined }
  )
})

const count = (tp: TopicPartitions | undefined) =>
  [...(tp ?? new Map<string, Set<number>>()).values()].reduce((n, s) => n + s.size, 0)

describe('server-side assignors', () => {
  for (const name of ['uniform', 'range'])
    it(`${name} gives each existing partition to one subscribed member`, () => {
      const assign = serverAssignors.get(name)!
      fc.assert(
        fc.property(groupArb, ({ counts, members: subs, previousFrom }) => {
          const partitionCounts = new Map(TOPICS.map((t, i) => [t, counts[i]]))
          const members = subs.map((topics, i) => ({ memberId: `m${i}`, topics: new Set(topics) }))
          // A previous target computed for other subscriptions, as after a member's change.
          const previous = previousFrom
            ? assign({
                members: previousFrom.map((topics, i) => ({
                  memberId: `m${i}`,
                  topics: new Set(topics)
                })),
                partitionCounts,
                previous: new Map()
              })
            : new Map<string, TopicPartitions>()
          const target = assign({ members, partitionCounts, previous })
          for (const [topic, n] of partitionCounts) {
            const subscribed = members.filter((m) => m.topics.has(topic))
            for (let p = 0; p < n; p++) {
              const owners = [...target].filter(([, tp]) => tp.get(topic)?.has(p))
              expect(owners.length).toBe(subscribed.length > 0 ? 1 : 0)
              if (owners.length) expect(subscribed.map((m) => m.memberId)).toContain(owners[0][0])
            }
          }
          for (const tp of target.values())
            for (const [topic, set] of tp)
              for (const p of set) {
                expect(Number.isInteger(p)).toBe(true)
                expect(p >= 0 && p < (partitionCounts.get(topic) ?? 0)).toBe(true)
              }
          if (name === 'uniform') {
            // Members of the same subscription end within one partition of each other.
            const bySubscription = new Map<string, number[]>()
            for (const m of members) {
              const k = [...m.topics].sort().join()
              bySubscription.set(k, [
                ...(bySubscription.get(k) ?? []),
                count(target.get(m.memberId))
              ])
            }
            for (const n of bySubscription.values())
              expect(Math.max(...n) - Math.min(...n)).toBeLessThanOrEqual(1)
          }
        }),
        { numRuns: 300 }
      )
    })
})
