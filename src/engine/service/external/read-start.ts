// External backend: where a read, a search or a copy starts, shared by the messages area and the
// operations that scan a topic: the partitions asked for (checked against the topic's), and
// each one's first offset from earliest, latest, an offset, a moment or the last N records.
import type { Params } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import type { ExternalContext } from './context'
import { listOffsets, type Bounds, type TopicMeta } from './metadata'

export function checkPartitions(
  t: TopicMeta,
  wanted: number[] | undefined,
  field: string
): number[] {
  const all = t.partitions.map((p) => p.partition)
  if (!wanted) return all
  for (const p of wanted)
    if (!all.includes(p))
      throw new ApiError('NOT_FOUND', `Topic '${t.name}' has no partition ${p}`, field)
  return wanted
}

/** Where a read or search starts in each partition. */
export async function startOffsets(
  ctx: ExternalContext,
  t: TopicMeta,
  parts: number[],
  b: Map<number, Bounds>,
  from: Params<'messages.read'>['from'],
  limit: number
): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  let byTime: Map<number, number> | undefined
  if (typeof from === 'object' && 'timestamp' in from)
    byTime = (
      await listOffsets(
        ctx.clients.admin(),
        [{ name: t.name, partitions: parts }],
        BigInt(from.timestamp)
      )
    ).get(t.name)
  for (const p of parts) {
    const { logStartOffset: lso, highWatermark: hw } = b.get(p)!
    let o: number
    if (from === 'earliest') o = lso
    else if (from === 'latest') o = hw
    else if ('offset' in from) o = from.offset
    else if ('timestamp' in from) {
      const found = byTime?.get(p) ?? -1
      o = found < 0 ? hw : found
    } else o = hw - Math.max(from.latest, limit)
    out.set(p, Math.min(hw, Math.max(lso, o)))
  }
  return out
}
