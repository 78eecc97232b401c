// Embedded backend, topics area.
import type { Engine } from '../../engine'
import type { Area } from '../backend'
import type { topicsParams } from '../../../shared/api/topics'
import { topicDescription, topicSummary } from './views'

export function embeddedTopics(engine: Engine): Area<typeof topicsParams> {
  const describe = (name: string) => topicDescription(engine, engine.topics.require(name))
  return {
    'topics.list': async ({ includeInternal }) => ({
      topics: engine.topics
        .list()
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
    'topics.alterConfigs': async ({ name, set, delete: remove }) => {
      engine.alterTopicConfigs(name, set ?? {}, remove ?? [])
      return describe(name)
    },
    'topics.createPartitions': async ({ name, totalCount }) => {
      engine.createPartitions(name, totalCount)
      return describe(name)
    }
  }
}
