// Contract area: produce-rate time series and long-running operations.
import { z } from 'zod'
import { int, operationId, topicName } from '../schema-parts'

export const metricsParams = {
  /** Records/s and bytes/s over time, for the cluster, a topic, or each partition of a topic. */
  'metrics.produceRate': z
    .object({
      topic: topicName.optional(),
      perPartition: z.boolean().optional(),
      windowMs: int(10_000, 86_400_000).optional()
    })
    .strict(),
  'operations.cancel': z.object({ operationId }).strict(),
  'operations.list': z.object({}).strict()
} as const

/**
 * The seconds an embedded cluster's topic and partition rates (TopicSummary.recordsPerSec)
 * average over; an external cluster's rates are over the time between its last two polls.
 */
export const RATE_AVERAGE_SECONDS = 10

export interface RatePoint {
  timestamp: number
  recordsPerSec: number
  bytesPerSec: number
}

export interface RateSeries {
  /** Topic name, `topic-partition`, or `*` for the whole cluster. */
  name: string
  partition?: number
  points: RatePoint[]
}

export type OperationKind = 'search' | 'copy'

export interface OperationStatus {
  operationId: string
  kind: OperationKind
  description: string
  startedAt: number
  /** When it ended (done, cancelled or failed). */
  finishedAt?: number
  done: boolean
  cancelled: boolean
  /** 0..1 when the total is known. */
  progress: number | null
  processed: number
  matched: number
  error?: string
  /** Finished, but not as asked: e.g. a copy that copied nothing. */
  warning?: string
  summary?: string
}

export interface MetricsResults {
  'metrics.produceRate': { series: RateSeries[] }
  'operations.cancel': OperationStatus
  'operations.list': { operations: OperationStatus[] }
}
