// The records of an engine's __consumer_offsets and __transaction_state, read straight from their
// partition logs and decoded, for tests that check what the coordinators wrote.
import type { Engine } from '../../src/engine/engine'
import { decodeBatch, splitBatches } from '../../src/engine/records'
import {
  decodeCoordinatorRecord,
  GROUP_RECORD_TYPES,
  type CoordinatorRecord,
  type CoordinatorRecordTypes
} from '../../src/engine/groups/coordinator-records'
import { TRANSACTION_RECORD_TYPES } from '../../src/engine/transactions/transaction-log-records'

/** Every record of __consumer_offsets, decoded, partition by partition, in offset order. */
export function offsetsTopicRecords(engine: Engine): CoordinatorRecord[] {
  return internalTopicRecords(engine, '__consumer_offsets', GROUP_RECORD_TYPES)
}

/** Every record of __transaction_state, decoded, partition by partition, in offset order. */
export function transactionStateRecords(engine: Engine): CoordinatorRecord[] {
  return internalTopicRecords(engine, '__transaction_state', TRANSACTION_RECORD_TYPES)
}

function internalTopicRecords(
  engine: Engine,
  name: string,
  types: CoordinatorRecordTypes
): CoordinatorRecord[] {
  const topic = engine.topic(name)
  if (!topic) return []
  return topic.partitions.flatMap((p) => {
    const log = engine.partitionLog(topic, p.partition)
    return log
      .read(log.logStartOffset, 1 << 30)
      .flatMap((b) => splitBatches(b).batches)
      .flatMap((b) => decodeBatch(b.bytes).records)
      .map((r) => decodeCoordinatorRecord(types, r.key as Buffer, r.value))
  })
}

/** A group's committed offsets as the last OffsetCommit record of each partition says them. */
export function committedInTopic(engine: Engine, groupId: string): Map<string, number | null> {
  const last = new Map<string, number | null>()
  for (const r of offsetsTopicRecords(engine)) {
    if (r.key.type !== 1 || r.key.data.group !== groupId) continue
    const offset = r.value?.data.offset
    last.set(
      `${String(r.key.data.topic)}-${String(r.key.data.partition)}`,
      typeof offset === 'number' ? offset : null
    )
  }
  return last
}
