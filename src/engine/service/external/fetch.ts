// Reading a partition of an external cluster: Fetch requests from a consumer that never joins
// a group, decoded into the contract's records. One fetch at a time per connection, so that
// the client's fetch sessions stay consistent.
import type { RecordsBatch } from '@platformatic/kafka'
import type { MessageRecord } from '../../../shared/api/messages'
import { toMessageRecord } from '../../messages/message-view'
import type { DecodedRecord } from '../../records'
import type { KafkaClients } from './clients'
import type { TopicMeta } from './metadata'

const CONTROL_BATCH = 0x20
const LOG_APPEND_TIME = 0x08
const ZERO_UUID = /^[0-]+$/

function decodeBatch(partition: number, batch: RecordsBatch): MessageRecord[] {
  if (batch.attributes & CONTROL_BATCH) return []
  const appendTime = (batch.attributes & LOG_APPEND_TIME) !== 0
  return batch.records.map((r) => {
    const decoded: DecodedRecord = {
      offset: Number(batch.firstOffset) + r.offsetDelta,
      timestamp: appendTime
        ? Number(batch.maxTimestamp)
        : Number(batch.firstTimestamp + r.timestampDelta),
      attributes: r.attributes,
      timestampDelta: Number(r.timestampDelta),
      offsetDelta: r.offsetDelta,
      key: r.key,
      value: r.value,
      headers: r.headers.map(([k, v]) => ({ key: k?.toString('utf8') ?? '', value: v }))
    }
    return toMessageRecord(partition, decoded, appendTime)
  })
}

export class PartitionFetcher {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly clients: KafkaClients) {}

  /** One Fetch of a partition at `offset`: the records at or after it, in offset order. */
  fetchOnce(topic: TopicMeta, partition: number, offset: number, maxBytes = 1 << 20) {
    const run = async () => {
      const consumer = this.clients.consumer()
      consumer.topics.track(topic.name)
      try {
        const leader = topic.partitions[partition]?.leader ?? -1
        const res = await consumer.fetch({
          node: leader,
          maxWaitTime: 0,
          minBytes: 0,
          topics: [
            {
              // Fetch up to v12 names topics, later versions use ids; the client maps ids back.
              topicId: ZERO_UUID.test(topic.id) ? topic.name : topic.id,
              partitions: [
                {
                  partition,
                  fetchOffset: BigInt(offset),
                  currentLeaderEpoch: -1,
                  lastFetchedEpoch: -1,
                  partitionMaxBytes: maxBytes
                }
              ]
            }
          ]
        })
        const p = res.responses[0]?.partitions.find((x) => x.partitionIndex === partition)
        const records = (p?.records ?? [])
          .flatMap((b) => decodeBatch(partition, b))
          .filter((r) => r.offset >= offset)
        return {
          records,
          highWatermark: Number(p?.highWatermark ?? 0),
          logStartOffset: Number(p?.logStartOffset ?? 0)
        }
      } finally {
        consumer.topics.untrack(topic.name)
      }
    }
    const next = this.queue.then(run, run)
    this.queue = next.catch(() => {})
    return next
  }

  /** Up to `limit` records from `from`, stopping at `until` (exclusive). */
  async readRange(
    topic: TopicMeta,
    partition: number,
    from: number,
    until: number,
    limit: number
  ): Promise<MessageRecord[]> {
    const out: MessageRecord[] = []
    let pos = from
    while (out.length < limit && pos < until) {
      const { records } = await this.fetchOnce(topic, partition, pos)
      if (records.length === 0) break
      for (const r of records) {
        if (r.offset >= until || out.length >= limit) break
        out.push(r)
      }
      pos = records[records.length - 1].offset + 1
    }
    return out
  }

  /** The last `count` records before `until` (fewer when the partition holds fewer). */
  async readTail(
    topic: TopicMeta,
    partition: number,
    logStartOffset: number,
    until: number,
    count: number
  ): Promise<MessageRecord[]> {
    let start = Math.max(logStartOffset, until - count)
    for (let attempt = 0; ; attempt++) {
      const records = await this.readRange(topic, partition, start, until, Number.MAX_SAFE_INTEGER)
      // Offsets missing to compaction or control records: look further back, a few times.
      if (records.length >= count || start <= logStartOffset || attempt >= 4)
        return records.slice(-count)
      start = Math.max(logStartOffset, start - (count - records.length) * 2)
    }
  }
}
