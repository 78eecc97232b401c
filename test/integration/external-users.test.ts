// A real cluster's SCRAM users through a connection, over the Kafka protocol only (the cluster
// here is a second embedded one on SASL_PLAINTEXT, reached as a Kafka cluster): a user created
// through the console logs in with kcat, is listed with its mechanisms and iterations, loses one
// mechanism and then the other, and its logins fail after each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
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
    const added = (await console_.service.callByName('connections.add', {
      name: 'Secured',
      bootstrapServers: kafka.bootstrap.split(','),
      security: {
        protocol: 'SASL_PLAINTEXT',
        sasl: { mechanism: 'SCRAM-SHA-512', username: ADMIN.name, password: ADMIN.password }
      }
    })) as { id: string }
    connection = added.id
    plainConnection = (
      (await console_.service.callByName('connections.add', {
        name: 'Plain',
        bootstrapServers: plain.bootstrap.split(',')
      })) as { id: string }
    ).id
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
