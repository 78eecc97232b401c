// Fetch sessions (KIP-227) through encoded frames: a full fetch opens a session, incremental
// fetches send only what changed and hear only of partitions with news, forgotten partitions
// leave, wrong ids and epochs get Kafka's errors, and Fetch 13+ names topics by id.
import { describe, expect, it } from 'vitest'
import type { Engine } from '../../../src/engine/engine'
import { ApiKey, type FetchRequest } from '../../../src/engine/kafka/protocol'
import { FetchSessionCache } from '../../../src/engine/kafka/fetch-sessions'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { openEngine, produceValues, send } from './helpers'

type FetchTopic = {
  topic?: string
  topicId?: string
  partitions: { partition: number; fetchOffset: bigint }[]
}

function setup() {
  const engine = openEngine({ brokers: 1 })
  engine.createTopic({ name: 'orders', partitions: 3, replicationFactor: 1 })
  const cache = new FetchSessionCache(1000)
  return { engine, cache }
}

const produce = (engine: Engine, partition: number, values: string[]) =>
  produceValues(engine, 'orders', partition, values)

function fetch(
  engine: Engine,
  cache: FetchSessionCache,
  session: { sessionId: number; sessionEpoch: number },
  topics: FetchTopic[],
  forgotten: { topic?: string; topicId?: string; partitions: number[] }[] = [],
  version = 12
) {
  const body = {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    isolationLevel: 0,
    ...session,
    topics: topics.map((t) => ({
      topic: t.topic ?? '',
      topicId: t.topicId,
      partitions: t.partitions.map((p) => ({ ...p, partitionMaxBytes: 1 << 20 }))
    })),
    forgottenTopicsData: forgotten.map((f) => ({ topic: f.topic ?? '', ...f })),
    rackId: ''
  } as Partial<FetchRequest>
  return send(engine, 0, ApiKey.Fetch, version, body, 'unit-client', { fetchSessions: cache })
}

const all = (offset = 0n): FetchTopic[] => [
  {
    topic: 'orders',
    partitions: [0, 1, 2].map((partition) => ({ partition, fetchOffset: offset }))
  }
]

/** partition -> [errorCode, records bytes, high watermark] of each partition answered. */
function answered(res: Awaited<ReturnType<typeof fetch>>) {
  return Object.fromEntries(
    res.responses.flatMap((t) =>
      t.partitions.map((p) => [
        p.partitionIndex,
        [p.errorCode, p.records?.length ?? 0, Number(p.highWatermark)]
      ])
    )
  )
}

