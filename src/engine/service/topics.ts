// Contract handlers for the topics.* methods.
import type { Api } from '../../shared/contract'
import type { ClusterBackend } from './backend'

export function topicHandlers(
  backend: ClusterBackend
): Pick<Api, 'topics.list' | 'topics.describe' | 'topics.create' | 'topics.delete'> {
  return {
    'topics.list': async ({ includeInternal }) => ({
      topics: await backend.listTopics({ includeInternal: includeInternal ?? false })
    }),
    'topics.describe': ({ name }) => backend.describeTopic(name),
    'topics.create': async (params) => {
      await backend.createTopic(params)
      return backend.describeTopic(params.name)
    },
    'topics.delete': async ({ name }) => {
      await backend.deleteTopic(name)
      return { name, deleted: true as const }
    }
  }
}
