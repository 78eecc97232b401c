// startCluster({ serverProperties }): the server.properties of a KRaft combined node served in the
// test process, its listeners on free ports under their own names, with EXTERNAL's JAAS users:
// kafkajs produces batches as alice and a kafkajs group reads them as admin; a user given with
// `users` logs in with SCRAM-SHA-512 but not with PLAIN there (SASL_AUTHENTICATION_FAILED and a
// log line); options that would be given twice and a bad file are BAD_REQUESTs naming them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel, type SASLOptions } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from '../../../src/server/library'
import { waitFor } from '../../support/wait-for'

const FIXTURE = join(
  __dirname,
  '..',
  '..',
  'fixtures',
  'server-properties',
  'sasl-plain-jaas.properties'
)
const CAROL = { name: 'carol', password: 'carol-secret' }
let cluster: Cluster
let dir: string
const logs: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-server-properties-lib-'))
  cluster = await startCluster({
    serverProperties: FIXTURE,
    users: [CAROL],
    brokerConfigs: { 'num.partitions': '2' },
    log: (line) => logs.push(line)
  })
})
afterAll(async () => {
  await cluster?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A kafkajs client of EXTERNAL; one that is to be refused does not retry. */
const external = (sasl: SASLOptions, retries = 5) =>
  new Kafka({
    brokers: cluster.listeners[0].bootstrapServers,
    sasl,
    logLevel: logLevel.NOTHING,
    retry: { retries }
  })

describe('startCluster with a server.properties', () => {
  it('serves its listeners on free ports under their names, and logs what it took', () => {
    expect(cluster.listeners.map((l) => [l.name, l.securityProtocol])).toEqual([
      ['EXTERNAL', 'SASL_PLAINTEXT'],
      ['INTERNAL', 'PLAINTEXT']
    ])
    expect(cluster.bootstrapServers[0]).not.toMatch(/:0$/)
    expect(logs).toContain(`Server properties ${FIXTURE}:`)
    expect(logs).toContain('  startCluster: every listener on free ports')
    expect(
      logs.some((l) => l.includes('EXTERNAL PLAIN JAAS config with 2 PLAIN user(s): admin, alice'))
    ).toBe(true)
  })

  it('kafkajs produces batches as alice and a group reads them as admin, both JAAS users', async () => {
    const producer = external({
      mechanism: 'plain',
      username: 'alice',
      password: 'alice-secret'
    }).producer()
    await producer.connect()
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`)
    await producer.send({
      topic: 'events',
      messages: values.map((value, i) => ({ key: `k${i % 5}`, value }))
    })
    await producer.disconnect()
    const consumer = external({
      mechanism: 'plain',
      username: 'admin',
      password: 'admin-secret'
    }).consumer({
      groupId: 'readers'
    })
    await consumer.connect()
    await consumer.subscribe({ topic: 'events', fromBeginning: true })
    const seen: string[] = []
    await consumer.run({
      eachMessage: async ({ message }) => void seen.push(String(message.value))
    })
    await waitFor('every record', () => seen.length >= values.length, 30_000)
    await consumer.disconnect()
    expect(seen.sort()).toEqual([...values].sort())
    // brokerConfigs given to startCluster win over the file's num.partitions=3.
    const described = await cluster.call('topics.describe', { name: 'events' })
    expect(described.partitions).toHaveLength(2)
  })

  it('a user given with `users` logs in with SCRAM but not with PLAIN on the JAAS listener', async () => {
    const scram = external({
      mechanism: 'scram-sha-512',
      username: CAROL.name,
      password: CAROL.password
    }).admin()
    await scram.connect()
    expect(await scram.listTopics()).toContain('events')
    await scram.disconnect()
    const plain = external(
      { mechanism: 'plain', username: CAROL.name, password: CAROL.password },
      0
    ).admin()
    await expect(plain.connect()).rejects.toThrow(/Invalid username or password/)
    await waitFor('the log line', () =>
      logs.some((l) => /SASL authentication of user 'carol' with PLAIN failed/.test(l))
    )
  })
})

describe('startCluster refuses', () => {
  it('listeners beside the file, and a bad file, with a BAD_REQUEST naming them', async () => {
    await expect(
      startCluster({
        serverProperties: FIXTURE,
        listeners: [{ name: 'X', securityProtocol: 'PLAINTEXT' }]
      })
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'listeners' })
    const bad = join(dir, 'bad.properties')
    writeFileSync(bad, 'listeners=PLAINTEXT://:0\nnum.partitions=many\n')
    await expect(startCluster({ serverProperties: bad })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'serverProperties',
      message: `${bad} line 2, num.partitions: 'many' must be a whole number`
    })
  })
})
