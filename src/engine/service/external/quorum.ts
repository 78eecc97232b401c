// External backend: the KRaft metadata quorum from DescribeQuorum, asked of any broker (Kafka's
// brokers forward it to the active controller; a cluster that refuses it, as without DESCRIBE
// on the cluster, answers with its error), and the features from ApiVersions v4.
import { apiVersionsV4, describeQuorumV1 } from '@platformatic/kafka'
import type { FeaturesInfo, QuorumInfo, QuorumReplica } from '../../../shared/api/cluster'
import type { ExternalContext } from './context'

const METADATA_TOPIC = '__cluster_metadata'

type Replica = {
  replicaId: number
  logEndOffset: bigint
  lastFetchTimestamp: bigint
  lastCaughtUpTimestamp: bigint
}

const replica = (r: Replica): QuorumReplica => ({
  replicaId: r.replicaId,
  logEndOffset: Number(r.logEndOffset),
  lastFetchTimestamp: Number(r.lastFetchTimestamp),
  lastCaughtUpTimestamp: Number(r.lastCaughtUpTimestamp)
})

export function externalQuorum(ctx: ExternalContext): Promise<QuorumInfo> {
  return ctx.clients.run('cluster.quorum', async () => {
    const admin = ctx.clients.admin()
    const md = await admin.metadata({ topics: [] })
    const broker = md.brokers.get(md.controllerId) ?? [...md.brokers.values()][0]
    const connection = await admin.connections.get(broker)
    const answer = await describeQuorumV1.api.async(connection, [
      { topicName: METADATA_TOPIC, partitions: [{ partitionIndex: 0 }] }
    ])
    const p = answer.topics[0]?.partitions[0]
    if (!p) throw new Error('DescribeQuorum answered no partition')
    return {
      leaderId: p.leaderId,
      leaderEpoch: p.leaderEpoch,
      highWatermark: Number(p.highWatermark),
      voters: p.currentVoters.map(replica),
      observers: p.observers.map(replica)
    }
  })
}

export function externalFeatures(ctx: ExternalContext): Promise<FeaturesInfo> {
  return ctx.clients.run('cluster.features', async () => {
    const admin = ctx.clients.admin()
    const md = await admin.metadata({ topics: [] })
    const broker = md.brokers.get(md.controllerId) ?? [...md.brokers.values()][0]
    const connection = await admin.connections.get(broker)
    const answer = await apiVersionsV4.api.async(connection, 'logdeck', '1.0.0')
    const finalized = new Map(
      (answer.finalizedFeatures ?? []).map((f) => [f.name, f.maxVersionLevel])
    )
    return {
      features: (answer.supportedFeatures ?? []).map((f) => ({
        name: f.name,
        minVersion: f.minVersion,
        maxVersion: f.maxVersion,
        finalizedLevel: finalized.get(f.name) ?? 0
      })),
      epoch: Number(answer.finalizedFeaturesEpoch ?? -1n)
    }
  })
}
