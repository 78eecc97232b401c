// Copying records from one cluster into another: two `logdeck serve` processes, the first the
// console (its embedded cluster) and the second a Kafka cluster it reaches only over the Kafka
// protocol. What kcat reads on the target is what kcat reads on the source: keys, values,
// headers (repeated ones included) and timestamps, each key's records in order; the same within
// the Kafka cluster (a replay there).
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../support/serve-process'
import { kcat } from '../support/external-clients'
import { waitForValue } from '../support/wait-for'
import type { MethodName, Params, Result } from '../../src/shared/contract'
import type { ApiErrorBody } from '../../src/shared/errors'

interface KcatRecord {
  partition: number
  offset: number
  ts: number
  key: string | null
  payload: string | null
  headers?: string[]
}

let console_: ServeProcess
let external: ServeProcess

async function post(
  method: MethodName,
  body: object
): Promise<{ status: number; body: { error?: ApiErrorBody } }> {
  const res = await fetch(`${console_.apiBase}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${console_.token}` },
    body: JSON.stringify(body)
  })
  return { status: res.status, body: (await res.json()) as { error?: ApiErrorBody } }
}

async function call<M extends MethodName>(method: M, body: Params<M>): Promise<Result<M>> {
  const { status, body: out } = await post(method, body)
  if (status !== 200) throw new Error(`${method} answered ${status}: ${JSON.stringify(out)}`)
  return out as Result<M>
}

/** Every record of a topic as kcat reads it, in partition and offset order, once it sees `count`. */
function consume(bootstrap: string, topic: string, count: number): Promise<KcatRecord[]> {
  let last = 'nothing yet'
  const read = waitForValue(`kcat to read ${count} records of ${topic}`, async () => {
    const out = await kcat([
      '-b',
      bootstrap,
      '-C',
      '-t',
      topic,
      '-o',
      'beginning',
      '-e',
      '-J',
      '-q'
    ])
    last = `code ${out.code}, ${out.stdout.split('\n').filter(Boolean).length} lines, ${out.stderr.slice(0, 300)}`
    if (out.code !== 0) throw new Error(`kcat failed: ${out.stderr}`)
    const records = out.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as KcatRecord)
      .sort((a, b) => a.partition - b.partition || a.offset - b.offset)
    return records.length >= count ? records : undefined
  })
  return read.catch((e: Error) => {
    throw new Error(`${e.message}; kcat's last read: ${last}`)
  })
}

/** What a copy keeps of a record: everything but where it sits. */
const content = (r: KcatRecord) =>
  JSON.stringify({ key: r.key, value: r.payload, headers: r.headers ?? [], ts: r.ts })

/** Each key's values in the order its partition holds them. */
function byKey(records: KcatRecord[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const r of records) {
    if (r.key === null) continue
    out.set(r.key, [...(out.get(r.key) ?? []), r.payload ?? ''])
  }
  return out
}

async function copied(connection: string, params: Params<'messages.copy'>) {
  const { operationId } = await call('messages.copy', { connection, ...params })
  const op = await waitForValue(
    `copy ${operationId}`,
    async () => {
      const { operations } = await call('operations.list', {
        connection
      } as Params<'operations.list'>)
      const found = operations.find((o) => o.operationId === operationId)
      return found?.done ? found : undefined
    },
    120_000
  )
  expect(op.error).toBeUndefined()
  return op
}

