// Contract area: reading, producing, searching and copying messages.
import { z } from 'zod'
import {
  encoding,
  int,
  isBase64,
  messageFilter,
  offset,
  partitionIndex,
  startPosition,
  stringRecord,
  timestampMs,
  topicName
} from '../schema-parts'
import { subjectName } from './schemas'
import { connectionId } from './connections'

/** The registry schema to encode a key or value with: a subject's version, latest by default. */
const schemaRef = z
  .object({
    subject: subjectName,
    version: int(1, 2 ** 31 - 1).optional(),
    /** A Protobuf schema's message to encode as (full name such as shop.Quote); the first. */
    message: z.string().min(1).max(1000).optional()
  })
  .strict()

/** One record, by partition and offset. */
const recordRef = z.object({ partition: partitionIndex, offset }).strict()

const copyParams = z
  .object({
    source: topicName,
    target: topicName,
    /** Exactly these records (e.g. those selected in the browser), instead of a range. */
    records: z.array(recordRef).min(1).max(10_000).optional(),
    partitions: z.array(partitionIndex).optional(),
    fromOffset: offset.optional(),
    untilOffset: offset.optional(),
    filters: z.array(messageFilter).max(20).optional(),
    /** Keep each record's partition number instead of re-partitioning by key. */
    keepPartition: z.boolean().optional(),
    keepTimestamps: z.boolean().optional(),
    /** The connection whose cluster holds `target`, when it is not the source's. */
    targetConnection: connectionId.optional()
  })
  .strict()

export const messagesParams = {
  /** One page of records from a partition (or, without `partition`, from all, merged by time). */
  'messages.read': z
    .object({
      topic: topicName,
      partition: partitionIndex.optional(),
      from: startPosition,
      limit: int(1, 10_000),
      /** Read backwards: the page that ends just before `from` (for paging back). */
      direction: z.enum(['forward', 'backward']).optional(),
      /**
       * read_committed reads as such a consumer does: up to the last stable offset, without the
       * records of aborted transactions. read_uncommitted (the default) shows every record.
       */
      isolation: z.enum(['read_uncommitted', 'read_committed']).optional(),
      /**
       * Include transaction markers (the control records that commit or abort a transaction in
       * the partition) as records with `marker` set; the embedded cluster only.
       */
      controlMarkers: z.boolean().optional()
    })
    .strict(),
  /** Produces one record through the partitioner (murmur2 for keys, sticky without). */
  'messages.produce': z
    .object({
      topic: topicName,
      value: z.string().nullable(),
      key: z.string().nullable().optional(),
      headers: stringRecord(z.string(), 'header').optional(),
      partition: partitionIndex.optional(),
      /** How key, value and header values are encoded in this request. */
      encoding: encoding.optional(),
      timestamp: timestampMs.optional(),
      /**
       * Encode the value (JSON text) with this registry schema, in the registry's wire format;
       * a value that does not fit is refused naming the field.
       */
      valueSchema: schemaRef.optional(),
      keySchema: schemaRef.optional()
    })
    .strict()
    .superRefine((p, ctx) => {
      for (const side of ['key', 'value'] as const) {
        if (!p[`${side}Schema`]) continue
        if (typeof p[side] !== 'string')
          ctx.addIssue({
            code: 'custom',
            path: [side],
            message: `must be JSON text to encode with ${side}Schema`
          })
        if (p.encoding === 'base64')
          ctx.addIssue({
            code: 'custom',
            path: ['encoding'],
            message: `must not be base64 with ${side}Schema: the ${side} is JSON text`
          })
      }
      if (p.encoding !== 'base64') return
      const parts: [(string | number)[], string | null | undefined][] = [
        [['key'], p.key],
        [['value'], p.value],
        ...Object.entries(p.headers ?? {}).map(([k, v]): [(string | number)[], string] => [
          ['headers', k],
          v
        ])
      ]
      for (const [path, text] of parts)
        if (typeof text === 'string' && !isBase64(text))
          ctx.addIssue({
            code: 'custom',
            path,
            message: 'is not base64 (encoding is base64: A-Z, a-z, 0-9, + and /, = padding)'
          })
    }),
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
  /**
   * Copies records to another topic (replay): the given records, or an offset range per
   * partition, optionally only those matching filters.
   */
  'messages.copy': copyParams,
  /** What messages.copy would copy with the same params, counted before it starts. */
  'messages.copyCount': copyParams.partial({ target: true }),
  /** Results gathered so far by a search. */
  'messages.searchResults': z.object({ operationId: z.string().min(1).max(100) }).strict()
} as const

