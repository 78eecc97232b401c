// Fetch 17 (KIP-853) through encoded frames: the request adds the fetching follower's directory
// id, a tagged field of each partition that consumers leave out; the response is version 16's.
// A partition's records and offsets are answered alike by 16 and 17, with or without the id.
import { describe, expect, it } from 'vitest'
import {
  ApiKey,
  ZERO_UUID,
  decodeRequest,
  encodeRequest,
  type FetchRequest
} from '../../../src/engine/kafka/protocol'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { openEngine, produceValues, send } from './helpers'

const DIRECTORY = '3f1b6c2a-9d4e-4f7a-8b1c-2d3e4f5a6b7c'

function body(topicId: string, fetchOffset: bigint, replicaDirectoryId?: string) {
  return {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [
      {
        topic: '',
        topicId,
        partitions: [0, 1].map((partition) => ({
          partition,
          currentLeaderEpoch: -1,
          fetchOffset,
          lastFetchedEpoch: -1,
          logStartOffset: -1n,
          partitionMaxBytes: 1 << 20,
          replicaDirectoryId: replicaDirectoryId ?? ZERO_UUID
        }))
      }
    ],
    forgottenTopicsData: [],
    rackId: ''
  } as Partial<FetchRequest>
}

describe('Fetch 17', () => {
  it('carries the replica directory id as a tagged field only from 17', () => {
    const header = { requestApiKey: ApiKey.Fetch, correlationId: 1, clientId: 'c' }
    const roundTrip = (version: number, id?: string) => {
      const frame = encodeRequest(
        { ...header, requestApiVersion: version },
        body('6d6f7669-6e67-4f6e-8f61-6e6577746f70', 0n, id)
      )
      const req = decodeRequest(frame.subarray(4))
      const partitions = (req.body as FetchRequest).topics[0].partitions
      return { bytes: frame.length, ids: partitions.map((p) => p.replicaDirectoryId) }
    }
    const with17 = roundTrip(17, DIRECTORY)
    expect(with17.ids).toEqual([DIRECTORY, DIRECTORY])
    // Without the id, 17 is 16's encoding: no tagged field is written.
    const without17 = roundTrip(17)
    expect(without17.ids).toEqual([ZERO_UUID, ZERO_UUID])
    expect(without17.bytes).toBe(roundTrip(16).bytes)
    // Each partition's tag: its number, its size and 16 bytes of uuid.
    expect(with17.bytes - without17.bytes).toBe(2 * (1 + 1 + 16))
    // Version 16 has no such field: the id is not sent.
    expect(roundTrip(16, DIRECTORY).ids).toEqual([ZERO_UUID, ZERO_UUID])
  })

  it('answers the records and offsets Fetch 16 answers, with or without the id', async () => {
    const engine = openEngine({ brokers: 1 })
    engine.createTopic({ name: 'orders', partitions: 2, replicationFactor: 1 })
    await produceValues(engine, 'orders', 0, ['a', 'b'])
    await produceValues(engine, 'orders', 1, ['c'])
    await produceValues(engine, 'orders', 0, ['d'])
    const topicId = engine.topic('orders')!.uuid
    const answer = async (version: number, offset: bigint, id?: string) => {
      const res = await send(engine, 0, ApiKey.Fetch, version, body(topicId, offset, id))
      expect(res.errorCode).toBe(E.NONE)
      expect(res.responses.map((t) => t.topicId)).toEqual([topicId])
      return res.responses[0].partitions.map((p) => ({
        partition: p.partitionIndex,
        errorCode: p.errorCode,
        highWatermark: p.highWatermark,
        logStartOffset: p.logStartOffset,
        records: p.records ? Buffer.from(p.records).toString('hex') : null
      }))
    }
    const v16 = await answer(16, 0n)
    expect(v16.map((p) => [p.partition, p.errorCode, p.highWatermark])).toEqual([
      [0, E.NONE, 3n],
      [1, E.NONE, 1n]
    ])
    expect(v16.every((p) => p.records !== null && p.records.length > 0)).toBe(true)
    expect(await answer(17, 0n)).toEqual(v16)
    expect(await answer(17, 0n, DIRECTORY)).toEqual(v16)
    // From the high watermark: nothing to read, at both versions.
    expect(await answer(17, 3n, DIRECTORY)).toEqual(await answer(16, 3n))
  })
})
