// The group coordinator's cache of KIP-1101 topic hashes: the hash it keeps for a topic is always
// the one Kafka's computeTopicHash gives the topic as it is now, through reassignments (a replica
// moved to a broker in another rack), added partitions and a topic created again under its name.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TopicHashes, topicHash, type HashedTopic } from '../../../src/engine/groups/metadata-hash'

const RACKS: Record<number, string | null> = { 0: 'rack-a', 1: 'rack-b', 2: 'rack-c', 3: null }
const rack = (id: number) => RACKS[id] ?? null

/** The hash computed afresh, without the cache. */
const fresh = (t: HashedTopic) =>
  topicHash({
    id: t.uuid,
    name: t.name,
    partitionRacks: t.partitions.map((p) => p.replicas.flatMap((id) => rack(id) ?? []))
  })

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

interface MutableTopic {
  uuid: string
  name: string
  partitions: { replicas: number[] }[]
}

describe('TopicHashes', () => {
  it('gives the same hash as computeTopicHash after every change to the topics', () => {
    const replicas = fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 })
    const step = fc.oneof(
      fc.record({ kind: fc.constant('reassign' as const), partition: fc.nat(), replicas }),
      fc.record({ kind: fc.constant('add' as const), replicas }),
      fc.record({ kind: fc.constant('recreate' as const), count: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('ask' as const) })
    )
    fc.assert(
      fc.property(
        fc.array(fc.record({ topic: fc.integer({ min: 0, max: 2 }), step }), { maxLength: 40 }),
        (steps) => {
          const hashes = new TopicHashes(rack)
          let ids = 0
          const make = (name: string, count: number): MutableTopic => ({
            uuid: uuid(++ids),
            name,
            partitions: Array.from({ length: count }, (_, p) => ({ replicas: [p % 4] }))
          })
          const topics = ['orders', 'payments', 'zählung'].map((n) => make(n, 2))
          for (const t of topics) expect(hashes.of(t)).toBe(fresh(t))
          for (const { topic: i, step: s } of steps) {
            const t = topics[i]
            // Partitions get a new replica list, as the cluster's leadership gives them.
            if (s.kind === 'reassign')
              t.partitions[s.partition % t.partitions.length].replicas = s.replicas
            else if (s.kind === 'add') t.partitions.push({ replicas: s.replicas })
            else if (s.kind === 'recreate') topics[i] = make(t.name, s.count)
            for (const u of topics) expect(hashes.of(u)).toBe(fresh(u))
          }
        }
      )
    )
  })

  it('hashes a topic again only when it changed', () => {
    let racksRead = 0
    const hashes = new TopicHashes((id) => {
      racksRead++
      return rack(id)
    })
    const t: MutableTopic = {
      uuid: uuid(1),
      name: 'orders',
      partitions: Array.from({ length: 200 }, (_, p) => ({ replicas: [p % 3, (p + 1) % 3] }))
    }
    const first = hashes.of(t)
    expect(racksRead).toBe(400)
    for (let i = 0; i < 10; i++) expect(hashes.of(t)).toBe(first)
    expect(racksRead).toBe(400)
    t.partitions[7].replicas = [3, 0]
    expect(hashes.of(t)).not.toBe(first)
    expect(racksRead).toBe(800)
  })
})
