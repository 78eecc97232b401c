// One poll of the history collector: the end offsets of every partition (ListOffsets, one
// request per leader for each of earliest and latest), their sizes (DescribeLogDirs, one request
// per broker) and the committed offsets of every group (ListGroups and OffsetFetch), recorded
// with the lag they make. No records are read.
import { partitionLag } from '../../groups/views'
import type { ExternalContext } from './context'
import { committedOffsets } from './groups'
import { isUnsupportedApi } from './kafka-errors'
import { describeLogDirs, partitionSize } from './log-dirs'
import { bounds, topicMetadata } from './metadata'
import type { LagSample, PartitionSample } from './history'
import { listReassignments } from './reassignments'

export async function collectOnce(ctx: ExternalContext, now = Date.now()): Promise<void> {
  await ctx.clients.run('history poll', async () => {
    const admin = ctx.clients.admin()
    const names = await admin.listTopics({ includeInternals: false })
    const topics = await topicMetadata(admin, names)
    const [b, dirs] = await Promise.all([bounds(admin, topics), describeLogDirs(admin, topics)])
    const partitions: PartitionSample[] = []
    for (const t of topics)
      for (const p of t.partitions) {
        const x = b.get(t.name)?.get(p.partition)
        if (x)
          partitions.push({
            topic: t.name,
            partition: p.partition,
            ...x,
            sizeBytes: partitionSize(dirs, t.name, p)
          })
      }
    // A cluster without ListGroups (librdkafka's mock) still gets its end offsets recorded.
    const groups = await admin.listGroups().then(
      (m) => [...m.keys()],
      (err: unknown) => {
        if (isUnsupportedApi(err)) return []
        throw err
      }
    )
    const committed = await committedOffsets(admin, groups)
    const lags: LagSample[] = []
    for (const [groupId, offsets] of committed)
      for (const o of offsets) {
        const p = b.get(o.topic)?.get(o.partition)
        if (!p) continue
        lags.push({
          groupId,
          topic: o.topic,
          partition: o.partition,
          committedOffset: o.committedOffset,
          lag: partitionLag(o.committedOffset, p).lag
        })
      }
    ctx.history.record(now, partitions, lags)
    // Moves the console throttled: the poll also finds those over, and takes their throttle off.
    if (ctx.moves.tracked().length > 0) await listReassignments(ctx).catch(() => [])
  })
}
