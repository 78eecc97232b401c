// The authorized-operations fields, filled when a client asks as Kafka fills them: every operation
// a resource type supports without an authorizer, the principal's allowed ones with it, and
// Integer.MIN_VALUE when not asked.
import { describe, expect, it } from 'vitest'
import type { AclBinding } from '../../../src/shared/api/acls'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { Authorizer } from '../../../src/engine/security/authorizer'
import { openEngine, send } from './helpers'

const OMITTED = -2147483648
const bit = (...codes: number[]) => codes.reduce((b, c) => b | (1 << c), 0)
// Kafka's AclOperation codes.
const [READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS] = [
  3, 4, 5, 6, 7, 8, 9, 10
]
const [ALTER_CONFIGS, IDEMPOTENT_WRITE] = [11, 12]
const ALL_TOPIC = bit(READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS)
const ALL_CLUSTER = bit(
  CREATE,
  ALTER,
  DESCRIBE,
  CLUSTER_ACTION,
  DESCRIBE_CONFIGS,
  ALTER_CONFIGS,
  IDEMPOTENT_WRITE
)

function metadata(engine: ReturnType<typeof openEngine>, asked: boolean, extra = {}) {
  return send(
    engine,
    0,
    ApiKey.Metadata,
    10,
    {
      topics: [{ name: 'orders' }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: asked,
      includeTopicAuthorizedOperations: asked
    },
    'unit-client',
    extra
  )
}

describe('authorized operations', () => {
  it('without an authorizer: everything the resource type supports, when asked', async () => {
    const engine = openEngine({ brokers: 1 })
    engine.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 })
    const asked = await metadata(engine, true)
    expect(asked.topics[0].topicAuthorizedOperations).toBe(ALL_TOPIC)
    expect(asked.clusterAuthorizedOperations).toBe(ALL_CLUSTER)
    const not = await metadata(engine, false)
    expect(not.topics[0].topicAuthorizedOperations).toBe(OMITTED)
    expect(not.clusterAuthorizedOperations).toBe(OMITTED)
    const cluster = await send(engine, 0, ApiKey.DescribeCluster, 1, {
      includeClusterAuthorizedOperations: true,
      endpointType: 1
    })
    expect(cluster.clusterAuthorizedOperations).toBe(ALL_CLUSTER)
  })

  it("with ACLs: the principal's allowed operations", async () => {
    const engine = openEngine({ brokers: 1 })
    engine.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 })
    const acl = (
      resourceType: AclBinding['resourceType'],
      resourceName: string,
      operation: AclBinding['operation']
    ): AclBinding => ({
      resourceType,
      resourceName,
      patternType: 'LITERAL',
      principal: 'User:bob',
      host: '*',
      operation,
      permission: 'ALLOW'
    })
    const authorizer = new Authorizer(engine, {
      superUsers: [],
      allowEveryoneIfNoAclFound: false
    })
    engine.addAcls([
      acl('TOPIC', 'orders', 'WRITE'),
      acl('CLUSTER', 'kafka-cluster', 'IDEMPOTENT_WRITE')
    ])
    const bob = { authorizer, user: 'bob' }
    const res = await metadata(engine, true, bob)
    // WRITE implies DESCRIBE, as in Kafka.
    expect(res.topics[0].topicAuthorizedOperations).toBe(bit(WRITE, DESCRIBE))
    expect(res.clusterAuthorizedOperations).toBe(bit(IDEMPOTENT_WRITE))
    const cluster = await send(
      engine,
      0,
      ApiKey.DescribeCluster,
      0,
      { includeClusterAuthorizedOperations: true },
      'unit-client',
      bob
    )
    expect(cluster.clusterAuthorizedOperations).toBe(bit(IDEMPOTENT_WRITE))
  })
})
