// Long operations on an external cluster (search, copy): they run as async loops over Fetch
// requests, report progress, keep a search's matches, and stop when cancelled.
import type { MessageRecord, SearchResults } from '../../../shared/api/messages'
import type { OperationKind, OperationStatus } from '../../../shared/api/metrics'
import type { ClusterEvents, Params } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import { compileFilters } from '../../messages/filters'
import { fromContractBytes } from '../../messages/message-view'
import { Murmur2Partitioner } from '../../producers/partitioner'
import type { DecodedRecord } from '../../records'
import type { TypedSchemaSource } from '../../registry/catalog'
import { TypedDecoder } from '../../registry/typed-decoder'
import { Operations, type Operation } from '../operations'
import { missingTarget, type CopyRecord, type CopySink } from '../copy'
import type { ExternalContext } from './context'
import type { PartitionFetcher } from './fetch'
import { bounds, requireTopic } from './metadata'
import { checkPartitions, startOffsets } from './read-start'

/** A contract record back as the bytes a filter looks at. */
function asDecoded(r: MessageRecord): DecodedRecord {
  return {
    offset: r.offset,
    timestamp: r.timestamp,
    attributes: 0,
    timestampDelta: 0,
    offsetDelta: 0,
    key: fromContractBytes(r.key, r.keyEncoding ?? 'utf8'),
    value: fromContractBytes(r.value, r.valueEncoding ?? 'utf8'),
    headers: r.headers.map((h) => ({
      key: h.key,
      value: fromContractBytes(h.value, h.encoding ?? 'utf8')
    }))
  }
}

/**
 * Filters that see typed keys and values decoded, as on the embedded cluster: the decoder learns
 * each fetched batch's schemas from the connection's registry before the filters look at it.
 */
function typedFilters(
  filters: Params<'messages.search'>['filters'],
  schemas: TypedSchemaSource | undefined
) {
  const decoder = schemas ? TypedDecoder.empty() : undefined
  const match = compileFilters(filters, decoder && ((b) => decoder.text(b)))
  return {
    decoder,
    match,
    async learn(batch: readonly DecodedRecord[]): Promise<void> {
      if (decoder && schemas)
        await decoder.learn(
          schemas,
          batch.flatMap((d) => [d.key, d.value])
        )
    }
  }
}

export class ExternalOperations {
  private readonly registry: Operations

  constructor(
    private readonly ctx: ExternalContext,
    private readonly fetcher: PartitionFetcher,
    emit: (payload: ClusterEvents['operation.progress']) => void,
    /** The connection's schema registry, when it names one. */
    private readonly schemas?: TypedSchemaSource
  ) {
    this.registry = new Operations(emit)
  }

  list(): OperationStatus[] {
    return this.registry.list()
  }

  cancel(id: string): OperationStatus {
    return this.registry.cancel(id)
  }

  results(id: string): SearchResults {
    return this.registry.results(id)
  }

  async search(params: Params<'messages.search'>): Promise<{ operationId: string }> {
    const { decoder, match, learn } = typedFilters(params.filters, this.schemas)
    const { ranges, topic } = await this.ctx.clients.run(
      `messages.search ${params.topic}`,
      async () => {
        const admin = this.ctx.clients.admin()
        const t = await requireTopic(admin, params.topic)
        const parts = checkPartitions(t, params.partitions, 'partitions')
        const b = (await bounds(admin, [t])).get(t.name)!
        const starts = await startOffsets(this.ctx, t, parts, b, params.from, params.limit)
        return {
          topic: t,
          ranges: parts.map((p) => ({
            p,
            from: starts.get(p)!,
            until: Math.min(params.untilOffset ?? Infinity, b.get(p)!.highWatermark)
          }))
        }
      }
    )
    const total = ranges.reduce((n, r) => n + Math.max(0, r.until - r.from), 0)
    const maxScan = params.maxScan ?? Number.MAX_SAFE_INTEGER
    return this.start('search', `Search ${params.topic}`, async (op, progress) => {
      for (const r of ranges) {
        let pos = r.from
        while (pos < r.until && !op.cancelled && op.records.length < params.limit) {
          if (op.status.processed >= maxScan) break
          const { records } = await this.fetcher.fetchOnce(topic, r.p, pos)
          if (records.length === 0) break
          const decoded = records.map(asDecoded)
          await learn(decoded)
          for (const [i, rec] of records.entries()) {
            if (rec.offset >= r.until) break
            if (params.untilTimestamp !== undefined && rec.timestamp >= params.untilTimestamp) break
            op.status.processed++
            if (match(decoded[i]) && op.records.length < params.limit) {
              // Matches come back as messages.read shows them: decoded, naming their schema.
              decoder?.decodeRecord(rec, topic.name)
              op.records.push(rec)
              op.status.matched++
            }
          }
          pos = records[records.length - 1].offset + 1
          op.status.progress = total === 0 ? 1 : Math.min(1, op.status.processed / total)
          progress()
        }
      }
      return `Scanned ${op.status.processed} record(s), ${op.status.matched} matched`
    })
  }

  async copyCount(params: Params<'messages.copyCount'>) {
    return this.ctx.clients.run(`messages.copyCount ${params.source}`, async () => {
      const plan = await this.plan(params, true)
      const partitions: Record<number, number> = {}
      let records = 0
      for (const r of plan.ranges) {
        // Chosen records count one each, within what the log still holds; a range counts its
        // offsets (an upper bound where compaction or transaction markers left gaps).
        const chosen = plan.offsets?.get(r.p)
        const n = chosen
          ? [...chosen].filter((o) => o >= r.from && o < r.until).length
          : Math.max(0, r.until - r.from)
        partitions[r.p] = (partitions[r.p] ?? 0) + n
        records += n
      }
      const selected = params.records?.length ?? null
      return {
        records,
        partitions,
        filtered: (params.filters ?? []).length > 0,
        missing: selected === null ? 0 : selected - records
      }
    })
  }

