// ACLs with real clients over SASL_PLAINTEXT: a consumer without READ on its topic gets
// TOPIC_AUTHORIZATION_FAILED and goes on once READ is granted through the contract; kafka-python's
// admin client creates, describes and deletes ACLs (CreateAcls / DescribeAcls / DeleteAcls) and
// kcat follows them; Metadata hides what a principal may not describe; a producer without WRITE
// is refused; the refusals are logged; DescribeGroups answers the group operations Kafka 4 lists.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Admin } from '@platformatic/kafka'
import { startCluster } from '../../../src/server/library'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat, python } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'

const ADMIN = { name: 'admin', password: 'admin-secret' }
const BOB = { name: 'bob', password: 'bob-secret' }
const CAROL = { name: 'carol', password: 'carol-secret' }

/** Subscribes as a group member; writes the first error it gets to `marker`, then reads on. */
const CONSUMER = `
import sys, time
from confluent_kafka import Consumer, KafkaError
bootstrap, user, password, topic, group, marker, expected = sys.argv[1:8]
c = Consumer({'bootstrap.servers': bootstrap, 'security.protocol': 'SASL_PLAINTEXT',
              'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.username': user, 'sasl.password': password,
              'group.id': group, 'auto.offset.reset': 'earliest',
              'topic.metadata.refresh.interval.ms': 500})
c.subscribe([topic])
denied = None
seen = set()
deadline = time.time() + 90
while len(seen) < int(expected) and time.time() < deadline:
    m = c.poll(0.5)
    if m is None:
        continue
    if m.error():
        if denied is None:
            denied = m.error().name()
            open(marker, 'w').write(denied)
        continue
    seen.add(m.value())
c.close()
print(denied, len(seen))
`

/** kafka-python's admin client, logged in as the super user: CreateAcls, DescribeAcls, DeleteAcls. */
const ADMIN_ACLS = `
import sys
from kafka.admin import (KafkaAdminClient, ACL, ACLFilter, ACLOperation, ACLPermissionType,
                         ResourcePattern, ResourcePatternFilter, ResourceType, ACLResourcePatternType)
bootstrap, user, password, action, principal, prefix = sys.argv[1:7]
a = KafkaAdminClient(bootstrap_servers=bootstrap, security_protocol='SASL_PLAINTEXT',
                     sasl_mechanism='SCRAM-SHA-256', sasl_plain_username=user,
                     sasl_plain_password=password)
if action == 'create':
    r = a.create_acls([ACL(principal=principal, host='*', operation=ACLOperation.READ,
                           permission_type=ACLPermissionType.ALLOW,
                           resource_pattern=ResourcePattern(ResourceType.TOPIC, prefix,
                                                            ACLResourcePatternType.PREFIXED))])
    print('created', len(r['succeeded']), 'failed', len(r['failed']))
elif action == 'describe':
    acls, err = a.describe_acls(ACLFilter(principal=principal, host=None,
                                          operation=ACLOperation.ANY,
                                          permission_type=ACLPermissionType.ANY,
                                          resource_pattern=ResourcePatternFilter(
                                              ResourceType.ANY, None, ACLResourcePatternType.ANY)))
    for acl in acls:
        print(acl.resource_pattern.resource_type.name, acl.resource_pattern.resource_name,
              acl.resource_pattern.pattern_type.name, acl.operation.name, acl.permission_type.name)
else:
    r = a.delete_acls([ACLFilter(principal=principal, host=None, operation=ACLOperation.ANY,
                                 permission_type=ACLPermissionType.ANY,
                                 resource_pattern=ResourcePatternFilter(
                                     ResourceType.TOPIC, None, ACLResourcePatternType.ANY))])
    print('deleted', len(r[0][1]))
a.close()
`

function login(user: { name: string; password: string }, mechanism = 'PLAIN'): string[] {
  return [
    '-X',
    'security.protocol=sasl_plaintext',
    '-X',
    `sasl.mechanisms=${mechanism}`,
    '-X',
    `sasl.username=${user.name}`,
    '-X',
    `sasl.password=${user.password}`
  ]
}

const dir = mkdtempSync(join(tmpdir(), 'logdeck-acls-it-'))

