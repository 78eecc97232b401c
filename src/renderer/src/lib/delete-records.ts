// What deleting records before an offset would do, partition by partition, before it is done:
// the new log start offset, how many records go, and what is wrong with the chosen offset.

export interface PartitionOffsets {
  partition: number
  logStartOffset: number
  highWatermark: number
}

export interface DeleteRecordsRow {
  partition: number
  from: number
  to: number
  deleted: number
}

export interface DeleteRecordsPlan {
  rows: DeleteRecordsRow[]
  total: number
  /** Why this cannot be done, naming the partition; null when it can. */
  error: string | null
}

/** `beforeOffset` null: everything up to each high watermark. `partition` null: every one. */
export function planDeleteRecords(
  partitions: readonly PartitionOffsets[],
  partition: number | null,
  beforeOffset: number | null
): DeleteRecordsPlan {
  const chosen = partitions.filter((p) => partition === null || p.partition === partition)
  if (chosen.length === 0)
    return { rows: [], total: 0, error: `Partition ${partition} does not exist` }
  const past = beforeOffset === null ? [] : chosen.filter((p) => beforeOffset > p.highWatermark)
  if (past.length)
    return {
      rows: [],
      total: 0,
      error:
        `Offset ${beforeOffset} is past the high watermark of ` +
        past.map((p) => `partition ${p.partition} (${p.highWatermark})`).join(', ') +
        ': records can be deleted up to it, not beyond'
    }
  const rows = chosen.map((p) => {
    const to = Math.max(p.logStartOffset, beforeOffset ?? p.highWatermark)
    return { partition: p.partition, from: p.logStartOffset, to, deleted: to - p.logStartOffset }
  })
  return { rows, total: rows.reduce((n, r) => n + r.deleted, 0), error: null }
}
