// Fetch (1): whole stored batches from each partition's leader, below the high watermark
// (read_uncommitted) or the last stable offset (read_committed, with the aborted transactions
// among the returned batches, whose records consumers drop); a long poll that returns once minBytes are there, an append wakes it, or maxWaitMs passes.
// Fetch sessions are not kept (sessionId 0), so clients send full requests.
//
// Fetch Request (Version: 12) => replica_id max_wait_ms min_bytes max_bytes isolation_level
//   session_id session_epoch [topics] [forgotten_topics_data] rack_id
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { Encodable, FetchRequest, FetchResponse } from '../protocol'
import { LogError } from '../../log/log-errors'
import { partitionKey, type PartitionKey } from '../../cluster/append-signals'

import type { RequestContext } from '../request-context'
import { resolveLeaderPartition } from '../leader-partition'

const EMPTY = Buffer.alloc(0)

type PartitionData = Encodable<FetchResponse['responses'][number]['partitions'][number]>

export async function handleFetch(
  body: FetchRequest,
  ctx: RequestContext,
  apiVersion: number
): Promise<Encodable<FetchResponse>> {
  const deadline = Date.now() + Math.max(0, body.maxWaitMs)
  // Consumers' isolation level (v4+) tells read_committed groups apart, for their lag.
  if (body.replicaId < 0)
    ctx.engine.noteConsumerFetch(
      ctx.header.clientId ?? '',
      ctx.clientHost,
      apiVersion >= 4 && body.isolationLevel === 1
    )
  for (;;) {
    const { responses, bytes, keys } = readOnce(body, ctx, apiVersion)
    const remaining = deadline - Date.now()
    if (bytes >= Math.max(1, body.minBytes) || remaining <= 0 || keys.length === 0)
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, responses }
    await ctx.engine.waitForAppends(keys, remaining)
    if (ctx.closed?.())
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, responses }
  }
}

function readOnce(body: FetchRequest, ctx: RequestContext, apiVersion: number) {
  const { engine } = ctx
  // A request-level maxBytes exists from v3; the broker's fetch.max.bytes caps every version.
  const fetchMaxBytes = ctx.settings.limits.fetchMaxBytes
  let budget = apiVersion >= 3 ? Math.min(body.maxBytes, fetchMaxBytes) : fetchMaxBytes
  let bytes = 0
  const keys: PartitionKey[] = []
  const responses = body.topics.map((ft) => {
    const topic = engine.topic(ft.topic)
    return {
      topic: ft.topic,
      partitions: ft.partitions.map((fp): PartitionData => {
        const base = {
          partitionIndex: fp.partition,
          highWatermark: -1n,
          lastStableOffset: -1n,
          logStartOffset: -1n,
          abortedTransactions: null,
          preferredReadReplica: -1,
          // Clients expect an empty record set, not a null one (librdkafka rejects size -1).
          records: EMPTY
        }
        const led = resolveLeaderPartition(ctx, topic, fp.partition, fp.currentLeaderEpoch)
        if (led.kind === 'not-leader')
          return { ...base, errorCode: led.errorCode, currentLeader: led.currentLeader }
        if (led.kind !== 'led') return { ...base, errorCode: led.errorCode }
        const { log } = led
        const hw = log.highWatermark
        const lso = engine.lastStableOffset(led.topic, fp.partition)
        const readCommitted = body.isolationLevel === 1
        const upTo = readCommitted ? lso : hw
        const offsets = {
          highWatermark: BigInt(hw),
          lastStableOffset: BigInt(lso),
          logStartOffset: BigInt(log.logStartOffset)
        }
        const offset = Number(fp.fetchOffset)
        keys.push(partitionKey(led.topic.id, fp.partition))
        if (offset < log.logStartOffset || offset > log.logEndOffset)
          return { ...base, ...offsets, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE }
        if (offset >= upTo || budget <= 0) return { ...base, ...offsets, errorCode: ErrorCode.NONE }
        let batches: Buffer[]
        try {
          // Kafka returns at least one batch, even above the limits, for the first partition
          // with data; later partitions stay within the budget.
          const limit = Math.min(fp.partitionMaxBytes, bytes === 0 ? Math.max(budget, 1) : budget)
          batches = log.read(offset, limit, { upTo })
        } catch (err) {
          if (err instanceof LogError)
            return { ...base, ...offsets, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE }
          throw err
        }
        const size = batches.reduce((n, b) => n + b.length, 0)
        bytes += size
        budget -= size
        return {
          ...base,
          ...offsets,
          errorCode: ErrorCode.NONE,
          abortedTransactions: readCommitted
            ? engine.abortedTransactions(led.topic, fp.partition, offset, upTo).map((t) => ({
                producerId: BigInt(t.producerId),
                firstOffset: BigInt(t.firstOffset)
              }))
            : [],
          records:
            size === 0 ? EMPTY : batches.length === 1 ? batches[0] : Buffer.concat(batches, size)
        }
      })
    }
  })
  return { responses, bytes, keys }
}
