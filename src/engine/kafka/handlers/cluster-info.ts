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
import { javaHash } from '../java-hash-order'

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

/** Partitions of Kafka's __consumer_offsets and __transaction_state (offsets.topic.num.partitions). */
const COORDINATOR_PARTITIONS = 50

/** Replicas of each coordinator partition in preferred order, per broker count. */
const placements = new Map<number, number[][]>()

/**
 * The running broker coordinating `key`, as in Kafka: the leader of the key's partition of
 * __consumer_offsets (or __transaction_state). Those partitions are placed as Kafka places any
 * topic's, with a replica on every broker; the leader is the first running one in preferred
 * order. So a stopped broker's groups spread over the others and no other group moves, and a
 * broker that starts again leads its partitions again (Kafka's preferred leader election).
 */
export function coordinatorFor(ctx: RequestContext, key: string) {
  const { engine } = ctx
  const n = engine.brokerCount
  let placement = placements.get(n)
  if (!placement) {
    const ids = Array.from({ length: n }, (_, i) => i)
    placement = assignReplicas(ids, COORDINATOR_PARTITIONS, n, 0, 0, 0)
    placements.set(n, placement)
  }
  // Kafka places a key with Java's String.hashCode.
  const partition = (javaHash(key) & 0x7fffffff) % COORDINATOR_PARTITIONS
  const leader = placement[partition].find((id) => engine.isOnline(id))
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
    const b = body.keyType === 0 || body.keyType === 1 ? coordinatorFor(ctx, key) : null
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
              ? 'No broker is running'
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
