// A real cluster's own schema registry: a second `logdeck serve` is the external cluster, reached
// only over Kafka and its registry's REST API (basic auth). Confluent's serializers and
// confluent-kafka-python write there; the console decodes the records, shows and evolves the
// subjects, encodes with them, and keeps the registry's password to itself.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AvroDeserializer,
  AvroSerializer,
  SchemaRegistryClient,
  SerdeType
} from '@confluentinc/schemaregistry'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../support/serve-process'
import { python } from '../support/external-clients'
import { waitForValue } from '../support/wait-for'
import type { MethodName, Params, Result } from '../../src/shared/contract'
import type { ApiErrorBody } from '../../src/shared/errors'
import type { MessageRecord } from '../../src/shared/api/messages'

const PASSWORD = 'reg-s3cret'
const dataDir = mkdtempSync(join(tmpdir(), 'logdeck-external-registry-'))
let console_: ServeProcess
let external: ServeProcess
let client: SchemaRegistryClient

async function post(method: MethodName, body: object) {
  const res = await fetch(`${console_.apiBase}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${console_.token}` },
    body: JSON.stringify(body)
  })
  return { status: res.status, text: await res.text() }
}

async function call<M extends MethodName>(method: M, body: Params<M>): Promise<Result<M>> {
  const { status, text } = await post(method, body)
  if (status !== 200) throw new Error(`${method} answered ${status}: ${text}`)
  return JSON.parse(text) as Result<M>
}

async function failure(method: MethodName, body: object) {
  const { status, text } = await post(method, body)
  return { status, error: (JSON.parse(text) as { error: ApiErrorBody }).error }
}

/** The operation once `operations.list` on the connection shows it done, without an error. */
async function finished(operationId: string) {
  const op = await waitForValue(
    `operation ${operationId}`,
    async () => {
      const { operations } = await call('operations.list', {
        connection: 'staging'
      } as Params<'operations.list'>)
      const found = operations.find((o) => o.operationId === operationId)
      return found?.done ? found : undefined
    },
    120_000
  )
  expect(op.error).toBeUndefined()
  return op
}

async function registryGet(path: string): Promise<unknown> {
  const res = await fetch(`${external.registryUrl!}${path}`, {
    headers: { authorization: `Basic ${Buffer.from(`sr:${PASSWORD}`).toString('base64')}` }
  })
  return res.json()
}

const order = (fields: object[]) =>
  JSON.stringify({ type: 'record', name: 'Order', namespace: 'shop', fields })
const v1 = order([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'double' }
])

beforeAll(async () => {
  ;[external, console_] = await Promise.all([
    startServe([
      '--in-memory',
      '--port',
      '0',
      '--brokers',
      '1',
      '--no-ui',
      '--schema-registry-auth',
      `sr:${PASSWORD}`
    ]),
    startServe(['--data-dir', dataDir, '--port', '0', '--ui-port', '0', '--no-schema-registry'])
  ])
  client = new SchemaRegistryClient({
    baseURLs: [external.registryUrl!],
    basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo: `sr:${PASSWORD}` }
  })
  const kafka = new Kafka({
    clientId: 'external-registry-test',
    brokers: [external.bootstrap],
    logLevel: logLevel.NOTHING
  })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({
    topics: [
      { topic: 'orders', numPartitions: 1 },
      { topic: 'quotes', numPartitions: 1 }
    ]
  })
  await admin.disconnect()
  await client.register('orders-value', { schemaType: 'AVRO', schema: v1 })
  const ser = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true })
  const values = await Promise.all(
    [1, 2, 3].map((n) => ser.serialize('orders', { id: `o-${n}`, amount: n * 2.5 }))
  )
  await client.register('quotes-value', {
    schemaType: 'PROTOBUF',
    schema:
      'syntax = "proto3";\npackage shop;\nmessage Header { string id = 1; }\nmessage Quote { string symbol = 1; int64 cents = 2; }\n'
  })
  const producer = kafka.producer()
  await producer.connect()
  await producer.sendBatch({
    topicMessages: [{ topic: 'orders', messages: values.map((value) => ({ value })) }]
  })
  await producer.disconnect()
  await call('connections.add', {
    id: 'staging',
    name: 'Staging',
    bootstrapServers: [external.bootstrap],
    historyIntervalMs: 0,
    schemaRegistry: { url: external.registryUrl!, username: 'sr', password: PASSWORD }
  })
}, 120_000)

