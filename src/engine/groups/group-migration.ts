// KIP-848's online migration between the two group protocols, as Kafka 4's group coordinator
// makes it (group.consumer.migration.policy):
// - upgrade: a consumer-protocol member joining a classic group with members (of protocol type
//   consumer) turns it into a consumer group at the classic group's generation; each classic
//   member keeps the partitions of its last assignment, as its target too, and goes on with
//   JoinGroup, SyncGroup and Heartbeat inside the consumer group (classic-members.ts);
// - downgrade: the last consumer-protocol member leaving a group whose other members are all
//   classic turns it back into a classic group, Stable at the group epoch with each member's
//   target assignment, and starts a rebalance.
// Empty groups change protocol whatever the policy says (consumer-groups.ts, coordinator.ts).
import { ClassicGroup } from './classic-group'
import {
  ConsumerGroup,
  toTopicList,
  type ConsumerMember,
  type TopicPartitions
} from './consumer-group'
import { toTopicPartitions } from './consumer-heartbeat'
import { assignedPartitions, decodeSubscription, encodeAssignment } from './consumer-protocol'
import { GroupMember } from './member'
import type { MigrationPolicy } from './settings'

const upgradeAllowed = (policy: MigrationPolicy) =>
  policy === 'upgrade' || policy === 'bidirectional'

const downgradeAllowed = (policy: MigrationPolicy) =>
  policy === 'downgrade' || policy === 'bidirectional'

/** Why a classic group with members is not upgraded, or null when it may be. */
export function upgradeRefusal(
  group: ClassicGroup,
  policy: MigrationPolicy,
  consumerMaxSize: number
): string | null {
  if (!upgradeAllowed(policy)) return 'the online upgrade is disabled'
  if (group.protocolType !== 'consumer') return 'the group does not use the consumer protocol'
  if (group.size > consumerMaxSize) return 'the group is larger than group.consumer.max.size'
  return null
}

/** The consumer group a classic group becomes (Kafka's ConsumerGroup.fromClassicGroup). */
export function classicToConsumerGroup(
  group: ClassicGroup,
  now: number,
  assignorName: string
): ConsumerGroup {
  const converted = new ConsumerGroup(group.groupId, now, {
    groupEpoch: group.generationId,
    assignorName
  })
  for (const m of group.members.values()) {
    const protocol = group.protocolName ?? m.protocols[0]?.name
    const metadata = m.protocols.find((p) => p.name === protocol)?.metadata ?? Buffer.alloc(0)
    const assigned = toTopicPartitions(assignedPartitions(m.assignment))
    const member: ConsumerMember = {
      memberId: m.memberId,
      instanceId: m.groupInstanceId,
      rackId: null,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      subscribedTopicNames: [...new Set(decodeSubscription(metadata).topics)].sort(),
      subscribedTopicRegex: null,
      serverAssignor: null,
      memberEpoch: group.generationId,
      previousMemberEpoch: group.generationId,
      state: 'stable',
      assigned,
      pendingRevocation: new Map(),
      sessionTimer: null,
      revocationTimer: null,
      classic: { sessionTimeoutMs: m.sessionTimeoutMs, protocols: m.protocols }
    }
    converted.members.set(m.memberId, member)
    converted.target.set(m.memberId, copy(assigned))
  }
  return converted
}

/**
 * Whether the group may become a classic group as `leaving` goes: it is the last member of the
 * consumer protocol, at least one classic member stays, the policy allows a downgrade and the
 * members fit in group.max.size.
 */
export function mayDowngrade(
  group: ConsumerGroup,
  leaving: ConsumerMember,
  policy: MigrationPolicy,
  classicMaxSize: number
): boolean {
  const others = [...group.members.values()].filter((m) => m !== leaving)
  return (
    !leaving.classic &&
    others.length > 0 &&
    others.every((m) => m.classic) &&
    downgradeAllowed(policy) &&
    others.length <= classicMaxSize
  )
}

/**
 * The classic group a consumer group becomes without `leaving` (Kafka's
 * ClassicGroup.fromConsumerGroup): Stable at the group epoch, each member with its target
 * assignment in its protocol's version; the caller starts the rebalance.
 */
export function consumerToClassicGroup(
  group: ConsumerGroup,
  leaving: ConsumerMember,
  now: number
): ClassicGroup {
  const converted = new ClassicGroup(group.groupId, now, {
    state: 'Stable',
    protocolType: 'consumer',
    generationId: group.groupEpoch
  })
  for (const m of group.members.values()) {
    if (m === leaving || !m.classic) continue
    converted.add(
      new GroupMember({
        memberId: m.memberId,
        groupInstanceId: m.instanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        sessionTimeoutMs: m.classic.sessionTimeoutMs,
        protocolType: 'consumer',
        protocols: m.classic.protocols
      }),
      null
    )
  }
  converted.protocolName = converted.selectProtocol()
  for (const m of converted.members.values()) {
    const version = decodeSubscription(m.metadata(converted.protocolName)).version
    const target = group.target.get(m.memberId) ?? new Map()
    m.assignment = encodeAssignment(version, toTopicList(target))
  }
  return converted
}

function copy(tp: TopicPartitions): TopicPartitions {
  return new Map([...tp].map(([topic, set]) => [topic, new Set(set)]))
}
