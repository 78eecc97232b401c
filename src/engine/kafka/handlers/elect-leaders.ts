// ElectLeaders (43): preferred-leader election (type 0); unclean election (type 1) picks any
// running replica.
//
// ElectLeaders Request (Version: 2) => election_type [topic_partitions] timeout_ms
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { ElectLeadersRequest, ElectLeadersResponse, Encodable } from '../protocol'

import type { RequestContext } from '../request-context'

export function handleElectLeaders(
  body: ElectLeadersRequest,
  ctx: RequestContext
): Encodable<ElectLeadersResponse> {
  const { engine } = ctx
  const requested =
    body.topicPartitions ??
    engine
      .listTopics()
      .map((t) => ({ topic: t.name, partitions: t.partitions.map((p) => p.partition) }))
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    replicaElectionResults: requested.map(({ topic, partitions }) => {
      const t = engine.topic(topic)
      if (!t)
        return {
          topic,
          partitionResult: partitions.map((partitionId) => ({
            partitionId,
            errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            errorMessage: `Topic '${topic}' does not exist`
          }))
        }
      const elected = new Set(
        engine.electPreferredLeaders(topic, partitions).map((e) => e.partition)
      )
      return {
        topic,
        partitionResult: partitions.map((partitionId) => {
          const p = t.partitions[partitionId]
          if (!p)
            return {
              partitionId,
              errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
              errorMessage: 'No such partition'
            }
          if (elected.has(partitionId))
            return { partitionId, errorCode: ErrorCode.NONE, errorMessage: null }
          if (p.leader === p.replicas[0])
            return {
              partitionId,
              errorCode: ErrorCode.ELECTION_NOT_NEEDED,
              errorMessage: 'Leader is already the preferred replica'
            }
          return {
            partitionId,
            errorCode: ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE,
            errorMessage: 'The preferred replica is not running or not in sync'
          }
        })
      }
    })
  }
}
