// The records of an engine's __consumer_offsets, read straight from its partition logs and
// decoded, for tests that check what the group coordinator wrote.
import type { Engine } from '../../src/engine/engine'
import { decodeBatch, splitBatches } from '../../src/engine/records'
import {
  decodeCoordinatorRecord,
  GROUP_RECORD_TYPES,
  type CoordinatorRecord
} from '../../src/engine/groups/coordinator-records'

/** Every record of __consumer_offsets, decoded, partition by partition, in offset order. */
export function offsetsTopicRecords(engine: Engine): CoordinatorRecord[] {
  const topic = engine.topic('__consumer_offsets')
  if (!topic) return []
  return topic.partitions.flatMap((p) => {
    const log = engine.partitionLog(topic, p.partition)
    return log
      .read(log.logStartOffset, 1 << 30)
      .flatMap((b) => splitBatches(b).batches)
      .flatMap((b) => decodeBatch(b.bytes).records)
      .map((r) => decodeCoordinatorRecord(GROUP_RECORD_TYPES, r.key as Buffer, r.value))
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