afterAll(async () => {
  await Promise.all([console_?.stop(), external?.stop()])
  rmSync(dataDir, { recursive: true, force: true })
})

describe('a connection with its own schema registry', () => {
  it('keeps the password as a secret: a flag in the listing, a 0600 file on disk', async () => {
    const { connections } = await call('connections.list', {})
    const staging = connections.find((c) => c.id === 'staging')!
    expect(staging.schemaRegistry).toEqual({
      url: external.registryUrl,
      username: 'sr',
      passwordSet: true
    })
    expect(JSON.stringify(connections)).not.toContain(PASSWORD)
    const secrets = join(dataDir, 'connection-secrets.json')
    expect(statSync(secrets).mode & 0o777).toBe(0o600)
    expect(readFileSync(secrets, 'utf8')).toContain('registryPassword')
  })

  it("decodes the records Confluent's serializer wrote, naming the external registry's schema", async () => {
    const { records } = await call('messages.read', {
      connection: 'staging',
      topic: 'orders',
      partition: 0,
      from: 'earliest',
      limit: 10
    })
    expect(records.map((r) => JSON.parse(r.value!) as unknown)).toEqual([
      { id: 'o-1', amount: 2.5 },
      { id: 'o-2', amount: 5 },
      { id: 'o-3', amount: 7.5 }
    ])
    const id = await client.getId('orders-value', { schemaType: 'AVRO', schema: v1 })
    expect(records[0].valueSchema).toEqual({
      id,
      type: 'AVRO',
      subject: 'orders-value',
      version: 1
    })
    expect(records[0].valueRaw).toBeDefined()
  })

  it('lists, compares and evolves the subjects there, with the same verdicts', async () => {
    const subjects = await call('schemas.subjects', { connection: 'staging' })
    expect(subjects.compatibility).toBe('BACKWARD')
    const orders = subjects.subjects.find((s) => s.subject === 'orders-value')!
    expect(orders).toMatchObject({
      type: 'AVRO',
      latestVersion: 1,
      topics: [{ topic: 'orders', part: 'value' }],
      ownCompatibility: null
    })
    expect(subjects.subjects.find((s) => s.subject === 'quotes-value')?.type).toBe('PROTOBUF')

    const broken = order([
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'string' }
    ])
    const verdict = await call('schemas.check', {
      connection: 'staging',
      subject: 'orders-value',
      schema: broken
    })
    expect(verdict.compatible).toBe(false)
    expect(verdict.checkedVersions).toEqual([1])
    expect(verdict.problems[0].message).toMatch(/amount/)
    const refused = await failure('schemas.register', {
      connection: 'staging',
      subject: 'orders-value',
      schema: broken
    })
    expect(refused.status).toBe(409)
    expect(refused.error.message).toMatch(/field `amount` changed type from double to string/)

    const v2 = order([
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'double' },
      { name: 'note', type: 'string', default: '' }
    ])
    const registered = await call('schemas.register', {
      connection: 'staging',
      subject: 'orders-value',
      schema: v2
    })
    expect(registered).toMatchObject({ subject: 'orders-value', version: 2, type: 'AVRO' })
    // Asked of the registry itself (the client caches what it saw).
    expect(await registryGet('/subjects/orders-value/versions')).toEqual([1, 2])
    const diff = await call('schemas.compare', {
      connection: 'staging',
      subject: 'orders-value',
      left: 1,
      right: 2
    })
    expect(diff.rows.some((r) => r.change === 'added' && /note/.test(r.right!.text))).toBe(true)

    const level = await call('schemas.setCompatibility', {
      connection: 'staging',
      subject: 'orders-value',
      level: 'FULL'
    })
    expect(level).toEqual({
      subject: 'orders-value',
      compatibility: 'FULL',
      ownCompatibility: 'FULL'
    })
    expect(await registryGet('/config/orders-value')).toEqual({ compatibilityLevel: 'FULL' })
  })

  it("encodes with the external registry's schema, which Confluent's deserializer reads", async () => {
    const produced = await call('messages.produce', {
      connection: 'staging',
      topic: 'orders',
      value: JSON.stringify({ id: 'o-9', amount: 1.25, note: 'by the console' }),
      valueSchema: { subject: 'orders-value', version: 2 }
    })
    const { records } = await call('messages.read', {
      connection: 'staging',
      topic: 'orders',
      partition: 0,
      from: { offset: produced.offset },
      limit: 1
    })
    const bytes = Buffer.from(records[0].valueRaw!, 'base64')
    const de = new AvroDeserializer(client, SerdeType.VALUE, {})
    expect(await de.deserialize('orders', bytes)).toEqual({
      id: 'o-9',
      amount: 1.25,
      note: 'by the console'
    })
    expect(records[0].valueSchema).toMatchObject({ subject: 'orders-value', version: 2 })
    const misfit = await failure('messages.produce', {
      connection: 'staging',
      topic: 'orders',
      value: JSON.stringify({ id: 'o-10', amount: 'ten' }),
      valueSchema: { subject: 'orders-value' }
    })
    expect(misfit.status).toBe(400)
    expect(misfit.error.field).toBe('value.amount')
  })

  it('filters search and replay on the decoded values, as on the embedded cluster', async () => {
    // A JSON path on the value: only the decoded record has an amount to compare.
    const filters = [{ field: 'value' as const, op: 'jsonPath' as const, value: '$.amount > 4' }]
    const { operationId } = await call('messages.search', {
      connection: 'staging',
      topic: 'orders',
      from: 'earliest',
      filters,
      limit: 100
    })
    await finished(operationId)
    const found = await call('messages.searchResults', { connection: 'staging', operationId })
    // The matches come back decoded and naming their schema, as messages.read (and so an export
    // of them) shows them.
    expect(found.records.map((r) => JSON.parse(r.value!) as unknown)).toEqual([
      { id: 'o-2', amount: 5 },
      { id: 'o-3', amount: 7.5 }
    ])
    expect(found.records[0].valueSchema).toMatchObject({
      type: 'AVRO',
      subject: 'orders-value',
      version: 1
    })
    expect(found.records[0].valueRaw).toBeDefined()
    const byText = await call('messages.search', {
      connection: 'staging',
      topic: 'orders',
      from: 'earliest',
      filters: [{ field: 'value', op: 'contains', value: 'by the console' }],
      limit: 100
    })
    await finished(byText.operationId)
    const note = await call('messages.searchResults', {
      connection: 'staging',
      operationId: byText.operationId
    })
    expect(note.records.map((r) => r.valueSchema?.version)).toEqual([2])

    // Replay with the same filter: the copies are the stored bytes, schema id and all.
    await call('topics.create', {
      connection: 'staging',
      name: 'orders-replayed',
      partitions: 1,
      replicationFactor: 1
    })
    const copy = await call('messages.copy', {
      connection: 'staging',
      source: 'orders',
      target: 'orders-replayed',
      filters
    })
    expect((await finished(copy.operationId)).matched).toBe(2)
    const { records } = await call('messages.read', {
      connection: 'staging',
      topic: 'orders-replayed',
      partition: 0,
      from: 'earliest',
      limit: 10
    })
    const de = new AvroDeserializer(client, SerdeType.VALUE, {})
    expect(
      await Promise.all(
        records.map((r) => de.deserialize('orders', Buffer.from(r.valueRaw!, 'base64')))
      )
    ).toEqual([
      { id: 'o-2', amount: 5 },
      { id: 'o-3', amount: 7.5 }
    ])
  })

  it('sees what confluent-kafka-python registers there with basic auth', async () => {
    const script = `
import json, sys
from confluent_kafka.schema_registry import SchemaRegistryClient, Schema
c = SchemaRegistryClient({'url': sys.argv[1], 'basic.auth.user.info': sys.argv[2]})
s = Schema(json.dumps({'type': 'record', 'name': 'Py', 'fields': [{'name': 'x', 'type': 'int'}]}), 'AVRO')
print(json.dumps({'id': c.register_schema('py-value', s)}))
`
    const r = await python(script, [external.registryUrl!, `sr:${PASSWORD}`])
    expect(r.stderr).toBe('')
    const { id } = JSON.parse(r.stdout) as { id: number }
    const versions = await call('schemas.versions', { connection: 'staging', subject: 'py-value' })
    expect(versions.versions).toMatchObject([{ version: 1, id, type: 'AVRO' }])
  })

  it('connections.test tries the registry too: reachable, the credentials, the API', async () => {
    const saved = await call('connections.test', { id: 'staging' })
    expect(saved.reachable).toBe(true)
    expect(saved.schemaRegistry).toMatchObject({
      url: external.registryUrl,
      reachable: true,
      types: expect.arrayContaining(['AVRO', 'PROTOBUF', 'JSON']) as string[]
    })
    expect(saved.schemaRegistry?.reachable && saved.schemaRegistry.subjects).toBeGreaterThanOrEqual(
      3
    )
    const definition = (schemaRegistry: { url: string; username?: string; password?: string }) => ({
      definition: { name: 'draft', bootstrapServers: [external.bootstrap], schemaRegistry }
    })
    const wrong = await call(
      'connections.test',
      definition({ url: external.registryUrl!, username: 'sr', password: 'wrong' })
    )
    expect(wrong.reachable).toBe(true)
    expect(wrong.schemaRegistry).toMatchObject({ reachable: false })
    expect(wrong.schemaRegistry?.reachable === false && wrong.schemaRegistry.error).toMatch(
      /refused the credentials \(HTTP 401\)/
    )
    const gone = await call('connections.test', definition({ url: 'http://127.0.0.1:1' }))
    expect(gone.schemaRegistry?.reachable === false && gone.schemaRegistry.error).toMatch(
      /127\.0\.0\.1:1 does not answer/
    )
    // A web server that is not a registry.
    const other: Server = createServer((_req, res) => res.writeHead(404).end('Not Found'))
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`
      const notOne = await call('connections.test', definition({ url }))
      expect(notOne.schemaRegistry?.reachable === false && notOne.schemaRegistry.error).toBe(
        `${url} is not a Confluent-compatible schema registry: GET /subjects answered HTTP 404`
      )
    } finally {
      other.close()
    }
    // A cluster that does not answer: its error, and the registry's part in the same message.
    const noCluster = await failure('connections.test', {
      definition: {
        name: 'draft',
        bootstrapServers: ['127.0.0.1:1'],
        schemaRegistry: { url: external.registryUrl!, username: 'sr', password: PASSWORD }
      }
    })
    expect(noCluster.status).toBe(503)
    expect(noCluster.error.message).toContain('127.0.0.1:1')
    expect(noCluster.error.message).toContain(
      `The schema registry at ${external.registryUrl} answers`
    )
  })

  it('says why when the registry refuses the password, and records keep their bytes', async () => {
    await call('connections.update', {
      id: 'staging',
      schemaRegistry: { url: external.registryUrl!, username: 'sr', password: 'wrong' }
    })
    const listed = await failure('schemas.subjects', { connection: 'staging' })
    expect(listed.status).toBe(503)
    expect(listed.error.message).toMatch(/refused the credentials/)
    const { records } = await call('messages.read', {
      connection: 'staging',
      topic: 'orders',
      partition: 0,
      from: 'earliest',
      limit: 1
    })
    const r: MessageRecord = records[0]
    expect(r.valueSchema).toMatchObject({ type: 'UNKNOWN' })
    expect(r.valueSchema!.error).toMatch(/refused the credentials/)
    // Without a registry the schema views say what is missing.
    await call('connections.update', { id: 'staging', schemaRegistry: null })
    const none = await failure('schemas.subjects', { connection: 'staging' })
    expect(none.status).toBe(400)
    expect(none.error.message).toMatch(/names no schema registry/)
    const { connections } = await call('connections.list', {})
    expect(connections.find((c) => c.id === 'staging')!.schemaRegistry).toBeUndefined()
    expect(readFileSync(join(dataDir, 'connection-secrets.json'), 'utf8')).not.toContain(
      'registryPassword'
    )
  })
})
