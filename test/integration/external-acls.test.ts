// A real cluster's ACLs through a connection, over the Kafka protocol only (the clusters here are
// second embedded ones, reached as Kafka clusters): listed with filters (MATCH included), created
// and deleted with a filter, and enforced by the cluster on kcat; a cluster without an authorizer
// lists none and says so; a principal without rights on the cluster is refused by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { kcat } from '../support/external-clients'
import { ApiError } from '../../src/shared/errors'
import type { AclBinding, AclsResults } from '../../src/shared/api/acls'

const ADMIN = { name: 'admin', password: 'admin-secret' }
const BOB = { name: 'bob', password: 'bob-secret' }

const sasl = (user: { name: string; password: string }) => ({
  protocol: 'SASL_PLAINTEXT',
  sasl: { mechanism: 'SCRAM-SHA-256', username: user.name, password: user.password }
})

/** kcat as bob, reading `topic` from the start: its exit code and what it said. */
function readAsBob(kafka: TestCluster, topic: string) {
  return kcat([
    '-b',
    kafka.bootstrap,
    '-X',
    'security.protocol=sasl_plaintext',
    '-X',
    'sasl.mechanisms=SCRAM-SHA-256',
    '-X',
    `sasl.username=${BOB.name}`,
    '-X',
    `sasl.password=${BOB.password}`,
    '-C',
    '-t',
    topic,
    '-o',
    'beginning',
    '-e',
    '-q'
  ])
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal')
    },
    (err: unknown) => err as ApiError
  )

