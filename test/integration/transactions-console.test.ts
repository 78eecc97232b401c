// What the console shows of transactions: a kafkajs transactional producer leaves a transaction
// open, transactions.list shows it (on the embedded cluster and through an external connection
// to the same brokers, via ListTransactions / DescribeTransactions), transactions.abort ends it
// and fences the producer, and read_committed consumers then get past it; messages.read shows
// the transactions' commit and abort markers as rows when asked to.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel, type Producer, type Transaction } from 'kafkajs'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { waitFor } from '../support/wait-for'
import type { TransactionSummary } from '../../src/shared/api/transactions'

const TOPIC = 'txn-console'

let cluster: TestCluster
let kafka: Kafka
let dataDir: string
let hung: Producer
let open: Transaction
const call = (method: string, params: object) => cluster.service.callByName(method, params)
const list = async (connection?: string) =>
  (
    (await call('transactions.list', connection ? { connection } : {})) as {
      transactions: TransactionSummary[]
    }
  ).transactions

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'logdeck-txn-console-'))
  cluster = await startTestCluster({ dataDir })
  kafka = new Kafka({
    clientId: 'it-txn-console',
    brokers: cluster.bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 5 }
  })
  await call('topics.create', { name: TOPIC, partitions: 2, replicationFactor: 2 })
  // A committed transaction, then one left open: its producer stays connected and silent.
  const done = kafka.producer({ transactionalId: 'txn-console-done', maxInFlightRequests: 1 })
  await done.connect()
  const t = await done.transaction()
  await t.send({ topic: TOPIC, messages: [{ value: 'committed-1', partition: 0 }] })
  await t.commit()
  await done.disconnect()
  hung = kafka.producer({ transactionalId: 'txn-console-hung', maxInFlightRequests: 1 })
  await hung.connect()
  open = await hung.transaction()
  await open.send({
    topic: TOPIC,
    messages: [
      { value: 'open-1', partition: 0 },
      { value: 'open-2', partition: 1 }
    ]
  })
})

