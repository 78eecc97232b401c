// The consumer group protocol (KIP-848) under ACLs, with @platformatic/kafka's protocol calls: a
// regular-expression subscription is given only the matching topics its principal may DESCRIBE
// (another one joins the assignment once an ACL allows it), and ConsumerGroupDescribe answers
// the operations the principal may do on the group when asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Connection, consumerGroupDescribeV0, consumerGroupHeartbeatV1 } from '@platformatic/kafka'
import type { AclBinding } from '../../../src/shared/api/acls'
import { startTestCluster, type TestCluster } from '../../support/cluster'

const GROUP = 'kip848-acl-group'

let cluster: TestCluster
let connection: Connection

const allow = (acl: Pick<AclBinding, 'resourceType' | 'resourceName' | 'operation'>) =>
  cluster.service.call('acls.create', {
    acls: [{ ...acl, principal: 'User:ANONYMOUS', permission: 'ALLOW' }]
  })

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 1, authorizer: {} })
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
    const topicName = (id: string) => cluster.engine.topicById(id)?.name
    let epoch = 0
    let owned: { topicId: string; partitions: number[] }[] = []
    const beat = async (regex: string | null) => {
      const r = await consumerGroupHeartbeatV1.api.async(
        connection,
        GROUP,
        'acl-member',
        epoch,
        null,
        null,
        10_000,
        null,
        regex,
        null,
        owned
      )
      expect(r.errorCode).toBe(0)
      epoch = r.memberEpoch
      if (r.assignment) owned = r.assignment.topicPartitions
      return owned.flatMap((t) => t.partitions.map((p) => `${topicName(t.topicId)}-${p}`)).sort()
    }
    expect(await beat('kip848-acl-.*')).toEqual(['kip848-acl-open-0', 'kip848-acl-open-1'])
    const firstEpoch = epoch

    await allow({ resourceType: 'TOPIC', resourceName: 'kip848-acl-hidden', operation: 'DESCRIBE' })
    expect(await beat(null)).toEqual([
      'kip848-acl-hidden-0',
      'kip848-acl-open-0',
      'kip848-acl-open-1'
    ])
    expect(epoch).toBeGreaterThan(firstEpoch)
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