describe('ACLs over SASL_PLAINTEXT', () => {
  let cluster: TestCluster
  const records = Array.from({ length: 30 }, (_, i) => `order-${i}`)
  beforeAll(async () => {
    cluster = await startTestCluster({
      security: { protocol: 'SASL_PLAINTEXT', users: [ADMIN, BOB, CAROL] },
      authorizer: { superUsers: ['admin'] }
    })
    await cluster.service.call('topics.create', {
      name: 'orders',
      partitions: 3,
      replicationFactor: 2
    })
    await cluster.service.call('topics.create', {
      name: 'payments',
      partitions: 1,
      replicationFactor: 1
    })
    // The super user writes the records in batches.
    const produced = await kcat(
      ['-b', cluster.bootstrap, ...login(ADMIN), '-P', '-t', 'orders', '-X', 'linger.ms=50', '-K:'],
      records.map((r, i) => `k${i % 5}:${r}`).join('\n') + '\n'
    )
    expect(produced.code, produced.stderr).toBe(0)
  })
  afterAll(async () => {
    await cluster.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a consumer without READ gets TOPIC_AUTHORIZATION_FAILED, and goes on once READ is granted', async () => {
    // Bob may use his group, but not yet read the topic.
    await cluster.service.call('acls.create', {
      acls: [
        {
          resourceType: 'GROUP',
          resourceName: 'billing',
          principal: 'User:bob',
          operation: 'READ',
          permission: 'ALLOW'
        }
      ]
    })
    const marker = join(dir, 'denied')
    const consumer = python(
      CONSUMER,
      [
        cluster.bootstrap,
        BOB.name,
        BOB.password,
        'orders',
        'billing',
        marker,
        String(records.length)
      ],
      120_000
    )
    // Python creates the file before it writes to it: wait for its content.
    await waitFor(
      'the consumer to be refused',
      () => existsSync(marker) && readFileSync(marker, 'utf8') !== '',
      60_000
    )
    expect(readFileSync(marker, 'utf8')).toBe('TOPIC_AUTHORIZATION_FAILED')
    await cluster.service.call('acls.create', {
      acls: [
        {
          resourceType: 'TOPIC',
          resourceName: 'orders',
          principal: 'User:bob',
          operation: 'READ',
          permission: 'ALLOW'
        }
      ]
    })
    const r = await consumer
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe(`TOPIC_AUTHORIZATION_FAILED ${records.length}`)
    expect(
      cluster.logs.some((l) =>
        /Principal = User:bob is Denied Operation = DESCRIBE from host = 127\.0\.0\.1 on resource = TOPIC:orders/.test(
          l
        )
      )
    ).toBe(true)
  })

  it("kafka-python's admin client creates, describes and deletes ACLs, and kcat follows them", async () => {
    const read = () =>
      kcat([
        '-b',
        cluster.bootstrap,
        ...login(CAROL, 'SCRAM-SHA-512'),
        '-C',
        '-t',
        'orders',
        '-o',
        'beginning',
        '-e',
        '-q'
      ])
    const before = await read()
    expect(before.code).not.toBe(0)
    expect(before.stderr).toMatch(/Topic authorization failed/)

    const admin = (action: string) =>
      python(ADMIN_ACLS, [
        cluster.bootstrap,
        ADMIN.name,
        ADMIN.password,
        action,
        'User:carol',
        'ord'
      ])
    const created = await admin('create')
    expect(created.code, created.stderr).toBe(0)
    expect(created.stdout.trim()).toBe('created 1 failed 0')
    const described = await admin('describe')
    expect(described.stdout.trim()).toBe('TOPIC ord PREFIXED READ ALLOW')
    expect(
      (await cluster.service.call('acls.list', { filter: { principal: 'User:carol' } })).acls
    ).toEqual([
      {
        resourceType: 'TOPIC',
        resourceName: 'ord',
        patternType: 'PREFIXED',
        principal: 'User:carol',
        host: '*',
        operation: 'READ',
        permission: 'ALLOW'
      }
    ])

    const after = await read()
    expect(after.code, after.stderr).toBe(0)
    expect(after.stdout.trim().split('\n').sort()).toEqual([...records].sort())

    const deleted = await admin('delete')
    expect(deleted.stdout.trim()).toBe('deleted 1')
    const again = await read()
    expect(again.stderr).toMatch(/Topic authorization failed/)
  })

  it("DescribeGroups answers Kafka 4's group operations: all five to the super user, READ and DESCRIBE to a reader", async () => {
    await cluster.service.call('acls.create', {
      acls: [
        {
          resourceType: 'GROUP',
          resourceName: 'audit',
          principal: 'User:carol',
          operation: 'READ',
          permission: 'ALLOW'
        }
      ]
    })
    // The group exists once kcat's consumer has joined it and read the topic.
    const joined = await kcat([
      ...['-b', cluster.bootstrap, ...login(ADMIN), '-G', 'audit', '-o', 'beginning', '-e'],
      'orders'
    ])
    expect(joined.code, joined.stderr).toBe(0)
    // Kafka's AclOperation codes, as DescribeGroups' authorized operation bits.
    const codes = { READ: 3, DELETE: 6, DESCRIBE: 8, DESCRIBE_CONFIGS: 10, ALTER_CONFIGS: 11 }
    const operations = async (user: { name: string; password: string }) => {
      const admin = new Admin({
        clientId: 'acl-test',
        bootstrapBrokers: cluster.bootstrap.split(','),
        sasl: { mechanism: 'SCRAM-SHA-512', username: user.name, password: user.password }
      })
      try {
        const groups = await admin.describeGroups({
          groups: ['audit'],
          includeAuthorizedOperations: true
        })
        const bits = groups.get('audit')?.authorizedOperations ?? 0
        return Object.entries(codes)
          .filter(([, code]) => bits & (1 << code))
          .map(([name]) => name)
      } finally {
        await admin.close()
      }
    }
    expect(await operations(ADMIN)).toEqual([
      'READ',
      'DELETE',
      'DESCRIBE',
      'DESCRIBE_CONFIGS',
      'ALTER_CONFIGS'
    ])
    expect(await operations(CAROL)).toEqual(['READ', 'DESCRIBE'])
  })

  it('the principal without ACLs is refused DescribeAcls and CreateAcls', async () => {
    const r = await python(ADMIN_ACLS, [
      cluster.bootstrap,
      CAROL.name,
      CAROL.password,
      'create',
      'User:carol',
      'pay'
    ])
    expect(r.stdout.trim()).toBe('created 0 failed 1')
    expect(
      (await cluster.service.call('acls.list', { filter: { resourceName: 'pay' } })).acls
    ).toEqual([])
  })

  it('Metadata lists only the topics a principal may describe; a producer without WRITE is refused', async () => {
    const listed = await kcat(['-b', cluster.bootstrap, ...login(BOB), '-L', '-J'])
    expect(listed.code, listed.stderr).toBe(0)
    const topics = (JSON.parse(listed.stdout) as { topics: { topic: string }[] }).topics
    expect(topics.map((t) => t.topic)).toEqual(['orders'])
    const asAdmin = await kcat(['-b', cluster.bootstrap, ...login(ADMIN), '-L', '-J'])
    // The super user also sees __consumer_offsets, which the groups above brought in.
    expect(
      (JSON.parse(asAdmin.stdout) as { topics: { topic: string }[] }).topics
        .map((t) => t.topic)
        .sort()
    ).toEqual(['__consumer_offsets', 'orders', 'payments'])

    const produced = await kcat(
      [
        '-b',
        cluster.bootstrap,
        ...login(BOB),
        '-P',
        '-t',
        'orders',
        '-X',
        'message.timeout.ms=5000'
      ],
      'refused\n'
    )
    expect(produced.stderr).toMatch(/Topic authorization failed/)
    // Nothing of it was written.
    const { partitions } = await cluster.service.call('topics.describe', { name: 'orders' })
    expect(partitions.reduce((n, p) => n + p.highWatermark, 0)).toBe(records.length)
  })
})

describe('startCluster({ authorizer: true })', () => {
  it('holds clients (User:ANONYMOUS) to the ACLs that acls.create adds', async () => {
    const cluster = await startCluster({
      authorizer: true,
      topics: [{ name: 'orders', partitions: 1, replicationFactor: 1 }]
    })
    try {
      const list = () => kcat(['-b', cluster.bootstrapServers.join(','), '-L', '-J'])
      const topicsOf = (out: string) =>
        (JSON.parse(out) as { topics: { topic: string }[] }).topics.map((t) => t.topic)
      expect(topicsOf((await list()).stdout)).toEqual([])
      await cluster.call('acls.create', {
        acls: [
          {
            resourceType: 'TOPIC',
            resourceName: '*',
            principal: 'User:ANONYMOUS',
            operation: 'DESCRIBE',
            permission: 'ALLOW'
          }
        ]
      })
      expect(topicsOf((await list()).stdout)).toEqual(['orders'])
      expect((await cluster.call('acls.list', {})).authorizerEnabled).toBe(true)
    } finally {
      await cluster.close()
    }
  })
})
