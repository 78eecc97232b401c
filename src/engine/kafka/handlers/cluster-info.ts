// DescribeCluster (key 60) and FindCoordinator (key 10): where the brokers are and which one
// coordinates a group.
//
// FindCoordinator Request (Version: 4) => key_type [coordinator_keys]
// DescribeCluster Request (Version: 2) => include_cluster_authorized_operations endpoint_type
//   include_fenced_brokers   (2, KIP-1073: the running brokers, and with include_fenced_brokers
//   the stopped ones too, each with is_fenced, as a stopped Kafka broker stays registered fenced)
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
import { OFFSETS_TOPIC } from '../../groups/offsets-topic'
import { TRANSACTION_STATE_TOPIC } from '../../transactions/transaction-state-topic'
import {
  SHARE_GROUP_STATE_TOPIC,
  sharePartitionKeyProblem
} from '../../share-partitions/share-group-state-topic'
import { coordinatorPartitionFor } from '../../cluster/internal-topic'

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
    brokers: (body.includeFencedBrokers ? engine.listBrokers() : engine.onlineBrokers()).map(
      (b) => ({
        brokerId: b.id,
        ...endpointOn(b, ctx.listenerName),
        rack: engine.brokerRack(b.id),
        isFenced: b.status !== 'online'
      })
    )
  }
}

/** Replicas of each partition in preferred order, per broker and partition count. */
const placements = new Map<string, number[][]>()

/**
 * Per key type (0: a group, 1: a transactional id, 2: a share partition's state): its
 * coordinators' topic and its config.
 */
const COORDINATOR_TOPICS = [
  { topic: OFFSETS_TOPIC, partitions: 'offsets.topic.num.partitions' },
  { topic: TRANSACTION_STATE_TOPIC, partitions: 'transaction.state.log.num.partitions' },
  { topic: SHARE_GROUP_STATE_TOPIC, partitions: 'share.coordinator.state.topic.num.partitions' }
] as const

/**
 * The running broker coordinating `key`, as in Kafka: the leader of the key's partition of
 * __consumer_offsets (a group, key type 0), __transaction_state (a transactional id, key type
 * 1) or __share_group_state (a share partition, key type 2), which the first lookup creates (see
 * cluster/internal-topic.ts).
 */
export function coordinatorFor(ctx: RequestContext, key: string, keyType: 0 | 1 | 2 = 0) {
  const { engine } = ctx
  const id =
    keyType === 0
      ? engine.groupCoordinator(key)
      : keyType === 1
        ? engine.transactionCoordinator(key)
        : engine.shareCoordinator(key)
  if (id !== null) return engine.broker(id) ?? null
  // A topic that cannot be created now (a full disk) leaves keys placed as its partitions would
  // be, so that groups and transactions go on working.
  const { topic, partitions } = COORDINATOR_TOPICS[keyType]
  if (engine.topic(topic)) return null
  return placedCoordinator(ctx, key, Number(engine.brokerConfig(partitions)))
}

/** The first running broker of the key's partition, placed with a replica on every broker. */
function placedCoordinator(ctx: RequestContext, key: string, partitions: number) {
  const { engine } = ctx
  const ids = engine.brokerIds()
  const cacheKey = `${ids.join(',')}:${partitions}`
  let placement = placements.get(cacheKey)
  if (!placement) {
    placement = assignReplicas(ids, partitions, ids.length, 0, 0, 0)
    placements.set(cacheKey, placement)
  }
  const leader = placement[coordinatorPartitionFor(key, partitions)].find((id) =>
    engine.isOnline(id)
  )
  return leader === undefined ? null : (engine.broker(leader) ?? null)
}

export function handleFindCoordinator(
  body: FindCoordinatorRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<FindCoordinatorResponse> {
  const keys = apiVersion >= 4 ? body.coordinatorKeys : [body.key]
  const { keyType } = body
  const coordinators = keys.map((key) => {
    // Key type 2 (SHARE, KIP-932, v6 on): a share partition key, as Kafka checks it.
    const problem =
      keyType !== 2
        ? null
        : apiVersion < 6
          ? `Share coordinator keys need FindCoordinator v6, not v${apiVersion}`
          : !ctx.engine.shareGroupsEnabled()
            ? 'The share group protocol is not enabled'
            : sharePartitionKeyProblem(key)
    if (problem !== null)
      return {
        key,
        nodeId: -1,
        host: '',
        port: -1,
        errorCode: ErrorCode.INVALID_REQUEST,
        errorMessage: problem
      }
    // Key type 0: a group; 1: a transactional id; 2: a share partition. Each spread over the
    // running brokers.
    const known = keyType === 0 || keyType === 1 || keyType === 2
    const b = known ? coordinatorFor(ctx, key, keyType) : null
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
          errorCode: known ? ErrorCode.COORDINATOR_NOT_AVAILABLE : ErrorCode.INVALID_REQUEST,
          errorMessage: known
            ? 'The coordinator is not available: no running broker leads its partition'
            : `Unknown coordinator key type ${keyType}`
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
