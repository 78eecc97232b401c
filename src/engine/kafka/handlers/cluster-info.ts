// DescribeCluster (key 60) and FindCoordinator (key 10): where the brokers are and which one
// coordinates a group.
//
// FindCoordinator Request (Version: 4) => key_type [coordinator_keys]
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  DescribeClusterRequest,
  DescribeClusterResponse,
  Encodable,
  FindCoordinatorRequest,
  FindCoordinatorResponse
} from '../protocol'

import type { RequestContext } from '../request-context'
import { assignReplicas } from '../../cluster/replica-assignment'
import { CLUSTER_RESOURCE_NAME } from '../../../shared/api/acls'
import { OPERATIONS_OMITTED, authorizedOperations } from '../authorized-operations'
import { endpointOn } from '../../cluster/brokers'
import { OFFSETS_TOPIC, offsetsPartitionFor } from '../../groups/offsets-topic'

export function handleDescribeCluster(
  body: DescribeClusterRequest,
  ctx: RequestContext
): Encodable<DescribeClusterResponse> {
  const { engine } = ctx
  return {
    clusterAuthorizedOperations: body.includeClusterAuthorizedOperations
      ? authorizedOperations(ctx, 'CLUSTER', CLUSTER_RESOURCE_NAME)
      : OPERATIONS_OMITTED,
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    endpointType: 1,
    clusterId: engine.clusterId,
    controllerId: engine.controllerId,
    brokers: engine.onlineBrokers().map((b) => ({
      brokerId: b.id,
      ...endpointOn(b, ctx.listenerName),
      rack: engine.brokerRack(b.id)
    }))
  }
}

/** Partitions of Kafka's __transaction_state (transaction.state.log.num.partitions). */
const TRANSACTION_STATE_PARTITIONS = 50

/** Replicas of each partition in preferred order, per broker and partition count. */
const placements = new Map<string, number[][]>()

/**
 * The running broker coordinating `key`, as in Kafka. A group's (key type 0) is the leader of its
 * partition of __consumer_offsets, which the first lookup creates (see offsets-topic.ts). A
 * transactional id's (key type 1) is the leader of its partition of __transaction_state, which is
 * not a topic here: its partitions are placed as Kafka places any topic's, with a replica on every
 * broker, and the leader is the first running one in preferred order, so a stopped broker's
 * transactional ids spread over the others and a broker that starts again leads its own again.
 */
export function coordinatorFor(ctx: RequestContext, key: string, keyType: 0 | 1 = 0) {
  const { engine } = ctx
  if (keyType === 0) {
    const id = engine.groupCoordinator(key)
    if (id !== null) return engine.broker(id) ?? null
    // A __consumer_offsets that cannot be created now (a full disk) leaves groups placed as its
    // partitions would be, so that they go on working.
    if (engine.topic(OFFSETS_TOPIC)) return null
    return placedCoordinator(ctx, key, Number(engine.brokerConfig('offsets.topic.num.partitions')))
  }
  return placedCoordinator(ctx, key, TRANSACTION_STATE_PARTITIONS)
}

/** The first running broker of the key's partition, placed with a replica on every broker. */
function placedCoordinator(ctx: RequestContext, key: string, partitions: number) {
  const { engine } = ctx
  const n = engine.brokerCount
  const cacheKey = `${n}:${partitions}`
  let placement = placements.get(cacheKey)
  if (!placement) {
    const ids = Array.from({ length: n }, (_, i) => i)
    placement = assignReplicas(ids, partitions, n, 0, 0, 0)
    placements.set(cacheKey, placement)
  }
  const leader = placement[offsetsPartitionFor(key, partitions)].find((id) => engine.isOnline(id))
  return leader === undefined ? null : (engine.broker(leader) ?? null)
}

export function handleFindCoordinator(
  body: FindCoordinatorRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<FindCoordinatorResponse> {
  const keys = apiVersion >= 4 ? body.coordinatorKeys : [body.key]
  const coordinators = keys.map((key) => {
    // Key type 0: a group; 1: a transactional id. Both spread over the running brokers.
    const b =
      body.keyType === 0 || body.keyType === 1 ? coordinatorFor(ctx, key, body.keyType) : null
    return b
      ? {
          key,
          nodeId: b.id,
          ...endpointOn(b, ctx.listenerName),
          errorCode: ErrorCode.NONE,
          errorMessage: null
        }
      : {
          key,
          nodeId: -1,
          host: '',
          port: -1,
          errorCode:
            body.keyType === 0 || body.keyType === 1
              ? ErrorCode.COORDINATOR_NOT_AVAILABLE
              : ErrorCode.INVALID_REQUEST,
          errorMessage:
            body.keyType === 0 || body.keyType === 1
              ? 'The coordinator is not available: no running broker leads its partition'
              : `Unknown coordinator key type ${body.keyType}`
        }
  })
  const first = coordinators[0]
  return {
    throttleTimeMs: 0,
    errorCode: first?.errorCode ?? ErrorCode.NONE,
    errorMessage: first?.errorMessage ?? null,
    nodeId: first?.nodeId ?? -1,
    host: first?.host ?? '',
    port: first?.port ?? -1,
    coordinators
  }
}