export interface MessageHeader {
  key: string
  value: string | null
  encoding?: 'base64'
}

/** The registry schema a key or value was decoded with (wire format: magic 0 + schema id). */
export interface RecordSchema {
  id: number
  type: 'AVRO' | 'PROTOBUF' | 'JSON' | 'UNKNOWN'
  subject?: string
  version?: number
  /** Why the bytes could not be decoded (an unknown id, data that does not fit the schema). */
  error?: string
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
  /** Set when the key or value was in the registry's wire format: it is then decoded JSON. */
  keySchema?: RecordSchema
  valueSchema?: RecordSchema
  /** The undecoded bytes (base64) of a decoded key or value. */
  keyRaw?: string
  valueRaw?: string
  /**
   * Set on a record of __consumer_offsets or __transaction_state: which coordinator record it is,
   * its key and value then being Kafka's JSON of it (or why it could not be read).
   */
  coordinatorRecord?: CoordinatorRecordKind
  headers: MessageHeader[]
  sizeBytes: number
  /** For a record written in a transaction: whether it was committed, aborted or is still open. */
  transaction?: 'committed' | 'aborted' | 'open'
  /** Set on a transaction marker (read with controlMarkers): no key, value or headers of its own. */
  marker?: TransactionMarker
}

export interface CoordinatorRecordKind {
  type:
    | 'OffsetCommit'
    | 'GroupMetadata'
    | 'ConsumerGroupMetadata'
    | 'ConsumerGroupPartitionMetadata'
    | 'ConsumerGroupMemberMetadata'
    | 'ConsumerGroupTargetAssignmentMetadata'
    | 'ConsumerGroupTargetAssignmentMember'
    | 'ConsumerGroupCurrentMemberAssignment'
    | 'ConsumerGroupRegularExpression'
    | 'ShareGroupMemberMetadata'
    | 'ShareGroupMetadata'
    | 'ShareGroupTargetAssignmentMetadata'
    | 'ShareGroupTargetAssignmentMember'
    | 'ShareGroupCurrentMemberAssignment'
    | 'TransactionLog'
    | 'unknown'
  error?: string
}

export interface TransactionMarker {
  outcome: 'commit' | 'abort'
  producerId: number
  /** The transactional id of the producer, where the cluster still knows it. */
  transactionalId: string | null
}

export interface ReadResult {
  records: MessageRecord[]
  /** Per partition: where the next forward page starts. */
  nextOffsets: Record<number, number>
  /** Per partition: the first offset of this page (for paging back). */
  firstOffsets: Record<number, number>
  /** Per partition: log start offset and high watermark at the time of the read. */
  bounds: Record<
    number,
    { logStartOffset: number; highWatermark: number; lastStableOffset?: number }
  >
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

export interface CopyCount {
  /** Records the copy will read: all of them are copied unless filters apply. */
  records: number
  /** The same, per source partition. */
  partitions: Record<number, number>
  /** Filters apply: only the records among these that match are copied. */
  filtered: boolean
  /** Requested records the log no longer holds (retention, compaction) or never held. */
  missing: number
}

export interface MessagesResults {
  'messages.read': ReadResult
  'messages.produce': { partition: number; offset: number; timestamp: number }
  'messages.search': OperationStarted
  'messages.copy': OperationStarted
  'messages.copyCount': CopyCount
  'messages.searchResults': SearchResults
}
