// Embedded backend, topics area.
import { ApiError } from '../../../shared/errors'
import { toApiError } from '../api-errors'
import type { Engine } from '../../engine'
import type { Area } from '../backend'
import type { topicsParams } from '../../../shared/api/topics'
import { topicDescription, topicSummary } from './views'

export function embeddedTopics(engine: Engine): Area<typeof topicsParams> {
  const describe = (name: string) => topicDescription(engine, engine.requireTopic(name))
  return {
    'topics.list': async ({ includeInternal }) => ({
      topics: engine
        .listTopics()
        .filter((t) => includeInternal || !t.internal)
        .map((t) => topicSummary(engine, t))
    }),
    'topics.describe': async ({ name }) => describe(name),
    'topics.create': async (params) => {
      engine.createTopic(params)
      return describe(params.name)
    },
    'topics.delete': async ({ name }) => {
      engine.deleteTopic(name)
      return { name, deleted: true as const }
    },
    'topics.deleteMany': async ({ names }) => ({
      topics: names.map((name) => {
        try {
          engine.deleteTopic(name)
          return { name, deleted: true }
        } catch (err) {
          return { name, deleted: false, error: toApiError(err, 'topics.deleteMany').toJSON() }
        }
      })
    }),
    'topics.alterConfigs': async ({ name, set, delete: remove }) => {
      engine.alterTopicConfigs(name, set ?? {}, remove ?? [])
      return describe(name)
    },
    'topics.createPartitions': async ({ name, totalCount }) => {
      engine.createPartitions(name, totalCount)
      return describe(name)
    },
    'topics.deleteRecords': async ({ name, partitions, beforeOffset }) => {
      const topic = engine.requireTopic(name)
      const chosen = partitions ?? topic.partitions.map((p) => p.partition)
      const logs = chosen.map((p) => {
        if (!topic.partitions[p])
          throw new ApiError(
            'BAD_REQUEST',
            `partitions: '${name}' has ${topic.partitions.length} partitions; ${p} does not exist`,
            'partitions'
          )
        return { partition: p, log: engine.partitionLog(topic, p) }
      })
      // Checked for every partition first: a bad offset deletes nothing anywhere.
      for (const { partition, log } of logs)
        if (beforeOffset !== undefined && beforeOffset > log.highWatermark)
          throw new ApiError(
            'BAD_REQUEST',
            `beforeOffset: ${beforeOffset} is past the high watermark of ${name}-${partition} (${log.highWatermark}); records can be deleted up to it, not beyond`,
            'beforeOffset'
          )
      const deleted = engine.freeingSpace(() =>
        logs.map(({ partition, log }) => {
          const previous = log.logStartOffset
          log.deleteRecordsBefore(beforeOffset ?? log.highWatermark)
          return {
            partition,
            previousLogStartOffset: previous,
            logStartOffset: log.logStartOffset,
            deleted: Math.max(0, log.logStartOffset - previous)
          }
        })
      )
      return { name, partitions: deleted }
    }
  }
}