describe('Fetch sessions', () => {
  it('a full fetch at epoch 0 opens a session; incremental fetches answer only partitions with news', async () => {
    const { engine, cache } = setup()
    await produce(engine, 0, ['a', 'b'])
    const full = await fetch(engine, cache, { sessionId: 0, sessionEpoch: 0 }, all())
    expect(full.errorCode).toBe(E.NONE)
    expect(full.sessionId).toBeGreaterThan(0)
    expect(Object.keys(answered(full))).toEqual(['0', '1', '2'])
    expect(answered(full)[0][1]).toBeGreaterThan(0)
    const id = full.sessionId

    // Nothing changed: partition 0 moves on (sent), 1 and 2 are left out of the request.
    const quiet = await fetch(engine, cache, { sessionId: id, sessionEpoch: 1 }, [
      { topic: 'orders', partitions: [{ partition: 0, fetchOffset: 2n }] }
    ])
    expect(quiet.errorCode).toBe(E.NONE)
    expect(quiet.sessionId).toBe(id)
    expect(quiet.responses).toEqual([])

    // Partition 2, never named since the full fetch, is still in the session and fetched from 0.
    await produce(engine, 2, ['c'])
    const news = await fetch(engine, cache, { sessionId: id, sessionEpoch: 2 }, [])
    expect(answered(news)).toEqual({ 2: [E.NONE, expect.any(Number), 1] })
    expect(answered(news)[2][1]).toBeGreaterThan(0)

    // The client moved on from partition 2; nothing new anywhere.
    const again = await fetch(engine, cache, { sessionId: id, sessionEpoch: 3 }, [
      { topic: 'orders', partitions: [{ partition: 2, fetchOffset: 1n }] }
    ])
    expect(again.responses).toEqual([])
  })

  it('a forgotten partition leaves the session; a session emptied is closed', async () => {
    const { engine, cache } = setup()
    const full = await fetch(engine, cache, { sessionId: 0, sessionEpoch: 0 }, all())
    const id = full.sessionId
    const forget = await fetch(
      engine,
      cache,
      { sessionId: id, sessionEpoch: 1 },
      [],
      [{ topic: 'orders', partitions: [1] }]
    )
    expect(forget.responses).toEqual([])
    await produce(engine, 1, ['x'])
    await produce(engine, 0, ['y'])
    const next = await fetch(engine, cache, { sessionId: id, sessionEpoch: 2 }, [])
    expect(Object.keys(answered(next))).toEqual(['0'])
    const emptied = await fetch(
      engine,
      cache,
      { sessionId: id, sessionEpoch: 3 },
      [],
      [{ topic: 'orders', partitions: [0, 2] }]
    )
    expect(emptied.sessionId).toBe(0)
    expect(cache.get(id)).toBeUndefined()
  })

  it('an unknown session id, a wrong epoch and epoch -1 as Kafka answers them', async () => {
    const { engine, cache } = setup()
    const missing = await fetch(engine, cache, { sessionId: 12345, sessionEpoch: 1 }, all())
    expect(missing.errorCode).toBe(E.FETCH_SESSION_ID_NOT_FOUND)
    expect(missing.sessionId).toBe(0)
    expect(missing.responses).toEqual([])

    const id = (await fetch(engine, cache, { sessionId: 0, sessionEpoch: 0 }, all())).sessionId
    const stale = await fetch(engine, cache, { sessionId: id, sessionEpoch: 5 }, [])
    expect(stale.errorCode).toBe(E.INVALID_FETCH_SESSION_EPOCH)
    // The session survives a wrong epoch: the right one still works.
    expect((await fetch(engine, cache, { sessionId: id, sessionEpoch: 1 }, [])).errorCode).toBe(
      E.NONE
    )

    // Epoch -1: a full fetch that closes the session and opens none.
    const final = await fetch(engine, cache, { sessionId: id, sessionEpoch: -1 }, all())
    expect(final.sessionId).toBe(0)
    expect(Object.keys(answered(final))).toEqual(['0', '1', '2'])
    const closed = await fetch(engine, cache, { sessionId: id, sessionEpoch: 2 }, [])
    expect(closed.errorCode).toBe(E.FETCH_SESSION_ID_NOT_FOUND)
  })

  it('Fetch 13+ names topics by id; an unknown id is UNKNOWN_TOPIC_ID; a session keeps its form', async () => {
    const { engine, cache } = setup()
    await produce(engine, 1, ['a'])
    const topicId = engine.topic('orders')!.uuid
    const byId = (offset = 0n): FetchTopic[] => [
      { topicId, partitions: [0, 1, 2].map((partition) => ({ partition, fetchOffset: offset })) }
    ]
    for (const version of [13, 15, 16]) {
      const res = await fetch(
        engine,
        cache,
        { sessionId: 0, sessionEpoch: -1 },
        byId(),
        [],
        version
      )
      expect(res.responses.map((t) => t.topicId)).toEqual([topicId])
      expect(answered(res)[1][1]).toBeGreaterThan(0)
    }
    const unknown = '6d6f7669-6e67-4f6e-8f61-6e6577746f70'
    const res = await fetch(
      engine,
      cache,
      { sessionId: 0, sessionEpoch: -1 },
      [{ topicId: unknown, partitions: [{ partition: 0, fetchOffset: 0n }] }],
      [],
      13
    )
    expect(res.responses).toEqual([
      expect.objectContaining({
        topicId: unknown,
        partitions: [expect.objectContaining({ errorCode: E.UNKNOWN_TOPIC_ID })]
      })
    ])

    // A session opened by id continues by id; a v12 request on it is refused.
    const id = (await fetch(engine, cache, { sessionId: 0, sessionEpoch: 0 }, byId(), [], 13))
      .sessionId
    expect(id).toBeGreaterThan(0)
    await produce(engine, 0, ['b'])
    // Partition 1's records were read: the client moves it on; partition 0 has news.
    const inc = await fetch(
      engine,
      cache,
      { sessionId: id, sessionEpoch: 1 },
      [{ topicId, partitions: [{ partition: 1, fetchOffset: 1n }] }],
      [],
      13
    )
    expect(Object.keys(answered(inc))).toEqual(['0'])
    const forgotten = await fetch(
      engine,
      cache,
      { sessionId: id, sessionEpoch: 2 },
      [],
      [{ topicId, partitions: [0] }],
      13
    )
    expect(forgotten.errorCode).toBe(E.NONE)
    expect(cache.get(id)!.partitions.size).toBe(2)
    const mixed = await fetch(engine, cache, { sessionId: id, sessionEpoch: 3 }, [])
    expect(mixed.errorCode).toBe(E.FETCH_SESSION_TOPIC_ID_ERROR)
  })

  it('no session is opened when the cache has no slots (max.incremental.fetch.session.cache.slots=0)', async () => {
    const { engine } = setup()
    const res = await fetch(
      engine,
      new FetchSessionCache(0),
      { sessionId: 0, sessionEpoch: 0 },
      all()
    )
    expect(res.errorCode).toBe(E.NONE)
    expect(res.sessionId).toBe(0)
  })
})

