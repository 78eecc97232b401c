// The consumer group protocol (KIP-848) under ACLs, with @platformatic/kafka's protocol calls: a
// regular-expression subscription is given only the matching topics the principal may DESCRIBE
// (one allowed later joins the assignment when the expression is resolved again, on a topic
// created); members of two principals sharing an expression get the group's one resolution,
// made with the rights of the member whose heartbeat asked, as Kafka 4 resolves it; and
// ConsumerGroupDescribe answers the operations the principal may do on the group when asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Connection, consumerGroupDescribeV0 } from '@platformatic/kafka'
import type { AclBinding } from '../../../src/shared/api/acls'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { HeartbeatingMember } from '../../support/consumer-heartbeats'

const GROUP = 'kip848-acl-group'

let cluster: TestCluster
let connection: Connection

const allow = (acl: Pick<AclBinding, 'resourceType' | 'resourceName' | 'operation'>) =>
  cluster.service.call('acls.create', {
    acls: [{ ...acl, principal: 'User:ANONYMOUS', permission: 'ALLOW' }]
  })

beforeAll(async () => {
  cluster = await startTestCluster({
    brokers: 1,
    authorizer: {},
    // Expressions resolved again on the first heartbeat after a topic is created (Kafka waits at
    // least 10 s after the last resolution).
    groups: { consumerRegexRefreshMinIntervalMs: 0 }
  })
  for (const [name, partitions] of [
    ['kip848-acl-open', 2],
    ['kip848-acl-hidden', 1]
  ] as const)
    cluster.engine.createTopic({ name, partitions, replicationFactor: 1 })
  await allow({ resourceType: 'GROUP', resourceName: GROUP, operation: 'READ' })
  await allow({ resourceType: 'TOPIC', resourceName: 'kip848-acl-open', operation: 'DESCRIBE' })
  const [host, port] = cluster.bootstrap.split(':')
  connection = new Connection('it-kip848-acls')
  await connection.connect(host, Number(port))
})
afterAll(async () => {
  await connection?.close()
  await cluster?.close()
})

describe('KIP-848 consumer groups under ACLs', () => {
  it('assigns a regex subscription only the topics its principal may describe', async () => {
    const member = new HeartbeatingMember(
      connection,
      GROUP,
      'acl-member',
      (id) => cluster.engine.topicById(id)?.name
    )
    const beat = (regex: string | null) => member.beat(regex)
    expect(await beat('kip848-acl-.*')).toEqual(['kip848-acl-open-0', 'kip848-acl-open-1'])
    const firstEpoch = member.epoch

    // An ACL alone does not resolve the expression again; a topic created does, and then the
    // topic now allowed comes in (the new one, not described, does not).
    await allow({ resourceType: 'TOPIC', resourceName: 'kip848-acl-hidden', operation: 'DESCRIBE' })
    expect(await beat(null)).toEqual(['kip848-acl-open-0', 'kip848-acl-open-1'])
    expect(member.epoch).toBe(firstEpoch)
    cluster.engine.createTopic({ name: 'kip848-acl-later', partitions: 1, replicationFactor: 1 })
    expect(await beat(null)).toEqual([
      'kip848-acl-hidden-0',
      'kip848-acl-open-0',
      'kip848-acl-open-1'
    ])
    expect(member.epoch).toBeGreaterThan(firstEpoch)
  })

  it('ConsumerGroupDescribe answers the authorized operations on the group when asked', async () => {
    const describe = (include: boolean) =>
      consumerGroupDescribeV0.api.async(connection, [GROUP], include)
    const [asked] = (await describe(true)).groups
    expect(asked.errorCode).toBe(0)
    // READ (3) and the DESCRIBE (8) it implies; not DELETE (6).
    expect(asked.authorizedOperations).toBe((1 << 3) | (1 << 8))
    await allow({ resourceType: 'GROUP', resourceName: GROUP, operation: 'DELETE' })
    expect((await describe(true)).groups[0].authorizedOperations).toBe(
      (1 << 3) | (1 << 6) | (1 << 8)
    )
    expect((await describe(false)).groups[0].authorizedOperations).toBe(-2147483648)
  })
})

describe('a regular expression shared by members of two principals', () => {
  let sasl: TestCluster
  const connections: Connection[] = []
  const USERS = [
    { name: 'alice', password: 'alice-pw' },
    { name: 'bob', password: 'bob-pw' }
  ]
  const SHARED = 'kip848-shared-group'
  beforeAll(async () => {
    sasl = await startTestCluster({
      brokers: 1,
      authorizer: {},
      security: { protocol: 'SASL_PLAINTEXT', users: USERS }
    })
    for (const name of ['kip848-two-open', 'kip848-two-hidden'])
      sasl.engine.createTopic({ name, partitions: 2, replicationFactor: 1 })
    const acl = (principal: string, resourceType: 'GROUP' | 'TOPIC', resourceName: string) => ({
      resourceType,
      resourceName,
      patternType: 'LITERAL' as const,
      principal: `User:${principal}`,
      host: '*',
      operation: resourceType === 'GROUP' ? ('READ' as const) : ('DESCRIBE' as const),
      permission: 'ALLOW' as const
    })
    await sasl.service.call('acls.create', {
      acls: [
        acl('alice', 'GROUP', SHARED),
        acl('bob', 'GROUP', SHARED),
        acl('alice', 'TOPIC', 'kip848-two-open'),
        acl('bob', 'TOPIC', 'kip848-two-open'),
        acl('alice', 'TOPIC', 'kip848-two-hidden')
      ]
    })
  })
  afterAll(async () => {
    for (const c of connections) await c.close()
    await sasl?.close()
  })

  /** A member heartbeating on its own connection, logged in as `user`. */
  const memberAs = async (user: (typeof USERS)[number]) => {
    const connection = new Connection(`it-kip848-${user.name}`, {
      sasl: { mechanism: 'PLAIN', username: user.name, password: user.password }
    })
    connections.push(connection)
    const { host, port } = sasl.listeners[0]
    await connection.connect(host, port)
    const member = new HeartbeatingMember(
      connection,
      SHARED,
      `${user.name}-member`,
      (id) => sasl.engine.topicById(id)?.name
    )
    return (regex: string | null) => member.beat(regex)
  }

  it('is resolved once for the group, with the rights of the member whose heartbeat asked', async () => {
    const bob = await memberAs(USERS[1])
    const alice = await memberAs(USERS[0])
    expect(await bob('kip848-two-.*')).toEqual(['kip848-two-open-0', 'kip848-two-open-1'])
    // Alice may describe kip848-two-hidden, but the group's resolution, made with bob's rights,
    // is what her subscription gets: the two members share kip848-two-open only.
    let mine = await alice('kip848-two-.*')
    let his: string[] = []
    for (let i = 0; i < 3; i++) {
      his = await bob(null)
      mine = await alice(null)
    }
    expect(mine).toHaveLength(1)
    expect([...his, ...mine].sort()).toEqual(['kip848-two-open-0', 'kip848-two-open-1'])
  })
})
