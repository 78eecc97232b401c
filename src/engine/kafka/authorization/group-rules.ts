// Authorization of the group APIs as Kafka does it: READ on the group to join, sync, heartbeat,
// leave and commit (and READ on each topic committed), DESCRIBE on the group to find its
// coordinator, describe it or fetch its offsets (and DESCRIBE on each topic), DELETE to delete it
// or its offsets (and READ on each topic);
// ListGroups shows every group to those who may DESCRIBE the cluster, else the groups they may
// describe.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { ApiKey } from '../protocol'
import type { Access } from './access'
import { perName, refuseEach, split, type Rule } from './gate'

const GROUP_DENIED = ErrorCode.GROUP_AUTHORIZATION_FAILED
const TOPIC_DENIED = ErrorCode.TOPIC_AUTHORIZATION_FAILED

export const findCoordinatorRule: Rule<typeof ApiKey.FindCoordinator> = (body, access, version) => {
  // A share coordinator is looked up by brokers: CLUSTER_ACTION on the cluster, as in Kafka.
  if (body.keyType === 2 && !access.cluster('CLUSTER_ACTION')) {
    const refusal = {
      nodeId: -1,
      host: '',
      port: -1,
      errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
      errorMessage: null
    }
    const keys = version >= 4 ? body.coordinatorKeys : [body.key]
    return {
      answer: {
        ...refusal,
        throttleTimeMs: 0,
        coordinators: keys.map((key) => ({ key, ...refusal }))
      }
    }
  }
  const isTxn = body.keyType === 1
  if (body.keyType !== 0 && !isTxn) return { body }
  const errorCode = isTxn ? ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED : GROUP_DENIED
  const allowed = (key: string) =>
    isTxn ? access.transactionalId('DESCRIBE', key) : access.group('DESCRIBE', key)
  const refusal = { nodeId: -1, host: '', port: -1, errorCode, errorMessage: null }
  if (version < 4) return allowed(body.key) ? { body } : { answer: refusal }
  const [kept, refused] = split(body.coordinatorKeys, allowed)
  if (refused.length === 0) return { body }
  return {
    body: { ...body, coordinatorKeys: kept },
    patch: (r) => ({
      ...r,
      coordinators: [...(r.coordinators ?? []), ...refused.map((key) => ({ key, ...refusal }))]
    })
  }
}

/** JoinGroup, SyncGroup, Heartbeat, LeaveGroup: READ on the group or GROUP_AUTHORIZATION_FAILED. */
export const groupReadRule = <
  K extends
    | typeof ApiKey.JoinGroup
    | typeof ApiKey.SyncGroup
    | typeof ApiKey.Heartbeat
    | typeof ApiKey.LeaveGroup
>(): Rule<K> =>
  ((body: { groupId: string }, access: Access) =>
    access.group('READ', body.groupId)
      ? { body }
      : { answer: { errorCode: GROUP_DENIED } }) as unknown as Rule<K>

/**
 * A topic of OffsetCommit or TxnOffsetCommit answered with `errorCode` for each partition (by its
 * id too, which OffsetCommit 10 answers it by).
 */
export function refusedCommit(
  t: { name: string; topicId?: string; partitions: { partitionIndex: number }[] },
  errorCode: number
): {
  name: string
  topicId?: string
  partitions: { partitionIndex: number; errorCode: number }[]
} {
  return {
    name: t.name,
    topicId: t.topicId,
    partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode }))
  }
}

/**
 * From OffsetCommit 10 and OffsetFetch 10, which name topics by id: an id no topic has ('' as its
 * name) is the handler's UNKNOWN_TOPIC_ID, as Kafka answers it before authorizing the topics.
 */
const unknownId = (version: number, t: { name: string }) => version >= 10 && t.name === ''

export const offsetCommitRule: Rule<typeof ApiKey.OffsetCommit> = (body, access, version) => {
  if (!access.group('READ', body.groupId))
    return { answer: { topics: body.topics.map((t) => refusedCommit(t, GROUP_DENIED)) } }
  const canRead = perName((name) => access.topic('READ', name))
  return refuseEach(
    body,
    'topics',
    split(body.topics, (t) => unknownId(version, t) || canRead(t.name)),
    'topics',
    (t) => refusedCommit(t, TOPIC_DENIED)
  )
}

type FetchTopic = { name: string; topicId?: string; partitionIndexes: number[] }
type FetchedTopic = { name?: string; partitions?: unknown[] }

