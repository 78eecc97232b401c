// Fetch sessions (KIP-227) with the client that uses them, @platformatic/kafka (Fetch 17, topics
// by id): a consumer reads records produced in rounds while it runs, through incremental fetches,
// each record once; a second member joining moves partitions out of the first one's sessions
// (forgotten topics), and every record produced after is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import {
  CLASSIC_TIMEOUTS,
  consumeCommitted,
  produceStrings,
  stringConsumer,
  type StringConsumer,
  type StringStream
} from '../../support/platformatic-clients'
import { waitFor } from '../../support/wait-for'

const TOPIC = 'sessions-orders'
const PARTITIONS = 6

let cluster: TestCluster
let brokers: string[]

beforeAll(async () => {
  cluster = await startTestCluster()
  brokers = cluster.bootstrap.split(',')
  cluster.engine.createTopic({ name: TOPIC, partitions: PARTITIONS, replicationFactor: 2 })
})
afterAll(async () => {
  await cluster?.close()
})

const produceRound = (round: number, count: number) =>
  produceStrings(
    brokers,
    'it-sessions-producer',
    Array.from({ length: count }, (_, i) => ({
      topic: TOPIC,
      key: `k-${i % 17}`,
      value: `r${round}-${i}`
    }))
  )

/** Sessions the brokers hold and the highest epoch any of them reached. */
function sessionState() {
  let sessions = 0
  let maxEpoch = 0
  for (const b of cluster.engine.listBrokers()) {
    const cache = cluster.fetchSessions.forBroker(b.id)
    sessions += cache.size
    for (const s of cache.list()) maxEpoch = Math.max(maxEpoch, s.epoch)
  }
  return { sessions, maxEpoch }
}

describe('fetch sessions with @platformatic/kafka', () => {
  it('incremental fetches deliver every record, once within a member, across rounds and a member joining', async () => {
    const seen = new Map<string, number>()
    const consumers: StringConsumer[] = []
    const streams: StringStream[] = []
    const join = async (name: string) => {
      const consumer = stringConsumer(brokers, `it-sessions-${name}`, 'sessions-group', {
        ...CLASSIC_TIMEOUTS,
        maxWaitTime: 200
      })
      consumers.push(consumer)
      const stream = await consumeCommitted(consumer, [TOPIC])
      streams.push(stream)
      stream.on('data', (m) => seen.set(m.value, (seen.get(m.value) ?? 0) + 1))
    }
    try {
      await join('one')
      await produceRound(0, 300)
      await waitFor('round 0 consumed', () => seen.size === 300)
      // The consumer keeps fetching with sessions: incremental requests move their epoch on.
      await waitFor('incremental fetches', () => sessionState().maxEpoch > 3)
      await produceRound(1, 300)
      await waitFor('round 1 consumed', () => seen.size === 600)
      // One member, no rebalance: nothing read twice.
      expect([...seen.values()].every((n) => n === 1)).toBe(true)

      await join('two')
      const assigned = () => consumers.map((c) => c.assignments?.[0]?.partitions ?? [])
      await waitFor('the partitions shared by both members', () => {
        const [a, b] = assigned()
        return a.length > 0 && b.length > 0 && a.length + b.length === PARTITIONS
      })
      await produceRound(2, 300)
      await waitFor('round 2 consumed', () => seen.size === 900)
      // Around a rebalance a group reads at least once (from the last commit), as in Kafka.
      expect(sessionState().sessions).toBeGreaterThan(0)
    } finally {
      for (const s of streams) await s.close()
      for (const c of consumers) await c.close()
    }
  })
})
