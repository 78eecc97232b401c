// External backend, messages area: pages of records by offset, time or from the end (one
// partition or all of them merged by time), and producing one record (murmur2 partitioning).
import type { messagesParams, ReadResult } from '../../../shared/api/messages'
import type { Params } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import { combinePages, tailCount, type PartitionPage } from '../../messages/read-pages'
import { fromContractBytes } from '../../messages/message-view'
import { Murmur2Partitioner } from '../../producers/partitioner'
import type { Area } from '../backend'
import type { ExternalContext } from './context'
import type { PartitionFetcher } from './fetch'
import { bounds, requireTopic } from './metadata'
import type { ExternalOperations } from './operations'
import { checkPartitions, startOffsets } from './read-start'

export function externalMessages(
  ctx: ExternalContext,
  fetcher: PartitionFetcher,
  ops: ExternalOperations
): Area<typeof messagesParams> {
  const { clients } = ctx
  const partitioner = new Murmur2Partitioner()

  async function read(params: Params<'messages.read'>): Promise<ReadResult> {
    const admin = clients.admin()
    const t = await requireTopic(admin, params.topic)
    const parts = checkPartitions(
      t,
      params.partition === undefined ? undefined : [params.partition],
      'partition'
    )
    // Only the partitions read: one ListOffsets pair, whatever the topic's size.
    const b = (
      await bounds(admin, [
        { ...t, partitions: t.partitions.filter((p) => parts.includes(p.partition)) }
      ])
    ).get(t.name)!
    const starts = await startOffsets(ctx, t, parts, b, params.from, params.limit)
    const tail = tailCount(params)
    const result: ReadResult = { records: [], nextOffsets: {}, firstOffsets: {}, bounds: {} }
    const pages: PartitionPage[] = []
    for (const p of parts) {
      const pb = b.get(p)!
      result.bounds[p] = pb
      if (tail === null) {
        const from = starts.get(p)!
        const records = await fetcher.readRange(t, p, from, pb.highWatermark, params.limit)
        const next = records.length > 0 ? records[records.length - 1].offset + 1 : from
        pages.push({ partition: p, records, first: records[0]?.offset ?? from, next, end: next })
      } else {
        const until = params.direction === 'backward' ? starts.get(p)! : pb.highWatermark
        const records = await fetcher.readTail(t, p, pb.logStartOffset, until, tail)
        pages.push({
          partition: p,
          records,
          first: records[0]?.offset ?? until,
          next: records.length > 0 ? records[records.length - 1].offset + 1 : until,
          end: until
        })
      }
    }
    const combined = combinePages(pages, params)
    result.records = combined.records
    result.firstOffsets = combined.firstOffsets
    result.nextOffsets = combined.nextOffsets
    return result
  }

  async function produce(params: Params<'messages.produce'>) {
    if (params.valueSchema || params.keySchema)
      throw new ApiError(
        'BAD_REQUEST',
        `Not on this cluster: encoding with a schema needs a schema registry, and '${ctx.name}' names none`,
        params.valueSchema ? 'valueSchema' : 'keySchema'
      )
    const admin = clients.admin()
    const t = await requireTopic(admin, params.topic)
    const enc = params.encoding ?? 'utf8'
    const key = fromContractBytes(params.key, enc)
    const count = t.partitions.length
    const partition = params.partition ?? partitioner.partition(key, count)
    partitioner.onNewBatch()
    if (partition >= count)
      throw new ApiError(
        'BAD_REQUEST',
        `Topic '${t.name}' has ${count} partitions; ${partition} does not exist`,
        'partition'
      )
    const timestamp = params.timestamp ?? Date.now()
    const headers = new Map<Buffer, Buffer>()
    for (const [k, v] of Object.entries(params.headers ?? {}))
      headers.set(Buffer.from(k), fromContractBytes(v, enc) ?? Buffer.alloc(0))
    const value = fromContractBytes(params.value, enc)
    const result = await clients.producer().send({
      messages: [
        {
          topic: t.name,
          partition,
          key: key ?? undefined,
          value: value ?? undefined,
          headers,
          timestamp: BigInt(timestamp)
        }
      ]
    })
    const offset = result.offsets?.find((o) => o.partition === partition)?.offset
    return { partition, offset: offset === undefined ? -1 : Number(offset), timestamp }
  }

  return {
    'messages.read': (params) => clients.run(`messages.read ${params.topic}`, () => read(params)),
    'messages.produce': (params) =>
      clients.run(`messages.produce ${params.topic}`, () => produce(params)),
    'messages.search': (params) => ops.search(params),
    'messages.searchResults': async ({ operationId }) => ops.results(operationId),
    'messages.copy': async (params) => ops.copy(params, await ops.sink(params.target), false),
    'messages.copyCount': (params) => ops.copyCount(params)
  }
}