/** One group's topics in OffsetFetch: named ones refused per partition, "all" filtered. */
function offsetFetchTopics<F extends FetchTopic>(
  topics: F[] | null,
  access: Access,
  version: number
) {
  const canDescribe = perName((name) => access.topic('DESCRIBE', name))
  if (topics === null)
    return {
      topics,
      patch: <T extends FetchedTopic>(answered: T[]): T[] =>
        answered.filter((t) => canDescribe(t.name ?? ''))
    }
  const [kept, refused] = split(topics, (t) => unknownId(version, t) || canDescribe(t.name))
  return {
    topics: kept,
    patch: <T extends FetchedTopic>(answered: T[]): T[] => [
      ...answered,
      ...(refused.map((t) => ({
        name: t.name,
        topicId: t.topicId,
        partitions: t.partitionIndexes.map((partitionIndex) => ({
          partitionIndex,
          committedOffset: -1n,
          committedLeaderEpoch: -1,
          metadata: '',
          errorCode: TOPIC_DENIED
        }))
      })) as unknown as T[])
    ]
  }
}

export const offsetFetchRule: Rule<typeof ApiKey.OffsetFetch> = (body, access, version) => {
  if (version >= 8) {
    const [kept, refused] = split(body.groups, (g) => access.group('DESCRIBE', g.groupId))
    const perGroup = new Map(
      kept.map((g) => [g.groupId, offsetFetchTopics(g.topics, access, version)])
    )
    return {
      body: {
        ...body,
        groups: kept.map((g) => ({ ...g, topics: perGroup.get(g.groupId)!.topics }))
      },
      patch: (r) => ({
        ...r,
        groups: [
          ...(r.groups ?? []).map((g) => {
            const p = perGroup.get(g.groupId ?? '')
            return p && g.errorCode === ErrorCode.NONE
              ? { ...g, topics: p.patch(g.topics ?? []) }
              : g
          }),
          ...refused.map((g) => ({ groupId: g.groupId, topics: [], errorCode: GROUP_DENIED }))
        ]
      })
    }
  }
  if (!access.group('DESCRIBE', body.groupId))
    return {
      answer:
        version >= 2
          ? { errorCode: GROUP_DENIED, topics: [] }
          : {
              topics: (body.topics ?? []).map((t) => ({
                name: t.name,
                partitions: t.partitionIndexes.map((partitionIndex) => ({
                  partitionIndex,
                  committedOffset: -1n,
                  committedLeaderEpoch: -1,
                  metadata: '',
                  errorCode: GROUP_DENIED
                }))
              }))
            }
    }
  const t = offsetFetchTopics(body.topics, access, version)
  return {
    body: { ...body, topics: t.topics },
    patch: (r) =>
      r.errorCode && r.errorCode !== ErrorCode.NONE ? r : { ...r, topics: t.patch(r.topics ?? []) }
  }
}

export const describeGroupsRule: Rule<typeof ApiKey.DescribeGroups> = (body, access) => {
  const allowed = split(body.groups, (id) => access.group('DESCRIBE', id))
  return refuseEach(body, 'groups', allowed, 'groups', (groupId) => ({
    groupId,
    errorCode: GROUP_DENIED,
    members: []
  }))
}

export const listGroupsRule: Rule<typeof ApiKey.ListGroups> = (body, access) => {
  if (access.quietly('DESCRIBE', 'CLUSTER', 'kafka-cluster')) return { body }
  const visible = perName((id) => access.quietly('DESCRIBE', 'GROUP', id))
  return {
    body,
    patch: (r) => ({ ...r, groups: (r.groups ?? []).filter((g) => visible(g.groupId ?? '')) })
  }
}

export const deleteGroupsRule: Rule<typeof ApiKey.DeleteGroups> = (body, access) => {
  const allowed = split(body.groupsNames, (id) => access.group('DELETE', id))
  return refuseEach(body, 'groupsNames', allowed, 'results', (groupId) => ({
    groupId,
    errorCode: GROUP_DENIED
  }))
}

/** OffsetDelete: DELETE on the group, and READ on each topic (refused per partition). */
export const offsetDeleteRule: Rule<typeof ApiKey.OffsetDelete> = (body, access) => {
  if (!access.group('DELETE', body.groupId))
    return { answer: { errorCode: GROUP_DENIED, throttleTimeMs: 0, topics: [] } }
  const canRead = perName((name) => access.topic('READ', name))
  const [kept, refused] = split(body.topics, (t) => canRead(t.name))
  if (refused.length === 0) return { body }
  const refusedTopics = refused.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => ({
      partitionIndex: p.partitionIndex,
      errorCode: TOPIC_DENIED
    }))
  }))
  return {
    body: { ...body, topics: kept },
    patch: (r) => ({ ...r, topics: [...(r.topics ?? []), ...refusedTopics] })
  }
}
