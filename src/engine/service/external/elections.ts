// External backend, preferred-leader election (partitions.electLeaders) over Kafka's ElectLeaders,
// sent to the controller as Kafka's admin client sends it: the partitions of one topic (all or
// some), or every partition of the cluster (null). A partition whose leader already is its
// preferred replica answers ELECTION_NOT_NEEDED, which is no failure; the others that the cluster
// refused (PREFERRED_LEADER_NOT_AVAILABLE when that replica is down or out of sync ...) come back
// as failed, with Kafka's error. Partition numbers without a topic are those of every topic that
// has them, as on the embedded cluster. The new leaders and epochs are read from Metadata
// afterwards.
import { ResponseError } from '@platformatic/kafka'
import type { ClusterResults } from '../../../shared/api/cluster'
import { ApiError } from '../../../shared/errors'
import { ErrorCode, errorCodeInfo } from '../../../shared/kafka/error-codes'
import type { ExternalContext } from './context'
import { ApiKey } from '../../kafka/protocol'
import { generatedApi } from './generated-api'
import { requireTopic, topicMetadata } from './metadata'
import { controllerConnection } from './users'

const ELECTION_TIMEOUT_MS = 30_000
/** election_type 0; 1 (unclean) is not offered: the console's contract elects preferred leaders. */
const ELECTION_PREFERRED = 0
const electLeaders = generatedApi(ApiKey.ElectLeaders, 2)

interface ElectLeadersRequestTopic {
  topic: string
  partitions: number[]
}

type Elected = ClusterResults['partitions.electLeaders']

export async function electPreferredLeaders(
  ctx: ExternalContext,
  topic: string | undefined,
  partitions: number[] | undefined
): Promise<Elected> {
  return ctx.clients.run('partitions.electLeaders', async () => {
    const admin = ctx.clients.admin()
    let request: ElectLeadersRequestTopic[] | null = null
    if (topic !== undefined) {
      const t = await requireTopic(admin, topic)
      const known = new Set(t.partitions.map((p) => p.partition))
      const unknown = (partitions ?? []).filter((p) => !known.has(p))
      if (unknown.length > 0)
        throw new ApiError(
          'NOT_FOUND',
          `Topic '${topic}' has no partition ${unknown.join(', ')} (it has ${known.size})`,
          'partitions'
        )
      request = [{ topic, partitions: partitions ?? [...known] }]
    } else if (partitions !== undefined) {
      // As on the embedded cluster: those partition numbers of every topic that has them.
      const names = await admin.listTopics({ includeInternals: true })
      request = (await topicMetadata(admin, names)).flatMap((t) => {
        const own = partitions.filter((p) => p < t.partitions.length)
        return own.length > 0 ? [{ topic: t.name, partitions: own }] : []
      })
    }

    const answer = await electLeaders.async(await controllerConnection(admin), {
      electionType: ELECTION_PREFERRED,
      topicPartitions: request,
      timeoutMs: ELECTION_TIMEOUT_MS
    })
    // An error of the whole request is thrown as the library's own APIs throw it.
    if (answer.errorCode !== ErrorCode.NONE)
      throw new ResponseError(
        electLeaders.key,
        electLeaders.version,
        { '/': [answer.errorCode, null] },
        answer
      )
    const done: { topic: string; partition: number }[] = []
    const failed: NonNullable<Elected['failed']> = []
    for (const t of answer.replicaElectionResults)
      for (const p of t.partitionResult) {
        if (p.errorCode === ErrorCode.NONE) done.push({ topic: t.topic, partition: p.partitionId })
        else if (p.errorCode !== ErrorCode.ELECTION_NOT_NEEDED)
          failed.push({
            topic: t.topic,
            partition: p.partitionId,
            error: errorCodeInfo(p.errorCode).name,
            message: p.errorMessage ?? errorCodeInfo(p.errorCode).name
          })
      }
    const topics = await topicMetadata(admin, [...new Set(done.map((d) => d.topic))])
    const meta = new Map(topics.map((t) => [t.name, t]))
    const elected = done.map(({ topic: name, partition }) => {
      const p = meta.get(name)?.partitions[partition]
      return { topic: name, partition, leader: p?.leader ?? -1, leaderEpoch: p?.leaderEpoch ?? -1 }
    })
    const order = (a: { topic: string; partition: number }, b: typeof a) =>
      a.topic.localeCompare(b.topic) || a.partition - b.partition
    return { elected: elected.sort(order), failed: failed.sort(order) }
  })
}
