// Leader elections: a partition whose leader stopped gets the first running in-sync replica
// (in assignment order); with unclean.leader.election.enable, any running replica when no
// in-sync one is left, losing the records it lacks; otherwise the partition goes offline.
import type { Engine } from '../engine'
import type { PartitionState, Topic } from '../log/topic-registry'

export function electLeader(engine: Engine, topic: Topic, p: PartitionState): void {
  const online = (r: number) => engine.isOnline(r)
  let isr = p.isr.filter(online)
  let leader = p.leader
  let unclean = false
  if (leader < 0 || !online(leader)) {
    const clean = p.replicas.find((r) => online(r) && isr.includes(r))
    if (clean !== undefined) leader = clean
    else if (engine.topics.effectiveConfigs(topic)['unclean.leader.election.enable'] === 'true') {
      const candidates = p.replicas.filter(online)
      const best = candidates.sort(
        (a, b) =>
          engine.replication.replicaLogEnd(topic, p, b) -
          engine.replication.replicaLogEnd(topic, p, a)
      )[0]
      leader = best ?? -1
      unclean = best !== undefined
      if (unclean) isr = [best]
    } else leader = -1
  }
  const where = `${topic.name}-${p.partition}`
  const leaderChanged = leader !== p.leader
  // Kafka keeps the last leader in the ISR of an offline partition.
  const newIsr = leader < 0 ? p.isr.slice(0, 1) : isr
  if (!leaderChanged && newIsr.join() === p.isr.join()) return
  const isrGrew = newIsr.length > p.isr.length
  if (leaderChanged) {
    p.leaderEpoch++
    engine.replication.leaderSteppedDown(topic, p, p.leader)
  }
  p.leader = leader
  p.isr = newIsr
  engine.topics.saveLeadership(topic, p)
  let lost = 0
  if (leaderChanged && leader >= 0) lost = engine.replication.truncateToLeader(topic, p)
  engine.recordChange({
    kind: unclean
      ? 'unclean-election'
      : leaderChanged
        ? 'leader-elected'
        : isrGrew
          ? 'isr-expanded'
          : 'isr-shrunk',
    topic: topic.name,
    partition: p.partition,
    leader,
    leaderEpoch: p.leaderEpoch,
    isr: [...p.isr],
    recordsLost: lost > 0 ? lost : undefined,
    message: leaderChanged
      ? leader < 0
        ? `${where} is offline: no in-sync replica is running`
        : unclean
          ? `${where}: unclean election of out-of-sync broker ${leader} (epoch ${p.leaderEpoch}); ${lost} record(s) lost`
          : `${where}: broker ${leader} elected leader (epoch ${p.leaderEpoch})` +
            (lost > 0 ? `; ${lost} unreplicated record(s) truncated` : '')
      : `${where}: ISR is now [${p.isr.join(', ')}]`
  })
}