  /** A topic of this cluster to copy into, written through the producer (acks=all). */
  async sink(topic: string): Promise<CopySink> {
    const target = await this.ctx.clients.run(`messages.copy ${topic}`, async () =>
      requireTopic(this.ctx.clients.admin(), topic).catch(() => {
        const { code, message } = missingTarget(topic)
        throw new ApiError(code, message, 'target')
      })
    )
    const clients = this.ctx.clients
    return {
      topic: target.name,
      partitions: target.partitions.length,
      async write(partition, records) {
        await clients.producer().send({
          messages: records.map((r) => ({
            topic: target.name,
            partition,
            key: r.key ?? undefined,
            value: r.value ?? undefined,
            // Buffer keys are distinct map keys: a header repeated under one name stays repeated.
            headers: new Map(
              r.headers.map((h) => [Buffer.from(h.key), h.value ?? Buffer.alloc(0)])
            ),
            timestamp: r.timestamp === undefined ? undefined : BigInt(r.timestamp)
          }))
        })
      }
    }
  }

  async copy(
    params: Params<'messages.copy'>,
    sink: CopySink,
    intoAnotherCluster: boolean
  ): Promise<{ operationId: string }> {
    // Records are copied as stored (typed ones keep their schema id); filters see them decoded.
    const { match, learn } = typedFilters(params.filters ?? [], this.schemas)
    const plan = await this.ctx.clients.run(`messages.copy ${params.source}`, () =>
      this.plan(params, !intoAnotherCluster)
    )
    const partitioner = new Murmur2Partitioner()
    const total = plan.ranges.reduce((n, r) => n + Math.max(0, r.until - r.from), 0)
    const into = sink.connection ? `${sink.topic} on ${sink.connection}` : sink.topic
    return this.start('copy', `Copy ${params.source} to ${into}`, async (op, progress) => {
      for (const r of plan.ranges) {
        let pos = r.from
        while (pos < r.until && !op.cancelled) {
          const { records } = await this.fetcher.fetchOnce(plan.topic, r.p, pos)
          if (records.length === 0) break
          const batch = records.filter(
            (x) => x.offset < r.until && (!plan.offsets || plan.offsets.get(r.p)?.has(x.offset))
          )
          op.status.processed += batch.length
          const decoded = batch.map(asDecoded)
          if (params.filters?.length) await learn(decoded)
          const byPartition = new Map<number, CopyRecord[]>()
          for (const [i, x] of batch.entries()) {
            const d = decoded[i]
            if (!match(d)) continue
            const tp =
              params.keepPartition && r.p < sink.partitions
                ? r.p
                : partitioner.partition(d.key, sink.partitions)
            const list = byPartition.get(tp) ?? []
            list.push({
              key: d.key,
              value: d.value,
              headers: d.headers,
              timestamp: params.keepTimestamps === false ? undefined : x.timestamp
            })
            byPartition.set(tp, list)
          }
          partitioner.onNewBatch()
          for (const [tp, chosen] of byPartition) {
            await sink.write(tp, chosen)
            op.status.matched += chosen.length
          }
          pos = records[records.length - 1].offset + 1
          op.status.progress = total === 0 ? 1 : Math.min(1, op.status.processed / total)
          progress()
        }
      }
      if (op.status.matched === 0) op.status.warning = 'Nothing was copied'
      return `Copied ${op.status.matched} record(s) to ${into}`
    })
  }

  /** What a copy reads; a range copied onto its own topic needs an end (`ontoItself`). */
  private async plan(params: Params<'messages.copyCount'>, ontoItself: boolean) {
    const admin = this.ctx.clients.admin()
    const topic = await requireTopic(admin, params.source)
    const b = (await bounds(admin, [topic])).get(topic.name)!
    if (params.records) {
      const offsets = new Map<number, Set<number>>()
      for (const r of params.records) {
        const s = offsets.get(r.partition) ?? new Set<number>()
        s.add(r.offset)
        offsets.set(r.partition, s)
      }
      checkPartitions(topic, [...offsets.keys()], 'records')
      const ranges = [...offsets].map(([p, s]) => ({
        p,
        from: Math.max(Math.min(...s), b.get(p)!.logStartOffset),
        until: Math.min(Math.max(...s) + 1, b.get(p)!.highWatermark)
      }))
      return { topic, ranges, offsets }
    }
    if (ontoItself && params.target === topic.name && params.untilOffset === undefined)
      throw new ApiError(
        'BAD_REQUEST',
        'Copying a topic onto itself needs an end offset, or it would never finish',
        'untilOffset'
      )
    const ranges = checkPartitions(topic, params.partitions, 'partitions').map((p) => {
      const { logStartOffset, highWatermark } = b.get(p)!
      const from = Math.max(params.fromOffset ?? logStartOffset, logStartOffset)
      return {
        p,
        from,
        until: Math.max(from, Math.min(params.untilOffset ?? highWatermark, highWatermark))
      }
    })
    return { topic, ranges, offsets: null }
  }

  private start(
    kind: OperationKind,
    description: string,
    run: (op: Operation, progress: () => void) => Promise<string>
  ): { operationId: string } {
    const op = this.registry.startDriven(kind, description, run)
    return { operationId: op.status.operationId }
  }
}
