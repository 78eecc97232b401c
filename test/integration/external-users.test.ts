// A real cluster's SCRAM users through a connection, over the Kafka protocol only (the cluster
// here is a second embedded one on SASL_PLAINTEXT, reached as a Kafka cluster): a user created
// through the console logs in with kcat, is listed with its mechanisms and iterations, loses one
// mechanism and then the other, and its logins fail after each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { addKafkaConnection } from '../support/external-connection'
import { kcat } from '../support/external-clients'
import { ApiError } from '../../src/shared/errors'
import type { SaslUser, UsersList } from '../../src/shared/api/users'

const ADMIN = { name: 'admin', password: 'admin-secret' }

describe('SCRAM users of an external cluster', () => {
  let kafka: TestCluster
  let plain: TestCluster
  let console_: TestCluster
  let connection: string
  let plainConnection: string
  const call = <T>(method: string, params: object, id = connection) =>
    console_.service.callByName(method, { connection: id, ...params }) as Promise<T>

  /** Whether `user` logs in to the cluster with `mechanism` (kcat asks for its metadata). */
  async function logsIn(mechanism: string, user: string, password: string): Promise<boolean> {
    const r = await kcat([
      '-b',
      kafka.bootstrap,
      '-X',
      'security.protocol=sasl_plaintext',
      '-X',
      `sasl.mechanism=${mechanism}`,
      '-X',
      `sasl.username=${user}`,
      '-X',
      `sasl.password=${password}`,
      '-L',
      '-m',
      '5'
    ])
    if (r.code !== 0) expect(r.stderr).toMatch(/Authentication failed|SASL authentication error/)
    return r.code === 0
  }

  beforeAll(async () => {
    kafka = await startTestCluster({
      brokers: 2,
      security: { protocol: 'SASL_PLAINTEXT', users: [ADMIN] }
    })
    plain = await startTestCluster({ brokers: 1 })
    console_ = await startTestCluster({ brokers: 1 })
    connection = await addKafkaConnection(console_, 'Secured', kafka, {
      login: { username: ADMIN.name, password: ADMIN.password }
    })
    plainConnection = await addKafkaConnection(console_, 'Plain', plain)
  })
  afterAll(async () => {
    await console_?.close()
    await plain?.close()
    await kafka?.close()
  })

  it('creates a user that logs in, lists it, and removes a mechanism and then the user', async () => {
    const set = await call<SaslUser>('users.set', {
      name: 'svc',
      password: 'svc-pass',
      mechanisms: ['SCRAM-SHA-512', 'SCRAM-SHA-256'],
      iterations: 8192
    })
    expect(set).toEqual({
      name: 'svc',
      credentials: [
        { mechanism: 'SCRAM-SHA-256', iterations: 8192 },
        { mechanism: 'SCRAM-SHA-512', iterations: 8192 }
      ]
    })
    // Salted on the console's side with a fresh salt per credential: the cluster keeps it.
    const stored = kafka.engine.scramCredential('svc', 'SCRAM-SHA-512')
    expect(stored?.iterations).toBe(8192)
    expect(stored?.salt.length).toBe(32)
    expect(stored?.salt.equals(kafka.engine.scramCredential('svc', 'SCRAM-SHA-256')!.salt)).toBe(
      false
    )
    expect(await logsIn('SCRAM-SHA-512', 'svc', 'svc-pass')).toBe(true)
    expect(await logsIn('SCRAM-SHA-512', 'svc', 'wrong')).toBe(false)

    const list = await call<UsersList>('users.list', {})
    const own = (await kafka.service.callByName('users.list', {})) as UsersList
    expect(list).toMatchObject({
      securityProtocol: 'SASL_PLAINTEXT',
      saslEnabled: true,
      // What the listener's SaslHandshake lists, in its order.
      saslMechanisms: own.saslMechanisms,
      scope: 'connection'
    })
    expect(list.saslMechanisms).toContain('SCRAM-SHA-512')
    expect(list.users.map((u) => u.name)).toEqual(['admin', 'svc'])
    expect(list.users[1]).toEqual(set)

    // A default user: both mechanisms, 4096 iterations.
    const changed = await call<SaslUser>('users.set', { name: 'svc', password: 'new-pass' })
    expect(changed.credentials).toEqual([
      { mechanism: 'SCRAM-SHA-256', iterations: 4096 },
      { mechanism: 'SCRAM-SHA-512', iterations: 4096 }
    ])
    expect(await logsIn('SCRAM-SHA-512', 'svc', 'svc-pass')).toBe(false)
    expect(await logsIn('SCRAM-SHA-512', 'svc', 'new-pass')).toBe(true)

    const one = await call('users.delete', { name: 'svc', mechanism: 'SCRAM-SHA-512' })
    expect(one).toEqual({ name: 'svc', deleted: ['SCRAM-SHA-512'] })
    expect(await logsIn('SCRAM-SHA-512', 'svc', 'new-pass')).toBe(false)
    expect(await logsIn('SCRAM-SHA-256', 'svc', 'new-pass')).toBe(true)
    const again = await call('users.delete', { name: 'svc', mechanism: 'SCRAM-SHA-512' }).catch(
      (err: unknown) => err
    )
    expect(again).toBeInstanceOf(ApiError)
    expect(again).toMatchObject({ code: 'NOT_FOUND', field: 'mechanism' })

    const all = await call('users.delete', { name: 'svc' })
    expect(all).toEqual({ name: 'svc', deleted: ['SCRAM-SHA-256'] })
    expect(await logsIn('SCRAM-SHA-256', 'svc', 'new-pass')).toBe(false)
    expect((await call<UsersList>('users.list', {})).users.map((u) => u.name)).toEqual(['admin'])
    const gone = await call('users.delete', { name: 'svc' }).catch((err: unknown) => err)
    expect(gone).toMatchObject({ code: 'NOT_FOUND', field: 'name' })
  })

  it('on a PLAINTEXT connection says only what that listener asks', async () => {
    await call('users.set', { name: 'carol', password: 'carol-pass' }, plainConnection)
    const list = await call<UsersList>('users.list', {}, plainConnection)
    expect(list).toEqual({
      securityProtocol: 'PLAINTEXT',
      saslEnabled: false,
      saslMechanisms: [],
      scope: 'connection',
      users: [
        {
          name: 'carol',
          credentials: [
            { mechanism: 'SCRAM-SHA-256', iterations: 4096 },
            { mechanism: 'SCRAM-SHA-512', iterations: 4096 }
          ]
        }
      ]
    })
  })
})

