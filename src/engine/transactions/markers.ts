// Transaction markers: the control batch that commits or aborts a producer's transaction in one
// partition, written by the partition's leader like any batch (so it replicates like one).
import type { Topic } from '../log/topic-registry'
import type { PartitionLog } from '../log/partition-log'
import type { LogConfig } from '../log/log-config'
import { ControlRecordType, encodeBatch, encodeControlKey } from '../records'
import type { PartitionTransactions } from './partition-transactions'
import type { TopicPartitionRef } from './transaction-state'

/** Version 0 of a marker's value: int16 version, int32 coordinator epoch. */
function markerValue(coordinatorEpoch = 0): Buffer {
  const value = Buffer.alloc(6)
  value.writeInt16BE(0, 0)
  value.writeInt32BE(coordinatorEpoch, 2)
  return value
}

/** The control batch of a commit or abort marker, ready to append. */
export function markerBatch(
  producerId: number,
  producerEpoch: number,
  committed: boolean,
  now: number
): Buffer {
  const type = committed ? ControlRecordType.Commit : ControlRecordType.Abort
  return encodeBatch([{ key: encodeControlKey(type), value: markerValue(), timestamp: now }], {
    transactional: true,
    control: true,
    producerId,
    producerEpoch,
    baseSequence: -1,
    now
  })
}

export interface MarkerParts {
  topic(name: string): Topic | undefined
  log(topic: Topic, partition: number): PartitionLog
  logConfig(topic: Topic): LogConfig
  partitionTransactions: PartitionTransactions
  /** The marker went in at `baseOffset`: replicate it, wake fetches waiting on the partition. */
  appended(topic: Topic, partition: number, now: number, baseOffset: number, bytes: number): void
}

/**
 * Writes the marker of a producer's transaction to a partition as its leader. False when the
 * partition has no leader now; true when written, or when the partition is gone.
 */
export function writeMarker(
  parts: MarkerParts,
  ref: TopicPartitionRef,
  producerId: number,
  producerEpoch: number,
  committed: boolean,
  now = Date.now()
): boolean {
  const topic = parts.topic(ref.topic)
  const state = topic?.partitions[ref.partition]
  if (!topic || !state) return true
  if (state.leader < 0) return false
  const log = parts.log(topic, ref.partition)
  const batch = markerBatch(producerId, producerEpoch, committed, now)
  const r = log.append(batch, {
    config: parts.logConfig(topic),
    now,
    leaderEpoch: state.leaderEpoch,
    markers: true
  })
  parts.partitionTransactions.recordMarker(
    topic.id,
    ref.partition,
    producerId,
    r.baseOffset,
    committed,
    log.highWatermark
  )
  parts.appended(topic, ref.partition, now, r.baseOffset, batch.length)
  return true
}
