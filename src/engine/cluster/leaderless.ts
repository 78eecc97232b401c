// Why a partition has no leader, in words a person can act on: which brokers hold its replicas,
// which of them are stopped, and what would bring a leader back.
import type { ClusterParts } from './cluster-parts'
import type { Topic } from '../log/topic-registry'

const list = (ids: number[]) =>
  ids.length === 1 ? `broker ${ids[0]}` : `brokers ${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`

export function whyNoLeader(
  brokers: Pick<ClusterParts, 'isOnline'>,
  topic: Topic,
  partition: number
): string {
  const state = topic.partitions[partition]
  const name = `${topic.name}-${partition}`
  if (!state) return `${name} does not exist`
  const stopped = state.replicas.filter((b) => !brokers.isOnline(b))
  const running = state.replicas.filter((b) => brokers.isOnline(b))
  if (running.length === 0) {
    const where =
      state.replicas.length === 1
        ? `its only replica is on ${list(stopped)}, which is stopped`
        : `all its replicas are on stopped brokers (${list(stopped)})`
    return `${name} has no leader: ${where}. Start ${list(stopped)} to write to it again.`
  }
  // Replicas run, but none of them was in sync when the last in-sync one stopped.
  return (
    `${name} has no leader: its in-sync replicas are on stopped brokers (${list(stopped)}); ` +
    `${list(running)} ${running.length === 1 ? 'is' : 'are'} running but out of sync, and ` +
    `unclean.leader.election.enable is off. Start ${list(stopped)}, or allow an unclean election (records may be lost).`
  )
}
