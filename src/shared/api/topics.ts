// Contract area: topics, their partitions and configs.
import { z } from 'zod'
import { configValues, int, offset, partitionIndex, topicName } from '../schema-parts'
import type { TopicDescription, TopicSummary } from '../model'
import type { ApiErrorBody } from '../errors'

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
  /**
   * Deletes several topics at once; each is deleted or fails on its own (a failure does not stop
   * the others), and the result says which.
   */
  'topics.deleteMany': z
    .object({
      names: z
        .array(topicName)
        .min(1, 'name at least one topic')
        .max(10_000)
        .superRefine((names, ctx) => {
          const seen = new Set<string>()
          for (const [i, name] of names.entries()) {
            if (seen.has(name))
              ctx.addIssue({
                code: 'custom',
                path: [i],
                message: `topic '${name}' is named twice`
              })
            seen.add(name)
          }
        })
    })
    .strict(),
  /** Sets and removes topic config overrides; a removed config falls back to its default. */
  'topics.alterConfigs': z
    .object({
      name: topicName,
      set: configValues.optional(),
      delete: z.array(z.string()).optional()
    })
    .strict(),
  /** Grows a topic to `totalCount` partitions; partitions never shrink. */
  'topics.createPartitions': z.object({ name: topicName, totalCount: int(1, 10_000) }).strict(),
  /**
   * Deletes the records before `beforeOffset` (Kafka's DeleteRecords): it becomes the log start
   * offset of each chosen partition (all by default). Without `beforeOffset`, everything up to
   * the high watermark goes.
   */
  'topics.deleteRecords': z
    .object({
      name: topicName,
      partitions: z.array(partitionIndex).min(1, 'name at least one partition').optional(),
      beforeOffset: offset.optional()
    })
    .strict()
} as const

export interface DeletedRecords {
  partition: number
  /** The log start offset before and after. */
  previousLogStartOffset: number
  logStartOffset: number
  /** Records no longer readable. */
  deleted: number
}

/** One topic of a topics.deleteMany: deleted, or the error that kept it. */
export interface TopicDeletion {
  name: string
  deleted: boolean
  error?: ApiErrorBody
}

export interface TopicsResults {
  'topics.list': { topics: TopicSummary[] }
  'topics.describe': TopicDescription
  'topics.create': TopicDescription
  'topics.delete': { name: string; deleted: true }
  'topics.deleteMany': { topics: TopicDeletion[] }
  'topics.alterConfigs': TopicDescription
  'topics.createPartitions': TopicDescription
  'topics.deleteRecords': { name: string; partitions: DeletedRecords[] }
}
