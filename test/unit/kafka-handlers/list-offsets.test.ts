// ListOffsets 0-11 through encoded frames: version 0's old-style offsets, each special timestamp
// answered only from the version that brought it (Kafka's timestampMinSupportedVersion: -3 from 7,
// -4 from 8, the latest tiered offset -5 from 9, the earliest pending upload -6 from 11; any
// other negative timestamp never), checked before the partition is looked for, and -5 and -6
// answered -1 as a broker without tiered storage answers them.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Engine } from '../../../src/engine/engine'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { openEngine, produceValues, send } from './helpers'

/** Kafka 4.2's first version of each special timestamp; version 0 knew -1 and -2. */
const SINCE: Record<string, number> = { '-1': 0, '-2': 0, '-3': 7, '-4': 8, '-5': 9, '-6': 11 }

async function setup() {
  const engine = openEngine({ brokers: 1 })
  engine.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 })
  await produceValues(engine, 'orders', 0, ['a', 'b', 'c'])
  await produceValues(engine, 'orders', 0, ['d', 'e'])
  return engine
}

async function listOffsets(
  engine: Engine,
  version: number,
  timestamp: bigint,
  options: { topic?: string; maxNumOffsets?: number } = {}
) {
  const res = await send(engine, 0, ApiKey.ListOffsets, version, {
    replicaId: -1,
    isolationLevel: 0,
    timeoutMs: 1000,
    topics: [
      {
        name: options.topic ?? 'orders',
        partitions: [
          {
            partitionIndex: 0,
            currentLeaderEpoch: -1,
            timestamp,
            maxNumOffsets: options.maxNumOffsets ?? 1
          }
        ]
      }
    ]
  })
  return res.topics[0].partitions[0]
}

describe('ListOffsets 0-11', () => {
  it('version 0 answers old-style offsets: latest, earliest, by time, none when none is asked', async () => {
    const engine = await setup()
    expect(await listOffsets(engine, 0, -1n)).toMatchObject({
      errorCode: E.NONE,
      oldStyleOffsets: [5n]
    })
    expect(await listOffsets(engine, 0, -2n)).toMatchObject({
      errorCode: E.NONE,
      oldStyleOffsets: [0n]
    })
    expect(await listOffsets(engine, 0, 0n)).toMatchObject({
      errorCode: E.NONE,
      oldStyleOffsets: [0n]
    })
    // Later than every record: no offset.
    expect(await listOffsets(engine, 0, BigInt(Date.now() + 3_600_000))).toMatchObject({
      errorCode: E.NONE,
      oldStyleOffsets: []
    })
    expect(await listOffsets(engine, 0, -1n, { maxNumOffsets: 0 })).toMatchObject({
      errorCode: E.NONE,
      oldStyleOffsets: []
    })
    // Version 1 answers the same offsets one by one.
    expect(await listOffsets(engine, 1, -1n)).toMatchObject({ errorCode: E.NONE, offset: 5n })
    expect(await listOffsets(engine, 1, -2n)).toMatchObject({ errorCode: E.NONE, offset: 0n })
  })

  it('the latest tiered offset (9+) and the earliest pending upload (11+) are -1 without tiered storage', async () => {
    const engine = await setup()
    for (const [version, timestamp] of [
      [9, -5n],
      [10, -5n],
      [11, -5n],
      [11, -6n]
    ] as const)
      expect(await listOffsets(engine, version, timestamp)).toMatchObject({
        errorCode: E.NONE,
        timestamp: -1n,
        offset: -1n,
        leaderEpoch: -1
      })
    // The others at 11: the log's own offsets.
    expect((await listOffsets(engine, 11, -1n)).offset).toBe(5n)
    expect((await listOffsets(engine, 11, -2n)).offset).toBe(0n)
    expect((await listOffsets(engine, 11, -4n)).offset).toBe(0n)
    expect((await listOffsets(engine, 11, -3n)).errorCode).toBe(E.NONE)
  })

  it('a special timestamp is refused before its version, and any other negative one always, before the topic is looked for', async () => {
    const engine = await setup()
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 11 }),
        fc.oneof(fc.integer({ min: -8, max: -1 }), fc.integer({ min: -(2 ** 31), max: -9 })),
        fc.boolean(),
        async (version, timestamp, knownTopic) => {
          const since = SINCE[String(timestamp)]
          const refused = since === undefined || version < since
          const answer = await listOffsets(engine, version, BigInt(timestamp), {
            topic: knownTopic ? 'orders' : 'no-such-topic'
          })
          if (refused) expect(answer.errorCode).toBe(E.UNSUPPORTED_VERSION)
          else expect(answer.errorCode).toBe(knownTopic ? E.NONE : E.UNKNOWN_TOPIC_OR_PARTITION)
        }
      ),
      { numRuns: 200 }
    )
  })
})