afterAll(async () => {
  await hung?.disconnect().catch(() => {})
  await cluster?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('transactions in the console', () => {
  it('lists the open transaction with its producer, partitions and start', async () => {
    const all = await list()
    const open = all.find((t) => t.transactionalId === 'txn-console-hung')
    expect(open).toMatchObject({
      state: 'Ongoing',
      producerEpoch: 0,
      partitions: [
        { topic: TOPIC, partition: 0 },
        { topic: TOPIC, partition: 1 }
      ]
    })
    expect(open!.startedAt).toBeGreaterThan(0)
    expect(open!.timeoutMs).toBeGreaterThan(0)
    // A completed transaction has no partitions or start, as DescribeTransactions shows it.
    expect(all.find((t) => t.transactionalId === 'txn-console-done')).toMatchObject({
      state: 'CompleteCommit',
      startedAt: null,
      partitions: []
    })
  })

  it('lists the same through an external connection (ListTransactions, DescribeTransactions)', async () => {
    const { id } = (await call('connections.add', {
      name: 'Same brokers',
      bootstrapServers: cluster.bootstrap.split(','),
      security: { protocol: 'PLAINTEXT' }
    })) as { id: string }
    const embedded = await list()
    const external = await list(id)
    expect(external).toEqual(embedded)
    await expect(
      call('transactions.abort', { connection: id, transactionalId: 'txn-console-hung' })
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /kafka-transactions\.sh/ })
  })

  it('marks each record committed, open or aborted; read_committed stops at the last stable offset', async () => {
    type Read = {
      records: { offset: number; value: string; transaction?: string }[]
      bounds: Record<number, { highWatermark: number; lastStableOffset?: number }>
    }
    const read = (isolation?: string) =>
      call('messages.read', {
        topic: TOPIC,
        partition: 0,
        from: 'earliest',
        limit: 100,
        ...(isolation ? { isolation } : {})
      }) as Promise<Read>
    const all = await read()
    expect(all.records.map((r) => [r.value, r.transaction])).toEqual([
      ['committed-1', 'committed'],
      ['open-1', 'open']
    ])
    const committed = await read('read_committed')
    expect(committed.records.map((r) => r.value)).toEqual(['committed-1'])
    const openOffset = all.records[1].offset
    expect(committed.bounds[0].lastStableOffset).toBe(openOffset)
    expect(committed.bounds[0].highWatermark).toBeGreaterThan(openOffset)
    // The partition says which transaction holds its last stable offset back, and since when.
    const described = (await call('topics.describe', { name: TOPIC })) as {
      partitions: {
        partition: number
        lastStableOffset: number
        openTransaction: { transactionalId: string; firstOffset: number; startedAt: number } | null
      }[]
    }
    const p0 = described.partitions.find((p) => p.partition === 0)!
    expect(p0.lastStableOffset).toBe(openOffset)
    expect(p0.openTransaction).toMatchObject({
      transactionalId: 'txn-console-hung',
      firstOffset: openOffset
    })
    expect(p0.openTransaction!.startedAt).toBeGreaterThan(0)
  })

  it('refuses to abort an unknown id or a transaction that is not open', async () => {
    await expect(call('transactions.abort', { transactionalId: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'transactionalId'
    })
    await expect(
      call('transactions.abort', { transactionalId: 'txn-console-done' })
    ).rejects.toMatchObject({ code: 'CONFLICT', message: /CompleteCommit/ })
    await expect(call('transactions.abort', { transactionalId: '' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'transactionalId'
    })
  })

  it('aborts the hung transaction: read_committed consumers get past it, its producer is fenced', async () => {
    const consumer = kafka.consumer({ groupId: 'txn-console-reader', maxWaitTimeInMs: 100 })
    const values: string[] = []
    await consumer.connect()
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ message }) => {
        values.push(String(message.value))
      }
    })
    await expect(
      call('transactions.abort', { transactionalId: 'txn-console-hung' })
    ).resolves.toEqual({ transactionalId: 'txn-console-hung', aborted: true })
    const after = (await list()).find((t) => t.transactionalId === 'txn-console-hung')
    // Fenced (epoch 1), then ended as transaction version 2 (finalized on the cluster) ends a
    // transaction, whatever the client's version: epoch 2, as Kafka 4's coordinator does.
    expect(after).toMatchObject({ state: 'CompleteAbort', producerEpoch: 2, startedAt: null })
    // A record produced after the abort reaches the reader; the aborted ones never do.
    const plain = kafka.producer()
    await plain.connect()
    await plain.send({ topic: TOPIC, messages: [{ value: 'after-abort', partition: 0 }] })
    await plain.disconnect()
    await waitFor('the reader to pass the aborted transaction', () =>
      values.includes('after-abort')
    )
    await consumer.disconnect()
    expect(values.sort()).toEqual(['after-abort', 'committed-1'])
    // The browser marks the aborted records, and read_committed leaves them out.
    const page = (isolation: string) =>
      call('messages.read', { topic: TOPIC, partition: 0, from: 'earliest', limit: 100, isolation })
    const states = (
      (await page('read_uncommitted')) as { records: { value: string; transaction?: string }[] }
    ).records.map((r) => [r.value, r.transaction ?? null])
    expect(states).toEqual([
      ['committed-1', 'committed'],
      ['open-1', 'aborted'],
      ['after-abort', null]
    ])
    const committedOnly = (await page('read_committed')) as { records: { value: string }[] }
    expect(committedOnly.records.map((r) => r.value)).toEqual(['committed-1', 'after-abort'])
    // With control markers, each transaction's marker is a row of its own at its offset: forward
    // from the start, and as the latest records (read backwards).
    type Row = { offset: number; value: string | null; marker?: Record<string, unknown> }
    const rows = (r: unknown) =>
      (r as { records: Row[] }).records.map((x) =>
        x.marker ? [x.offset, x.marker.outcome, x.marker.transactionalId] : [x.offset, x.value]
      )
    const withMarkers = [
      [0, 'committed-1'],
      [1, 'commit', 'txn-console-done'],
      [2, 'open-1'],
      [3, 'abort', 'txn-console-hung'],
      [4, 'after-abort']
    ]
    const read = (params: object) =>
      call('messages.read', { topic: TOPIC, partition: 0, controlMarkers: true, ...params })
    expect(rows(await read({ from: 'earliest', limit: 100 }))).toEqual(withMarkers)
    expect(rows(await read({ from: 'latest', limit: 3 }))).toEqual(withMarkers.slice(2))
    expect(rows(await read({ from: { offset: 1 }, limit: 2 }))).toEqual(withMarkers.slice(1, 3))
    expect(rows(await read({ from: 'earliest', limit: 100, isolation: 'read_committed' }))).toEqual(
      withMarkers.filter((r) => r[1] !== 'open-1')
    )
    const marker = ((await read({ from: { offset: 1 }, limit: 1 })) as { records: unknown[] })
      .records[0]
    expect(marker).toMatchObject({ key: null, value: null, headers: [], sizeBytes: 0 })
    expect(marker).not.toHaveProperty('transaction')
    const described = (await call('topics.describe', { name: TOPIC })) as {
      partitions: { highWatermark: number; lastStableOffset: number; openTransaction: unknown }[]
    }
    for (const p of described.partitions) {
      expect(p.lastStableOffset).toBe(p.highWatermark)
      expect(p.openTransaction).toBeNull()
    }
    // The hung producer's commit is refused: its epoch was bumped.
    await expect(open.commit()).rejects.toThrow(/epoch|fenced/i)
  })
})