describe('copying from one cluster into another', () => {
  // An hour ago, a second apart: well within the topics' retention, so the log cleaner that runs
  // every few seconds never deletes them while the test reads (records from 2024 it would).
  const base = Math.floor(Date.now() / 1000) * 1000 - 3_600_000

  beforeAll(async () => {
    console_ = await startServe(['--in-memory', '--port', '0', '--ui-port', '0', '--brokers', '3'])
    external = await startServe(['--in-memory', '--port', '0', '--no-ui', '--brokers', '3'])
    await call('connections.add', {
      id: 'staging',
      name: 'Staging',
      bootstrapServers: external.bootstrap.split(','),
      historyIntervalMs: 0
    })
    await call('topics.create', { name: 'orders', partitions: 3, replicationFactor: 1 })
    await call('topics.create', {
      connection: 'staging',
      name: 'orders-copy',
      partitions: 5,
      replicationFactor: 1
    })
    await call('topics.create', { name: 'orders-back', partitions: 2, replicationFactor: 1 })

    // 90 records from a batching client, in a few multi-record batches: 7 keys, a keyless
    // record every 15, a header repeated under one name, and timestamps a second apart.
    const kafka = new Kafka({
      brokers: console_.bootstrap.split(','),
      clientId: 'copy-test',
      logLevel: logLevel.NOTHING
    })
    const producer = kafka.producer()
    await producer.connect()
    for (let batch = 0; batch < 3; batch++)
      await producer.send({
        topic: 'orders',
        messages: Array.from({ length: 30 }, (_, j) => {
          const i = batch * 30 + j
          return {
            key: i % 15 === 0 ? null : `acct-${i % 7}`,
            value: JSON.stringify({ n: i }),
            headers: { trace: `t-${i}`, hop: ['a', `b-${i}`] },
            timestamp: String(base + i * 1000)
          }
        })
      })
    await producer.disconnect()
  })

  afterAll(async () => {
    await external?.stop()
    await console_?.stop()
  })

  it('counts and copies the embedded cluster into the Kafka cluster, records as kcat saw them', async () => {
    const params = { source: 'orders', target: 'orders-copy', targetConnection: 'staging' }
    expect((await call('messages.copyCount', { connection: 'embedded', ...params })).records).toBe(
      90
    )
    const op = await copied('embedded', params)
    expect(op.matched).toBe(90)
    expect(op.description).toBe('Copy orders to orders-copy on staging')

    const source = await consume(console_.bootstrap, 'orders', 90)
    const target = await consume(external.bootstrap, 'orders-copy', op.matched)
    expect(source).toHaveLength(90)
    expect(target.map(content).sort()).toEqual(source.map(content).sort())
    expect(target.find((r) => r.payload === '{"n":4}')?.headers).toEqual([
      'trace',
      't-4',
      'hop',
      'a',
      'hop',
      'b-4'
    ])
    expect(target.find((r) => r.payload === '{"n":4}')?.ts).toBe(base + 4000)
    // Re-partitioned by key over 5 partitions: one partition per key, each key in order.
    const partitionsOf = new Map<string, Set<number>>()
    for (const r of target)
      if (r.key !== null)
        partitionsOf.set(r.key, (partitionsOf.get(r.key) ?? new Set()).add(r.partition))
    for (const parts of partitionsOf.values()) expect(parts.size).toBe(1)
    expect(new Set(target.map((r) => r.partition)).size).toBeGreaterThan(1)
    expect(byKey(target)).toEqual(byKey(source))
  })

  it('copies chosen records from the Kafka cluster back into the embedded cluster', async () => {
    const onStaging = await consume(external.bootstrap, 'orders-copy', 90)
    const chosen = onStaging.filter((r) => r.partition < 2 && r.offset % 3 === 0)
    expect(chosen.length).toBeGreaterThan(3)
    const params = {
      source: 'orders-copy',
      target: 'orders-back',
      targetConnection: 'embedded',
      records: chosen.map((r) => ({ partition: r.partition, offset: r.offset })),
      keepPartition: true
    }
    const count = await call('messages.copyCount', { connection: 'staging', ...params })
    expect(count.records).toBe(chosen.length)
    const op = await copied('staging', params)
    expect(op.matched).toBe(chosen.length)
    const back = await consume(console_.bootstrap, 'orders-back', chosen.length)
    expect(back.map(content).sort()).toEqual(chosen.map(content).sort())
    // keepPartition: partitions 0 and 1 exist on the target, so each record stays in its own.
    for (const r of back) {
      const from = chosen.find((c) => content(c) === content(r))!
      expect(r.partition).toBe(from.partition)
    }
  })

  it('replays within the Kafka cluster, a header repeated under one name kept twice', async () => {
    await call('topics.create', {
      connection: 'staging',
      name: 'orders-replay',
      partitions: 2,
      replicationFactor: 1
    })
    const source = await consume(external.bootstrap, 'orders-copy', 90)
    const op = await copied('staging', { source: 'orders-copy', target: 'orders-replay' })
    expect(op.matched).toBe(90)
    const replayed = await consume(external.bootstrap, 'orders-replay', 90)
    expect(replayed.map(content).sort()).toEqual(source.map(content).sort())
    const hops = (r: KcatRecord | undefined) => r?.headers?.filter((_, i) => i % 2 === 0)
    expect(hops(replayed.find((r) => r.payload === '{"n":7}'))).toEqual(['trace', 'hop', 'hop'])

    // The console's own read of the Kafka cluster shows both headers too, in order.
    const at = replayed.find((r) => r.payload === '{"n":7}')!
    const { records } = await call('messages.read', {
      connection: 'staging',
      topic: 'orders-replay',
      partition: at.partition,
      from: { offset: at.offset },
      limit: 1
    })
    expect(records[0].headers.map((h) => [h.key, h.value])).toEqual([
      ['trace', 't-7'],
      ['hop', 'a'],
      ['hop', 'b-7']
    ])
  })

  it('names the field when the target topic or connection does not exist', async () => {
    const missingTopic = await post('messages.copy', {
      source: 'orders',
      target: 'nowhere',
      targetConnection: 'staging'
    })
    expect(missingTopic.status).toBe(404)
    expect(missingTopic.body.error).toMatchObject({ code: 'NOT_FOUND', field: 'target' })
    expect(missingTopic.body.error?.message).toContain("'nowhere'")
    const missingConnection = await post('messages.copyCount', {
      source: 'orders',
      target: 'orders-copy',
      targetConnection: 'prod'
    })
    expect(missingConnection.status).toBe(404)
    expect(missingConnection.body.error).toMatchObject({
      code: 'NOT_FOUND',
      field: 'targetConnection'
    })
    const badConnection = await post('messages.copy', {
      source: 'orders',
      target: 'orders-copy',
      targetConnection: 'Not An Id'
    })
    expect(badConnection.status).toBe(400)
    expect(badConnection.body.error?.field).toBe('targetConnection')
  })
})
