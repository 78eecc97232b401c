// Authorization of the admin APIs: topics (CREATE on the cluster or the topic, DELETE, ALTER for
// partitions), configs (DESCRIBE_CONFIGS / ALTER_CONFIGS on the topic or the cluster), leader
// elections and reassignments (ALTER on the cluster), log dirs and listed reassignments (DESCRIBE
// on the cluster), client quotas and client metrics resources (DESCRIBE_CONFIGS / ALTER_CONFIGS
// on the cluster), SCRAM credentials and ACLs (DESCRIBE / ALTER on the cluster).
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { ApiKey } from '../protocol'
import type { Access } from './access'
import { perName, refuseEach, split, type Rule } from './gate'

const TOPIC_DENIED = ErrorCode.TOPIC_AUTHORIZATION_FAILED
const CLUSTER_DENIED = ErrorCode.CLUSTER_AUTHORIZATION_FAILED
const DENIED_MESSAGE = 'Authorization failed.'

export const createTopicsRule: Rule<typeof ApiKey.CreateTopics> = (body, access) => {
  const clusterWide = access.quietly('CREATE', 'CLUSTER', 'kafka-cluster')
  const [kept, refused] = split(body.topics, (t) => clusterWide || access.topic('CREATE', t.name))
  const canDescribeConfigs = perName((name) => access.quietly('DESCRIBE_CONFIGS', 'TOPIC', name))
  return {
    body: { ...body, topics: kept },
    patch: (r) => ({
      ...r,
      topics: [
        ...(r.topics ?? []).map((t) =>
          canDescribeConfigs(t.name ?? '')
            ? t
            : { ...t, topicConfigErrorCode: TOPIC_DENIED, configs: [] }
        ),
        ...refused.map((t) => ({
          name: t.name,
          errorCode: TOPIC_DENIED,
          errorMessage: DENIED_MESSAGE,
          numPartitions: -1,
          replicationFactor: -1
        }))
      ]
    })
  }
}

export const deleteTopicsRule: Rule<typeof ApiKey.DeleteTopics> = (body, access, version, ctx) => {
  const canDelete = perName((name) => access.topic('DELETE', name))
  if (version < 6) {
    return refuseEach(
      body,
      'topicNames',
      split(body.topicNames, canDelete),
      'responses',
      (name) => ({
        name,
        errorCode: TOPIC_DENIED,
        errorMessage: DENIED_MESSAGE
      })
    )
  }
  const allowed = split(body.topics, (t) => {
    const name = t.name ?? ctx.engine.topicById(t.topicId)?.name
    return name === undefined || canDelete(name)
  })
  return refuseEach(body, 'topics', allowed, 'responses', (t) => ({
    name: t.name,
    topicId: t.topicId,
    errorCode: TOPIC_DENIED,
    errorMessage: DENIED_MESSAGE
  }))
}

export const createPartitionsRule: Rule<typeof ApiKey.CreatePartitions> = (body, access) => {
  const allowed = split(body.topics, (t) => access.topic('ALTER', t.name))
  return refuseEach(body, 'topics', allowed, 'results', (t) => ({
    name: t.name,
    errorCode: TOPIC_DENIED,
    errorMessage: DENIED_MESSAGE
  }))
}

/**
 * Config resource types: TOPIC 2, GROUP 32 (KIP-848), and BROKER 4, BROKER_LOGGER 8 and
 * CLIENT_METRICS 16, which are the cluster's.
 */
const TOPIC_RESOURCE = 2
const GROUP_RESOURCE = 32

type ConfigResource = { resourceType: number; resourceName: string }

/** The error each config resource gets for `operation` (NONE when allowed), decided once each. */
function configAccess(
  access: Access,
  operation: 'DESCRIBE_CONFIGS' | 'ALTER_CONFIGS'
): (r: ConfigResource) => number {
  const decided = new Map<ConfigResource, number>()
  return (r) => {
    let code = decided.get(r)
    if (code === undefined) {
      const [allowed, denied] =
        r.resourceType === TOPIC_RESOURCE
          ? [access.topic(operation, r.resourceName), TOPIC_DENIED]
          : r.resourceType === GROUP_RESOURCE
            ? [access.group(operation, r.resourceName), ErrorCode.GROUP_AUTHORIZATION_FAILED]
            : [access.cluster(operation), CLUSTER_DENIED]
      code = allowed ? ErrorCode.NONE : denied
      decided.set(r, code)
    }
    return code
  }
}

const configRefusal = (r: ConfigResource, errorCode: number) => ({
  errorCode,
  errorMessage: DENIED_MESSAGE,
  resourceType: r.resourceType,
  resourceName: r.resourceName
})

export const describeConfigsRule: Rule<typeof ApiKey.DescribeConfigs> = (body, access) => {
  const code = configAccess(access, 'DESCRIBE_CONFIGS')
  const allowed = split(body.resources, (r) => code(r) === ErrorCode.NONE)
  return refuseEach(body, 'resources', allowed, 'results', (r) => ({
    ...configRefusal(r, code(r)),
    configs: []
  }))
}

export const alterConfigsRules: {
  alter: Rule<typeof ApiKey.AlterConfigs>
  incremental: Rule<typeof ApiKey.IncrementalAlterConfigs>
} = {
  alter: (body, access) => {
    const code = configAccess(access, 'ALTER_CONFIGS')
    const allowed = split(body.resources, (r) => code(r) === ErrorCode.NONE)
    return refuseEach(body, 'resources', allowed, 'responses', (r) => configRefusal(r, code(r)))
  },
  incremental: (body, access) => {
    const code = configAccess(access, 'ALTER_CONFIGS')
    const allowed = split(body.resources, (r) => code(r) === ErrorCode.NONE)
    return refuseEach(body, 'resources', allowed, 'responses', (r) => configRefusal(r, code(r)))
  }
}

