// Contract area: hot-partition diagnosis and the what-if simulator.
import { z } from 'zod'
import { int, topicName } from '../schema-parts'

const keyStrategy = z.union([
  z.object({ kind: z.literal('asIs') }).strict(),
  z.object({ kind: z.literal('salt'), buckets: int(2, 1000) }).strict(),
  z
    .object({
      kind: z.literal('compound'),
      header: z.string().min(1).optional(),
      jsonField: z.string().min(1).optional()
    })
    .strict(),
  z.object({ kind: z.literal('none') }).strict()
])

export const partitionsParams = {
  /** Per-partition counts, rates and top keys from a key sample, with skew figures. */
  'partitions.skew': z
    .object({ topic: topicName, sampleSize: int(1, 1_000_000).optional() })
    .strict(),
  /** Predicted distribution of the sampled keys for another partition count or key strategy. */
  'partitions.whatIf': z
    .object({
      topic: topicName,
      partitionCount: int(1, 10_000),
      strategy: keyStrategy,
      sampleSize: int(1, 1_000_000).optional()
    })
    .strict()
} as const

export interface KeyShare {
  key: string | null
  count: number
  /** Share of the partition's sampled records. */
  share: number
}

export interface PartitionSkew {
  partition: number
  records: number
  bytes: number
  recordsPerSec: number
  bytesPerSec: number
  /** Share of the topic's writes in the sample window. */
  share: number
  topKeys: KeyShare[]
}

export interface SkewFigures {
  maxOverMean: number
  coefficientOfVariation: number
}

export interface SkewReport {
  topic: string
  /**
   * Records in the key sample, keyless ones included (not distinct keys): the newest of each
   * partition, `sampleSize` in all, split by recent writes. `partitions.whatIf` with this
   * figure as its `sampleSize` simulates the same records.
   */
  sampledRecords: number
  partitions: PartitionSkew[]
  skew: SkewFigures
  /** Plain-language findings, most important first. */
  diagnosis: string[]
  remedies: string[]
}

export interface WhatIfResult {
  topic: string
  partitionCount: number
  /** Records simulated, keyless ones included: the same sample `partitions.skew` takes. */
  sampledRecords: number
  distribution: { partition: number; count: number; share: number }[]
  skew: SkewFigures
  /** Share of sampled keys that would land on another partition than today. */
  movedShare: number
}

export interface PartitionsResults {
  'partitions.skew': SkewReport
  'partitions.whatIf': WhatIfResult
}