describe('SCRAM users of an external cluster with an authorizer', () => {
  let kafka: TestCluster
  let console_: TestCluster
  const ids: Record<string, string> = {}
  const call = <T>(who: string, method: string, params: object) =>
    console_.service.callByName(method, { connection: ids[who], ...params }) as Promise<T>
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (err: unknown) => err
    )

  beforeAll(async () => {
    kafka = await startTestCluster({
      brokers: 1,
      security: {
        protocol: 'SASL_PLAINTEXT',
        users: [ADMIN, { name: 'bob', password: 'bob-secret' }]
      },
      authorizer: { superUsers: ['admin'] }
    })
    console_ = await startTestCluster({ brokers: 1 })
    for (const [user, password] of [
      ['admin', ADMIN.password],
      ['bob', 'bob-secret']
    ])
      ids[user] = (
        (await console_.service.callByName('connections.add', {
          name: user,
          bootstrapServers: kafka.bootstrap.split(','),
          security: {
            protocol: 'SASL_PLAINTEXT',
            sasl: { mechanism: 'SCRAM-SHA-512', username: user, password }
          }
        })) as { id: string }
      ).id
  })
  afterAll(async () => {
    await console_?.close()
    await kafka?.close()
  })

  it('says which permission Kafka asks of the principal, and works once granted', async () => {
    const list = await failure(call('bob', 'users.list', {}))
    expect(list).toBeInstanceOf(ApiError)
    expect(list).toMatchObject({ code: 'FORBIDDEN' })
    expect((list as ApiError).message).toBe(
      "User:bob may not list the SCRAM users of 'bob': Kafka asks for DESCRIBE on the cluster (CLUSTER_AUTHORIZATION_FAILED)"
    )
    const set = await failure(call('bob', 'users.set', { name: 'svc', password: 'svc-pass' }))
    expect(set).toMatchObject({ code: 'FORBIDDEN' })
    expect((set as ApiError).message).toContain('Kafka asks for ALTER on the cluster')
    expect(kafka.engine.scramCredential('svc', 'SCRAM-SHA-512')).toBeUndefined()

    // ALTER on the cluster (which includes DESCRIBE) but DESCRIBE denied, through the console by
    // the super user.
    const acl = (operation: string, permission: string) => ({
      principal: 'User:bob',
      resourceType: 'CLUSTER',
      resourceName: 'kafka-cluster',
      patternType: 'LITERAL',
      operation,
      permission,
      host: '*'
    })
    await call('admin', 'acls.create', { acls: [acl('ALTER', 'ALLOW'), acl('DESCRIBE', 'DENY')] })
    // bob may change users but not list them: it still learns what it set.
    expect(
      await call('bob', 'users.set', {
        name: 'svc',
        password: 'svc-pass',
        mechanisms: ['SCRAM-SHA-512']
      })
    ).toEqual({ name: 'svc', credentials: [{ mechanism: 'SCRAM-SHA-512', iterations: 4096 }] })
    expect(kafka.engine.scramCredential('svc', 'SCRAM-SHA-512')?.iterations).toBe(4096)
    const deleted = await failure(call('bob', 'users.delete', { name: 'svc' }))
    expect((deleted as ApiError).message).toContain('Kafka asks for DESCRIBE on the cluster')
    expect(await failure(call('bob', 'users.list', {}))).toMatchObject({ code: 'FORBIDDEN' })
    const users = await call<UsersList>('admin', 'users.list', {})
    expect(users.users.map((u) => u.name)).toEqual(['admin', 'bob', 'svc'])

    // Without the DENY, ALTER lets bob list and delete too.
    await call('admin', 'acls.delete', { filter: acl('DESCRIBE', 'DENY') })
    expect((await call<UsersList>('bob', 'users.list', {})).users.map((u) => u.name)).toContain(
      'svc'
    )
    expect(await call('bob', 'users.delete', { name: 'svc' })).toEqual({
      name: 'svc',
      deleted: ['SCRAM-SHA-512']
    })
  })
})
