// External backend: the KRaft metadata quorum from DescribeQuorum, asked of any broker (Kafka's
// brokers forward it to the active controller). A cluster that refuses it (no DESCRIBE on the
// cluster, a ZooKeeper cluster) answers with its error.
import { describeQuorumV1 } from '@platformatic/kafka'
import type { QuorumInfo, QuorumReplica } from '../../../shared/api/cluster'
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