describe('ACLs of an external cluster', () => {
  let kafka: TestCluster
  let open: TestCluster
  let console_: TestCluster
  let asAdmin: string
  let asBob: string
  let toOpen: string
  const call = <M extends keyof AclsResults>(connection: string, method: M, params: object) =>
    console_.service.callByName(method, { connection, ...params }) as Promise<AclsResults[M]>

  beforeAll(async () => {
    kafka = await startTestCluster({
      security: { protocol: 'SASL_PLAINTEXT', users: [ADMIN, BOB] },
      authorizer: { superUsers: ['admin'] }
    })
    open = await startTestCluster({ brokers: 1 })
    console_ = await startTestCluster({ brokers: 1 })
    await kafka.service.call('topics.create', {
      name: 'orders',
      partitions: 1,
      replicationFactor: 1
    })
    await kafka.service.call('messages.produce', {
      topic: 'orders',
      key: 'k',
      value: 'order-1'
    })
    const add = async (name: string, bootstrap: string, security?: object) =>
      (
        (await console_.service.callByName('connections.add', {
          name,
          bootstrapServers: bootstrap.split(','),
          ...(security ? { security } : {})
        })) as { id: string }
      ).id
    asAdmin = await add('Secured', kafka.bootstrap, sasl(ADMIN))
    asBob = await add('Secured as bob', kafka.bootstrap, sasl(BOB))
    toOpen = await add('Open', open.bootstrap)
  })
  afterAll(async () => {
    await console_?.close()
    await open?.close()
    await kafka?.close()
  })

  it('creates, lists with filters, deletes with a filter, and the cluster enforces them', async () => {
    const empty = await call(asAdmin, 'acls.list', {})
    expect(empty).toEqual({
      authorizerEnabled: true,
      superUsers: [],
      securityProtocol: 'SASL_PLAINTEXT',
      acls: []
    })

    // Without an ACL, bob may not read the topic.
    const refused = await readAsBob(kafka, 'orders')
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/Topic authorization failed/)

    const { created } = await call(asAdmin, 'acls.create', {
      acls: [
        {
          resourceType: 'TOPIC',
          resourceName: 'orders',
          principal: 'User:bob',
          operation: 'READ',
          permission: 'ALLOW'
        },
        {
          resourceType: 'TOPIC',
          resourceName: 'ord',
          patternType: 'PREFIXED',
          principal: 'User:carol',
          host: '127.0.0.1',
          operation: 'WRITE',
          permission: 'ALLOW'
        },
        {
          resourceType: 'GROUP',
          resourceName: '*',
          principal: 'User:bob',
          operation: 'READ',
          permission: 'ALLOW'
        },
        {
          resourceType: 'CLUSTER',
          resourceName: 'kafka-cluster',
          principal: 'User:bob',
          operation: 'IDEMPOTENT_WRITE',
          permission: 'DENY'
        }
      ]
    })
    expect(created[0]).toEqual({
      resourceType: 'TOPIC',
      resourceName: 'orders',
      patternType: 'LITERAL',
      principal: 'User:bob',
      host: '*',
      operation: 'READ',
      permission: 'ALLOW'
    })
    // What the target cluster now holds, seen on the target itself.
    expect(kafka.engine.allAcls()).toHaveLength(4)

    const all = await call(asAdmin, 'acls.list', {})
    const key = (b: AclBinding) =>
      `${b.resourceType}:${b.patternType}:${b.resourceName}:${b.principal}:${b.host}:${b.operation}:${b.permission}`
    expect(all.acls.map(key).sort()).toEqual(created.map(key).sort())

    const onTopics = await call(asAdmin, 'acls.list', { filter: { resourceType: 'TOPIC' } })
    expect(onTopics.acls.map((a) => a.resourceName).sort()).toEqual(['ord', 'orders'])
    const bobs = await call(asAdmin, 'acls.list', { filter: { principal: 'User:bob' } })
    expect(bobs.acls).toHaveLength(3)
    // LITERAL names only that literal; MATCH every ACL that applies to the topic 'orders'.
    const literal = await call(asAdmin, 'acls.list', {
      filter: { resourceType: 'TOPIC', resourceName: 'orders', patternType: 'LITERAL' }
    })
    expect(literal.acls.map((a) => a.principal)).toEqual(['User:bob'])
    const match = await call(asAdmin, 'acls.list', {
      filter: { resourceType: 'TOPIC', resourceName: 'orders', patternType: 'MATCH' }
    })
    expect(match.acls.map((a) => `${a.patternType} ${a.resourceName}`).sort()).toEqual([
      'LITERAL orders',
      'PREFIXED ord'
    ])
    const groupMatch = await call(asAdmin, 'acls.list', {
      filter: { resourceType: 'GROUP', resourceName: 'billing', patternType: 'MATCH' }
    })
    expect(groupMatch.acls.map((a) => a.resourceName)).toEqual(['*'])

    // The ACL made through the console is what lets bob read now.
    const allowed = await readAsBob(kafka, 'orders')
    expect(allowed.code, allowed.stderr).toBe(0)
    expect(allowed.stdout).toContain('order-1')

    // A DENY takes precedence over the ALLOW.
    await call(asAdmin, 'acls.create', {
      acls: [
        {
          resourceType: 'TOPIC',
          resourceName: 'orders',
          principal: 'User:bob',
          operation: 'READ',
          permission: 'DENY'
        }
      ]
    })
    const denied = await readAsBob(kafka, 'orders')
    expect(denied.code).not.toBe(0)
    expect(denied.stderr).toMatch(/Topic authorization failed/)

    // Deleting with a filter removes what it matches, and says what.
    const { deleted } = await call(asAdmin, 'acls.delete', {
      filter: { resourceType: 'TOPIC', principal: 'User:bob', permission: 'DENY' }
    })
    expect(deleted.map(key)).toEqual(['TOPIC:LITERAL:orders:User:bob:*:READ:DENY'])
    expect((await readAsBob(kafka, 'orders')).code).toBe(0)
    const gone = await call(asAdmin, 'acls.delete', { filter: { principal: 'User:carol' } })
    expect(gone.deleted.map((a) => a.resourceName)).toEqual(['ord'])
    expect(kafka.engine.allAcls()).toHaveLength(3)
  })

  it('a principal without rights on the cluster is refused, naming what failed', async () => {
    const err = await failure(
      call(asBob, 'acls.create', {
        acls: [
          {
            resourceType: 'TOPIC',
            resourceName: 'orders',
            principal: 'User:bob',
            operation: 'WRITE',
            permission: 'ALLOW'
          }
        ]
      })
    )
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('FORBIDDEN')
    expect(err.message).toMatch(/^acls\.create .*CLUSTER_AUTHORIZATION_FAILED/)
    const listed = await failure(call(asBob, 'acls.list', {}))
    expect(listed.code).toBe('FORBIDDEN')
    expect(listed.message).toMatch(/^acls\.list: CLUSTER_AUTHORIZATION_FAILED/)
  })

  it('a cluster without an authorizer lists no ACLs and says why it cannot keep any', async () => {
    expect(await call(toOpen, 'acls.list', {})).toEqual({
      authorizerEnabled: false,
      superUsers: [],
      securityProtocol: 'PLAINTEXT',
      acls: []
    })
    const err = await failure(
      call(toOpen, 'acls.create', {
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
    )
    expect(err.code).toBe('BAD_REQUEST')
    expect(err.message).toContain('SECURITY_DISABLED')
    expect(err.message).toContain("'Open' has no authorizer")
    const del = await failure(call(toOpen, 'acls.delete', { filter: {} }))
    expect(del.code).toBe('BAD_REQUEST')
    expect(del.message).toContain('SECURITY_DISABLED')
  })

  it('invalid input is refused naming the field', async () => {
    const err = await failure(
      call(asAdmin, 'acls.create', {
        acls: [
          {
            resourceType: 'TOPIC',
            resourceName: 'orders',
            principal: 'bob',
            operation: 'READ',
            permission: 'ALLOW'
          }
        ]
      })
    )
    expect(err.code).toBe('BAD_REQUEST')
    expect(err.message).toContain('acls.0.principal')
    const filter = await failure(call(asAdmin, 'acls.list', { filter: { patternType: 'ANY' } }))
    expect(filter.code).toBe('BAD_REQUEST')
    expect(filter.message).toContain('filter.patternType')
  })
})