export const electLeadersRule: Rule<typeof ApiKey.ElectLeaders> = (body, access) =>
  access.cluster('ALTER')
    ? { body }
    : {
        answer: {
          errorCode: CLUSTER_DENIED,
          replicaElectionResults: (body.topicPartitions ?? []).map((t) => ({
            topic: t.topic,
            partitionResult: t.partitions.map((partitionId) => ({
              partitionId,
              errorCode: CLUSTER_DENIED,
              errorMessage: DENIED_MESSAGE
            }))
          }))
        }
      }

export const alterPartitionReassignmentsRule: Rule<typeof ApiKey.AlterPartitionReassignments> = (
  body,
  access
) =>
  access.cluster('ALTER')
    ? { body }
    : {
        answer: { errorCode: CLUSTER_DENIED, errorMessage: DENIED_MESSAGE, responses: [] }
      }

export const listPartitionReassignmentsRule: Rule<typeof ApiKey.ListPartitionReassignments> = (
  body,
  access
) =>
  access.cluster('DESCRIBE')
    ? { body }
    : { answer: { errorCode: CLUSTER_DENIED, errorMessage: DENIED_MESSAGE, topics: [] } }

export const describeClientQuotasRule: Rule<typeof ApiKey.DescribeClientQuotas> = (body, access) =>
  access.cluster('DESCRIBE_CONFIGS')
    ? { body }
    : { answer: { errorCode: CLUSTER_DENIED, errorMessage: DENIED_MESSAGE, entries: null } }

export const listConfigResourcesRule: Rule<typeof ApiKey.ListConfigResources> = (body, access) =>
  access.cluster('DESCRIBE_CONFIGS')
    ? { body }
    : { answer: { errorCode: CLUSTER_DENIED, configResources: [] } }

export const alterClientQuotasRule: Rule<typeof ApiKey.AlterClientQuotas> = (body, access) =>
  access.cluster('ALTER_CONFIGS')
    ? { body }
    : {
        answer: {
          entries: body.entries.map((e) => ({
            errorCode: CLUSTER_DENIED,
            errorMessage: DENIED_MESSAGE,
            entity: e.entity
          }))
        }
      }

export const describeLogDirsRule: Rule<typeof ApiKey.DescribeLogDirs> = (body, access) =>
  access.cluster('DESCRIBE') ? { body } : { answer: { errorCode: CLUSTER_DENIED, results: [] } }

/** DescribeQuorum: DESCRIBE on the cluster, else the whole request is refused at the top. */
export const describeQuorumRule: Rule<typeof ApiKey.DescribeQuorum> = (body, access) =>
  access.cluster('DESCRIBE')
    ? { body }
    : { answer: { errorCode: CLUSTER_DENIED, errorMessage: DENIED_MESSAGE, topics: [], nodes: [] } }

/** UpdateFeatures: ALTER on the cluster, else the whole request is refused at the top. */
export const updateFeaturesRule: Rule<typeof ApiKey.UpdateFeatures> = (body, access) =>
  access.cluster('ALTER')
    ? { body }
    : { answer: { errorCode: CLUSTER_DENIED, errorMessage: DENIED_MESSAGE, results: [] } }

/** AlterReplicaLogDirs: ALTER on the cluster, else every partition named is refused. */
export const alterReplicaLogDirsRule: Rule<typeof ApiKey.AlterReplicaLogDirs> = (body, access) =>
  access.cluster('ALTER')
    ? { body }
    : {
        answer: {
          results: body.dirs.flatMap((d) =>
            d.topics.map((t) => ({
              topicName: t.name,
              partitions: t.partitions.map((partitionIndex) => ({
                partitionIndex,
                errorCode: CLUSTER_DENIED
              }))
            }))
          )
        }
      }

export const describeScramRule: Rule<typeof ApiKey.DescribeUserScramCredentials> = (
  body,
  access
) =>
  access.cluster('DESCRIBE')
    ? { body }
    : { answer: { errorCode: CLUSTER_DENIED, errorMessage: DENIED_MESSAGE, results: [] } }

export const alterScramRule: Rule<typeof ApiKey.AlterUserScramCredentials> = (body, access) => {
  if (access.cluster('ALTER')) return { body }
  const users = [...new Set([...body.deletions, ...body.upsertions].map((u) => u.name))]
  return {
    answer: {
      results: users.map((user) => ({
        user,
        errorCode: CLUSTER_DENIED,
        errorMessage: DENIED_MESSAGE
      }))
    }
  }
}

export const describeAclsRule: Rule<typeof ApiKey.DescribeAcls> = (body, access) =>
  access.cluster('DESCRIBE')
    ? { body }
    : { answer: { errorCode: CLUSTER_DENIED, errorMessage: DENIED_MESSAGE, resources: [] } }

export const createAclsRule: Rule<typeof ApiKey.CreateAcls> = (body, access) =>
  access.cluster('ALTER')
    ? { body }
    : {
        answer: {
          results: body.creations.map(() => ({
            errorCode: CLUSTER_DENIED,
            errorMessage: DENIED_MESSAGE
          }))
        }
      }

export const deleteAclsRule: Rule<typeof ApiKey.DeleteAcls> = (body, access) =>
  access.cluster('ALTER')
    ? { body }
    : {
        answer: {
          filterResults: body.filters.map(() => ({
            errorCode: CLUSTER_DENIED,
            errorMessage: DENIED_MESSAGE,
            matchingAcls: []
          }))
        }
      }
