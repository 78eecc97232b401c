// The vocabulary of KIP-932's share partitions, with Kafka's ids: the state of an in-flight
// record (RecordState) and what a consumer's acknowledgement asks for (AcknowledgeType).

/** An in-flight record's state (Kafka's RecordState ids, as the share coordinator stores them). */
export const RecordState = {
  /** Ready to be acquired by any member. */
  AVAILABLE: 0,
  /** Delivered to one member, locked until acknowledged or its acquisition lock expires. */
  ACQUIRED: 1,
  /** Processed: never delivered again. */
  ACKNOWLEDGED: 2,
  /** Rejected, past the delivery count limit, aborted, or no record (a gap): never delivered. */
  ARCHIVED: 4
} as const
export type RecordState = (typeof RecordState)[keyof typeof RecordState]

/**
 * An acknowledgement's type, as ShareFetch and ShareAcknowledge carry it. RENEW (KIP-1222, version
 * 2 of both) keeps the records acquired and starts their acquisition lock again.
 */
export const AcknowledgeType = { GAP: 0, ACCEPT: 1, RELEASE: 2, REJECT: 3, RENEW: 4 } as const
export type AcknowledgeType = (typeof AcknowledgeType)[keyof typeof AcknowledgeType]

/** The limits a share partition works within (group and broker configs). */
export interface ShareLimits {
  /** share.record.lock.duration.ms: how long an acquired record stays locked to its member. */
  lockDurationMs: number
  /** group.share.delivery.count.limit: deliveries after which a record is archived. */
  deliveryCountLimit: number
  /** group.share.partition.max.record.locks: the most in-flight records a share partition has. */
  maxRecordLocks: number
}

/**
 * How records are acquired (ShareFetch's ShareAcquireMode, KIP-1206): BATCH_OPTIMIZED hands out
 * whole stored batches, exceeding MaxRecords to keep them whole; RECORD_LIMIT acquires at most
 * MaxRecords records, cutting a stored batch's acquired range where the limit falls.
 */
export const ShareAcquireMode = { BATCH_OPTIMIZED: 0, RECORD_LIMIT: 1 } as const

/** A range of records acquired together, as ShareFetch's AcquiredRecords lists them. */
export interface AcquiredRange {
  firstOffset: number
  lastOffset: number
  deliveryCount: number
}

/** An acknowledgement of a range of records: one type for all, or one per offset. */
export interface AcknowledgementBatch {
  firstOffset: number
  lastOffset: number
  acknowledgeTypes: number[]
}
