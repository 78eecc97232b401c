// AlterPartitionReassignments (45) and ListPartitionReassignments (46): moving partitions'
// replicas between the simulated brokers, and what moves now.
//
// AlterPartitionReassignments Request (Version: 1) => timeout_ms allow_replication_factor_change
//   [topics]
//   topics => name [partitions]
//     partitions => partition_index [replicas]   (null replicas: cancel)
// With allow_replication_factor_change false (v1, KIP-860), a target whose size is not the
// partition's replication factor is refused INVALID_REPLICATION_FACTOR; the answer says the
// option back.
// ListPartitionReassignments Request (Version: 0) => timeout_ms [topics]
//   topics => name [partition_indexes]
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { toKafkaError } from '../error-codes'
import type {
  AlterPartitionReassignmentsRequest,
  AlterPartitionReassignmentsResponse,
  Encodable,
  ListPartitionReassignmentsRequest,
  ListPartitionReassignmentsResponse
} from '../protocol'
import type { RequestContext } from '../request-context'

export function handleAlterPartitionReassignments(
  body: AlterPartitionReassignmentsRequest,
  ctx: RequestContext
): Encodable<AlterPartitionReassignmentsResponse> {
  const { engine } = ctx
  const { allowReplicationFactorChange } = body
  return {
    throttleTimeMs: 0,
    allowReplicationFactorChange,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    responses: body.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map(({ partitionIndex, replicas }) => {
        try {
          engine.reassignPartition(t.name, partitionIndex, replicas, {
            allowReplicationFactorChange
          })
          return { partitionIndex, errorCode: ErrorCode.NONE, errorMessage: null }
        } catch (err) {
          const { code, message } = toKafkaError(err)
          return { partitionIndex, errorCode: code, errorMessage: message }
        }
      })
    }))
  }
}

export function handleListPartitionReassignments(
  body: ListPartitionReassignmentsRequest,
  ctx: RequestContext
): Encodable<ListPartitionReassignmentsResponse> {
  const wanted =
    body.topics === null
      ? undefined
      : new Map(body.topics.map((t) => [t.name, new Set(t.partitionIndexes)]))
  const ongoing = ctx.engine.reassignments(
    wanted && ((topic, partition) => wanted.get(topic)?.has(partition) ?? false)
  )
  const byTopic = new Map<string, typeof ongoing>()
  for (const r of ongoing) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r])
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    topics: [...byTopic].map(([name, list]) => ({
      name,
      partitions: list.map((r) => ({
        partitionIndex: r.partition,
        replicas: r.replicas,
        addingReplicas: r.addingReplicas,
        removingReplicas: r.removingReplicas
      }))
    }))
  }
}
