// Contract area: reading, producing, searching and copying messages.
import { z } from 'zod'
import {
  encoding,
  int,
  messageFilter,
  offset,
  partitionIndex,
  startPosition,
  timestampMs,
  topicName
} from '../schema-parts'

export const messagesParams = {
  /** One page of records from a partition (or, without `partition`, from all, merged by time). */
  'messages.read': z
    .object({
      topic: topicName,
      partition: partitionIndex.optional(),
      from: startPosition,
      limit: int(1, 10_000),
      /** Read backwards: the page that ends just before `from` (for paging back). */
      direction: z.enum(['forward', 'backward']).optional()
    })
    .strict(),
  /** Produces one record through the partitioner (murmur2 for keys, sticky without). */
  'messages.produce': z
    .object({
      topic: topicName,
      value: z.string().nullable(),
      key: z.string().nullable().optional(),
      headers: z.record(z.string(), z.string()).optional(),
      partition: partitionIndex.optional(),
      /** How key, value and header values are encoded in this request. */
      encoding: encoding.optional(),
      timestamp: timestampMs.optional()
    })
    .strict(),
  /** Starts a search that runs off the main thread; progress and matches arrive as events. */
  'messages.search': z
    .object({
      topic: topicName,
      partitions: z.array(partitionIndex).optional(),
      from: startPosition,
      /** Stop scanning at this offset (exclusive) per partition, or this time. */
      untilOffset: offset.optional(),
      untilTimestamp: timestampMs.optional(),
      filters: z.array(messageFilter).max(20),
      limit: int(1, 10_000),
      maxScan: int(1, 1_000_000_000).optional()
    })
    .strict(),
  /** Copies an offset range, or the records matching filters, to another topic (replay). */
  'messages.copy': z
    .object({
      source: topicName,
      target: topicName,
      partitions: z.array(partitionIndex).optional(),
      fromOffset: offset.optional(),
      untilOffset: offset.optional(),
      filters: z.array(messageFilter).max(20).optional(),
      /** Keep each record's partition number instead of re-partitioning by key. */
      keepPartition: z.boolean().optional(),
      keepTimestamps: z.boolean().optional()
    })
    .strict(),
  /** Results gathered so far by a search. */
  'messages.searchResults': z.object({ operationId: z.string().min(1).max(100) }).strict()
} as const

export interface MessageHeader {
  key: string
  value: string | null
  encoding?: 'base64'
}

export interface MessageRecord {
  partition: number
  offset: number
  timestamp: number
  timestampType: 'CreateTime' | 'LogAppendTime'
  key: string | null
  value: string | null
  /** Present when the key or value is not valid UTF-8 and travels as base64. */
  keyEncoding?: 'base64'
  valueEncoding?: 'base64'
  headers: MessageHeader[]
  sizeBytes: number
}

export interface ReadResult {
  records: MessageRecord[]
  /** Per partition: where the next forward page starts. */
  nextOffsets: Record<number, number>
  /** Per partition: the first offset of this page (for paging back). */
  firstOffsets: Record<number, number>
  /** Per partition: log start offset and high watermark at the time of the read. */
  bounds: Record<number, { logStartOffset: number; highWatermark: number }>
}

export interface OperationStarted {
  operationId: string
}

export interface SearchResults {
  operationId: string
  done: boolean
  scanned: number
  matched: number
  records: MessageRecord[]
  error?: string
}

export interface MessagesResults {
  'messages.read': ReadResult
  'messages.produce': { partition: number; offset: number; timestamp: number }
  'messages.search': OperationStarted
  'messages.copy': OperationStarted
  'messages.searchResults': SearchResults
}
