// What the cluster says about its topics: metadata (leaders, replicas, ISR), offsets (log start
// and high watermark via ListOffsets) and configs (DescribeConfigs), a few requests at a time.
import type { Admin } from '@platformatic/kafka'
import { ApiError } from '../../../shared/errors'
import type { ConfigEntry } from '../../../shared/model'

export interface PartitionMeta {
  partition: number
  leader: number
  leaderEpoch: number
  replicas: number[]
  isr: number[]
  offlineReplicas: number[]
}

export interface TopicMeta {
  name: string
  id: string
  partitions: PartitionMeta[]
}

export interface Bounds {
  logStartOffset: number
  highWatermark: number
}

/** topic -> partition -> bounds */
export type BoundsMap = Map<string, Map<number, Bounds>>

const TOPIC_RESOURCE = 2
const INTERNAL = new Set(['__consumer_offsets', '__transaction_state'])

export const isInternalTopic = (name: string): boolean => INTERNAL.has(name)

export async function topicMetadata(admin: Admin, names: string[]): Promise<TopicMeta[]> {
  if (names.length === 0) return []
  const md = await admin.metadata({ topics: names, forceUpdate: true })
  return names.flatMap((name) => {
    const t = md.topics.get(name)
    if (!t) return []
    return [
      {
        name,
        id: t.id,
        partitions: t.partitions.map((p, i) => ({
          partition: i,
          leader: p.leader,
          leaderEpoch: p.leaderEpoch,
          replicas: [...p.replicas],
          isr: [...p.isr],
          offlineReplicas: [...(p.offlineReplicas ?? [])]
        }))
      }
    ]
  })
}

export async function requireTopic(admin: Admin, name: string): Promise<TopicMeta> {
  const all = await admin.listTopics({ includeInternals: true })
  if (!all.includes(name)) throw new ApiError('NOT_FOUND', `Unknown topic '${name}'`, 'name')
  const [t] = await topicMetadata(admin, [name])
  if (!t) throw new ApiError('NOT_FOUND', `Unknown topic '${name}'`, 'name')
  return t
}

const listOffsetsMax = new WeakMap<Admin, Promise<number>>()

/**
 * Whether ListOffsets may ask for several partitions of a topic at once. Below v6 (librdkafka's
 * mock cluster) the answers to such requests come back misaligned, so those clusters are asked
 * one partition per request.
 */
function batchesPartitions(admin: Admin): Promise<boolean> {
  let max = listOffsetsMax.get(admin)
  if (!max) {
    max = admin
      .listApis()
      .then((apis) => apis.find((a) => a.name === 'ListOffsets')?.maxVersion ?? 0)
    listOffsetsMax.set(admin, max)
    max.catch(() => listOffsetsMax.delete(admin))
  }
  return max.then((v) => v >= 6)
}

/** Offsets at a timestamp (-2 earliest, -1 latest) for the given partitions of many topics. */
export async function listOffsets(
  admin: Admin,
  topics: { name: string; partitions: number[] }[],
  timestamp: bigint | ((topic: string, partition: number) => bigint),
  batched = false
): Promise<Map<string, Map<number, number>>> {
  const out = new Map<string, Map<number, number>>()
  const wanted = topics.filter((t) => t.partitions.length > 0)
  if (wanted.length === 0) return out
  if (!batched && !(await batchesPartitions(admin))) {
    const single = wanted.flatMap((t) =>
      t.partitions.map((p) => ({ name: t.name, partitions: [p] }))
    )
    for (const t of single) {
      const one = await listOffsets(admin, [t], timestamp, true)
      const m = out.get(t.name) ?? new Map<number, number>()
      out.set(t.name, m)
      for (const [p, o] of one.get(t.name) ?? []) m.set(p, o)
    }
    return out
  }
  const listed = await admin.listOffsets({
    topics: wanted.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p,
        timestamp: typeof timestamp === 'function' ? timestamp(t.name, p) : timestamp
      }))
    }))
  })
  for (const t of listed) {
    const m = out.get(t.name) ?? new Map<number, number>()
    out.set(t.name, m)
    for (const p of t.partitions) m.set(p.partitionIndex, Number(p.offset))
  }
  return out
}

export async function bounds(admin: Admin, topics: TopicMeta[]): Promise<BoundsMap> {
  const req = topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => p.partition)
  }))
  const [earliest, latest] = await Promise.all([
    listOffsets(admin, req, -2n),
    listOffsets(admin, req, -1n)
  ])
  const out: BoundsMap = new Map()
  for (const t of req) {
    const m = new Map<number, Bounds>()
    for (const p of t.partitions) {
      const hw = latest.get(t.name)?.get(p) ?? 0
      m.set(p, {
        logStartOffset: Math.min(earliest.get(t.name)?.get(p) ?? 0, hw),
        highWatermark: hw
      })
    }
    out.set(t.name, m)
  }
  return out
}

/** Topic configs as the cluster reports them (all of them, or only `keys`). */
export async function topicConfigs(
  admin: Admin,
  names: string[],
  keys?: string[]
): Promise<Map<string, ConfigEntry[]>> {
  const out = new Map<string, ConfigEntry[]>()
  if (names.length === 0) return out
  const described = await admin.describeConfigs({
    resources: names.map((n) => ({
      resourceType: TOPIC_RESOURCE,
      resourceName: n,
      configurationKeys: keys ?? null
    })),
    includeDocumentation: keys === undefined
  })
  for (const r of described)
    out.set(
      r.resourceName,
      r.configs
        .filter((c) => !c.isSensitive)
        .map((c) => ({
          name: c.name,
          value: c.value ?? '',
          // DYNAMIC_TOPIC_CONFIG is an override on the topic; anything else is inherited.
          source: c.configSource === 1 ? ('topic' as const) : ('default' as const),
          defaultValue:
            c.configSource === 1
              ? (c.synonyms.find((s) => s.source !== 1)?.value ?? '')
              : (c.value ?? ''),
          documentation: c.documentation ?? ''
        }))
    )
  return out
}
