// @platformatic/kafka's transactional producer (EndTxn up to 4, Produce up to 11: a client of
// transaction version 0) on a cluster that finalizes transaction.version 2, as a new one does:
// it commits, aborts and commits again, its batches going out with AddPartitionsToTxn first,
// and kcat reading read_committed sees the committed records only, while read_uncommitted sees
// the aborted one too; EndTxn leaves the producer epoch where InitProducerId put it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Admin, Producer, stringSerializers } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, callApi, type ServeProcess } from '../../support/serve-process'
import { kcat } from '../../support/external-clients'

const TOPIC = 'plat-ledger'

let dir: string
let server: ServeProcess

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'logdeck-plat-txn-'))
  server = await startServe(['--data-dir', dir, '--port', '0', '--brokers', '1', '--ui-port', '0'])
})

afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function read(isolation: string): Promise<string[]> {
  const r = await kcat([
    ...['-C', '-b', server.bootstrap, '-t', TOPIC, '-e', '-q', '-o', 'beginning'],
    ...['-X', `isolation.level=${isolation}`, '-f', '%p %s\n']
  ])
  expect(r.code, r.stderr).toBe(0)
  return r.stdout.trim().split('\n').sort()
}

describe('@platformatic/kafka transactions at transaction.version 2', () => {
  it('commits and aborts as before', async () => {
    const bootstrapBrokers = server.bootstrap.split(',')
    const admin = new Admin({ clientId: 'plat-admin', bootstrapBrokers })
    await admin.createTopics({ topics: [TOPIC], partitions: 2, replicas: 1 })
    await admin.close()
    const producer = new Producer({
      clientId: 'plat-txn',
      bootstrapBrokers,
      idempotent: true,
      transactionalId: 'plat-writer',
      serializers: stringSerializers
    })
    try {
      let tx = await producer.beginTransaction()
      await tx.send({
        messages: [
          { topic: TOPIC, value: 'committed-1', partition: 0 },
          { topic: TOPIC, value: 'committed-2', partition: 1 }
        ]
      })
      await tx.commit()
      tx = await producer.beginTransaction()
      await tx.send({ messages: [{ topic: TOPIC, value: 'aborted', partition: 0 }] })
      await tx.abort()
      tx = await producer.beginTransaction()
      await tx.send({ messages: [{ topic: TOPIC, value: 'committed-3', partition: 0 }] })
      await tx.commit()
    } finally {
      await producer.close()
    }
    expect(await read('read_committed')).toEqual([
      '0 committed-1',
      '0 committed-3',
      '1 committed-2'
    ])
    expect(await read('read_uncommitted')).toEqual([
      '0 aborted',
      '0 committed-1',
      '0 committed-3',
      '1 committed-2'
    ])
    const { features } = await callApi<{
      features: { name: string; finalizedLevel: number }[]
    }>(server, 'cluster.features')
    expect(features.find((f) => f.name === 'transaction.version')?.finalizedLevel).toBe(2)
    const { transactions } = await callApi<{
      transactions: { transactionalId: string; state: string; producerEpoch: number }[]
    }>(server, 'transactions.list')
    expect(transactions.find((t) => t.transactionalId === 'plat-writer')).toMatchObject({
      state: 'CompleteCommit',
      producerEpoch: 0
    })
  })
})
