// DescribeQuorum (key 55): the KRaft quorum of the __cluster_metadata log, as the cluster's
// metadata quorum (cluster/metadata-quorum.ts) describes it: the leader (the controller), its
// epoch, the high watermark, the voters with their log end offsets and fetch times, and (v2) each
// voter's listener. Any broker answers, as Kafka's brokers forward it to the active controller.
//
// DescribeQuorum Request (Version: 2) => [topics]
//   topics => topic_name [partitions]
//     partitions => partition_index
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { ZERO_UUID } from '../../../shared/kafka/protocol-constants'
import type { QuorumReplica } from '../../cluster/metadata-quorum'
import type { DescribeQuorumRequest, DescribeQuorumResponse, Encodable } from '../protocol'
import type { RequestContext } from '../request-context'
import { endpointOn } from '../../cluster/brokers'

export const METADATA_TOPIC = '__cluster_metadata'

/** Kafka names the default listener after its security protocol. */
const DEFAULT_LISTENER = 'PLAINTEXT'

const replicaState = (r: QuorumReplica) => ({
  replicaId: r.replicaId,
  // Voters of a static quorum (kraft.version 0) have no directory id.
  replicaDirectoryId: ZERO_UUID,
  logEndOffset: BigInt(r.logEndOffset),
  lastFetchTimestamp: BigInt(r.lastFetchTimestamp),
  lastCaughtUpTimestamp: BigInt(r.lastCaughtUpTimestamp)
})

export function handleDescribeQuorum(
  body: DescribeQuorumRequest,
  ctx: RequestContext
): Encodable<DescribeQuorumResponse> {
  const t = body.topics
  // Only the metadata log's one partition is known; anything else is refused partition by
  // partition, as Kafka's raft client does.
  if (
    t.length !== 1 ||
    t[0].topicName !== METADATA_TOPIC ||
    t[0].partitions.length !== 1 ||
    t[0].partitions[0].partitionIndex !== 0
  )
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      topics: t.map((topic) => ({
        topicName: topic.topicName,
        partitions: topic.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          errorMessage: 'This server does not host this topic-partition.'
        }))
      })),
      nodes: []
    }
  const { engine } = ctx
  const quorum = engine.metadataQuorum()
  const listener = ctx.listenerName ?? DEFAULT_LISTENER
  return {
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    topics: [
      {
        topicName: METADATA_TOPIC,
        partitions: [
          {
            partitionIndex: 0,
            errorCode: ErrorCode.NONE,
            errorMessage: null,
            leaderId: quorum.leaderId,
            leaderEpoch: quorum.leaderEpoch,
            highWatermark: BigInt(quorum.highWatermark),
            currentVoters: quorum.voters.map(replicaState),
            observers: quorum.observers.map(replicaState)
          }
        ]
      }
    ],
    nodes: quorum.voters.flatMap((v) => {
      const b = engine.broker(v.replicaId)
      return b
        ? [{ nodeId: b.id, listeners: [{ name: listener, ...endpointOn(b, ctx.listenerName) }] }]
        : []
    })
  }
}
