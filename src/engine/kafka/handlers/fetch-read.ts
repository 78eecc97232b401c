// One pass of Fetch over a list of partitions: whole stored batches from each partition's leader,
// below the high watermark (read_uncommitted) or the last stable offset (read_committed, with the
// aborted transactions among the returned batches), within fetch.max.bytes and the request's
// limits. From Fetch 11 a consumer may also read from a follower, up to what it holds
// (replica-partition.ts), and a leader with a replica selector may name a preferred read replica
// in the client's rack instead of answering with records (preferred-read-replica.ts).
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { Encodable, FetchResponse } from '../protocol'
import { LogError } from '../../log/log-errors'
import { partitionKey, type PartitionKey } from '../../cluster/append-signals'
import type { RequestContext } from '../request-context'
import { resolveReplicaPartition } from '../replica-partition'
import { preferredReadReplica } from '../preferred-read-replica'

const EMPTY = Buffer.alloc(0)

export type PartitionData = Encodable<FetchResponse['responses'][number]['partitions'][number]>

/** A partition to read, from the request or from the client's fetch session. */
export interface FetchTarget {
  /** The topic's name; '' when a Fetch 13+ topic id names no topic. */
  topic: string
  topicId: string
  partition: number
  fetchOffset: bigint
  partitionMaxBytes: number
  currentLeaderEpoch: number
}

export interface FetchPass {
  /** One answer per target, in the targets' order. */
  partitions: PartitionData[]
  /** Record bytes read. */
  bytes: number
  /** The partitions whose appends may end a long poll. */
  keys: PartitionKey[]
}

export interface ReadOptions {
  maxBytes: number
  readCommitted: boolean
  topicIds: boolean
  /**
   * A consumer's Fetch 11+ (Kafka's client metadata): followers serve it, and its client.rack
   * (rack_id, '' for none) goes to the leader's replica selector. Null: leaders only.
   */
  consumerRack: string | null
}

export function readOnce(
  targets: readonly FetchTarget[],
  opts: ReadOptions,
  ctx: RequestContext
): FetchPass {
  const { engine } = ctx
  let budget = opts.maxBytes
  let bytes = 0
  const keys: PartitionKey[] = []
  const partitions = targets.map((fp): PartitionData => {
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
    const topic = opts.topicIds ? engine.topicById(fp.topicId) : engine.topic(fp.topic)
    if (opts.topicIds && !topic) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_ID }
    const led = resolveReplicaPartition(
      ctx,
      topic,
      fp.partition,
      fp.currentLeaderEpoch,
      opts.consumerRack !== null
    )
    if (led.kind === 'not-leader')
      return { ...base, errorCode: led.errorCode, currentLeader: led.currentLeader }
    if (led.kind !== 'led' && led.kind !== 'follower') return { ...base, errorCode: led.errorCode }
    const { log } = led
    // A follower serves what it holds, below its own high watermark.
    const hw = led.kind === 'follower' ? led.highWatermark : log.highWatermark
    const logEnd = led.kind === 'follower' ? led.logEndOffset : log.logEndOffset
    const lso = Math.min(engine.lastStableOffset(led.topic, fp.partition), hw)
    const upTo = opts.readCommitted ? lso : hw
    const offsets = {
      highWatermark: BigInt(hw),
      lastStableOffset: BigInt(lso),
      logStartOffset: BigInt(log.logStartOffset)
    }
    const offset = Number(fp.fetchOffset)
    if (led.kind === 'led' && opts.consumerRack) {
      // The leader names a replica in the client's rack and answers without records.
      const preferred = preferredReadReplica(ctx, led.topic, led.state, offset, opts.consumerRack)
      if (preferred >= 0)
        return { ...base, ...offsets, errorCode: ErrorCode.NONE, preferredReadReplica: preferred }
    }
    keys.push(partitionKey(led.topic.id, fp.partition))
    if (offset < log.logStartOffset || offset > logEnd)
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
      abortedTransactions: opts.readCommitted
        ? engine.abortedTransactions(led.topic, fp.partition, offset, upTo).map((t) => ({
            producerId: BigInt(t.producerId),
            firstOffset: BigInt(t.firstOffset)
          }))
        : [],
      records: size === 0 ? EMPTY : batches.length === 1 ? batches[0] : Buffer.concat(batches, size)
    }
  })
  return { partitions, bytes, keys }
}

/** The answer of a partition refused before it is read (TOPIC_AUTHORIZATION_FAILED). */
export function refusedPartition(target: FetchTarget, errorCode: number): PartitionData {
  return {
    partitionIndex: target.partition,
    errorCode,
    highWatermark: -1n,
    lastStableOffset: -1n,
    logStartOffset: -1n,
    abortedTransactions: null,
    preferredReadReplica: -1,
    records: EMPTY
  }
}

/** The record bytes of one answer. */
export function recordBytes(p: PartitionData): number {
  return p.records ? p.records.length : 0
}