describe('FetchSessionCache eviction', () => {
  const part = (partition: number) => ({
    topic: 't',
    topicId: '',
    partition,
    fetchOffset: 0n,
    partitionMaxBytes: 1,
    currentLeaderEpoch: -1,
    lastFetchedEpoch: -1,
    logStartOffset: -1n,
    sentHighWatermark: -1n,
    sentLogStartOffset: -1n
  })
  const parts = (n: number) => Array.from({ length: n }, (_, i) => part(i))
  const consumer = { privileged: false, usesTopicIds: false }
  const follower = { privileged: true, usesTopicIds: false }

  it('a full cache refuses newcomers while its sessions are young and in use', () => {
    let now = 0
    const cache = new FetchSessionCache(2, 120_000, () => now)
    expect(cache.create(parts(1), consumer)).toBeDefined()
    expect(cache.create(parts(1), consumer)).toBeDefined()
    now = 1000
    expect(cache.create(parts(50), consumer)).toBeUndefined()
    expect(cache.size).toBe(2)
  })

  it('a session unused for 120 s goes first, the least recently used one', () => {
    let now = 0
    const cache = new FetchSessionCache(2, 120_000, () => now)
    const a = cache.create(parts(5), consumer)!
    const b = cache.create(parts(5), consumer)!
    now = 100_000
    cache.touch(a)
    now = 120_001
    const c = cache.create(parts(1), consumer)
    expect(c).toBeDefined()
    expect(cache.get(b.id)).toBeUndefined()
    expect(cache.get(a.id)).toBe(a)
  })

  it('among sessions older than 120 s and in use, a newcomer with more partitions evicts the smallest', () => {
    let now = 0
    const cache = new FetchSessionCache(2, 120_000, () => now)
    const small = cache.create(parts(2), consumer)!
    const large = cache.create(parts(8), consumer)!
    now = 200_000
    cache.touch(small)
    cache.touch(large)
    // Fewer partitions than the smallest: refused.
    expect(cache.create(parts(1), consumer)).toBeUndefined()
    const bigger = cache.create(parts(3), consumer)
    expect(bigger).toBeDefined()
    expect(cache.get(small.id)).toBeUndefined()
    expect(cache.get(large.id)).toBe(large)
  })

  it("a follower's session may evict a young consumer session; a consumer cannot evict a follower's", () => {
    let now = 0
    const cache = new FetchSessionCache(1, 120_000, () => now)
    const c = cache.create(parts(10), consumer)!
    now = 1000
    const f = cache.create(parts(1), follower)
    expect(f).toBeDefined()
    expect(cache.get(c.id)).toBeUndefined()
    now = 300_000
    cache.touch(f!)
    expect(cache.create(parts(100), consumer)).toBeUndefined()
  })
})
