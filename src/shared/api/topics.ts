// Contract area: topics, their partitions and configs.
import { z } from 'zod'
import { configValues, int, topicName } from '../schema-parts'
import type { TopicDescription, TopicSummary } from '../model'

export const topicsParams = {
  'topics.list': z.object({ includeInternal: z.boolean().optional() }).strict(),
  'topics.describe': z.object({ name: topicName }).strict(),
  'topics.create': z
    .object({
      name: topicName,
      partitions: int(1, 10_000),
      replicationFactor: int(1, 32),
      configs: configValues.optional()
    })
    .strict(),
  'topics.delete': z.object({ name: topicName }).strict(),
  /** Sets and removes topic config overrides; a removed config falls back to its default. */
  'topics.alterConfigs': z
    .object({
      name: topicName,
      set: configValues.optional(),
      delete: z.array(z.string()).optional()
    })
    .strict(),
  /** Grows a topic to `totalCount` partitions; partitions never shrink. */
  'topics.createPartitions': z.object({ name: topicName, totalCount: int(1, 10_000) }).strict()
} as const

export interface TopicsResults {
  'topics.list': { topics: TopicSummary[] }
  'topics.describe': TopicDescription
  'topics.create': TopicDescription
  'topics.delete': { name: string; deleted: true }
  'topics.alterConfigs': TopicDescription
  'topics.createPartitions': TopicDescription
}
