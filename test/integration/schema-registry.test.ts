// The built-in schema registry of `logdeck serve`, driven as curl, Confluent's JavaScript client
// (with its Avro, Protobuf and JSON Schema serializers) and confluent-kafka-python's
// SchemaRegistryClient drive it; a record serialized before a restart deserializes after it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AvroDeserializer,
  AvroSerializer,
  JsonDeserializer,
  JsonSerializer,
  SchemaRegistryClient,
  SerdeType
} from '@confluentinc/schemaregistry'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { startServe, type ServeProcess } from '../support/serve-process'
import { python } from '../support/external-clients'
import { writeDevCertificates } from '../../src/server/dev-certificates'
import { waitForValue } from '../support/wait-for'

const dataDir = mkdtempSync(join(tmpdir(), 'logdeck-registry-it-'))
let server: ServeProcess
let base: string
const serveArgs = ['--data-dir', dataDir, '--port', '0', '--ui-port', '0', '--token', 'sr-token']

beforeAll(async () => {
  server = await startServe(serveArgs)
  base = server.registryUrl!
})
afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const MEDIA = 'application/vnd.schemaregistry.v1+json'

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': MEDIA, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: JSON.parse(text) as unknown
  }
}

const payment = (fields: object[]) =>
  JSON.stringify({ type: 'record', name: 'Payment', namespace: 'shop', fields })

describe('schema registry over HTTP', () => {
  it('registers, repeats, refuses an incompatible change with 409 and a bad schema with 42201', async () => {
    const v1 = payment([{ name: 'id', type: 'string' }])
    const first = await call('POST', '/subjects/curl-value/versions', { schema: v1 })
    expect(first).toMatchObject({ status: 200, type: MEDIA })
    const id = (first.body as { id: number }).id
    expect(id).toBeGreaterThan(0)
    expect((await call('POST', '/subjects/curl-value/versions', { schema: v1 })).body).toEqual({
      id
    })

    const breaking = await call('POST', '/subjects/curl-value/versions', {
      schema: payment([{ name: 'id', type: 'int' }])
    })
    expect(breaking.status).toBe(409)
    expect(breaking.body).toMatchObject({ error_code: 409 })
    expect((breaking.body as { message: string }).message).toMatch(/incompatible/)

    const bad = await call('POST', '/subjects/curl-value/versions', { schema: '{"type": "recor' })
    expect(bad).toMatchObject({ status: 422, body: { error_code: 42201 } })

    expect((await call('GET', '/subjects/curl-value/versions/latest')).body).toEqual({
      subject: 'curl-value',
      version: 1,
      id,
      schema: v1
    })
    expect((await call('GET', '/subjects/nope/versions')).body).toMatchObject({ error_code: 40401 })
    expect((await call('GET', '/subjects/curl-value/versions/9')).body).toMatchObject({
      error_code: 40402
    })
    expect((await call('GET', '/subjects/curl-value/versions/x')).body).toMatchObject({
      error_code: 42202
    })
    expect((await call('GET', '/schemas/ids/999999')).body).toMatchObject({ error_code: 40403 })
    expect((await call('GET', '/schemas/types')).body).toEqual(['JSON', 'PROTOBUF', 'AVRO'])
  })

  it('answers compatibility checks, config and mode as Confluent does', async () => {
    await call('POST', '/subjects/cfg-value/versions', {
      schema: payment([{ name: 'id', type: 'string' }])
    })
    const added = {
      schema: payment([
        { name: 'id', type: 'string' },
        { name: 'cents', type: 'long' }
      ])
    }
    const check = await call(
      'POST',
      '/compatibility/subjects/cfg-value/versions/latest?verbose=true',
      added
    )
    expect(check.body).toMatchObject({ is_compatible: false })
    expect((check.body as { messages: string[] }).messages.join()).toMatch(/cents/)
    expect((await call('GET', '/config/cfg-value')).body).toMatchObject({ error_code: 40408 })
    expect((await call('PUT', '/config/cfg-value', { compatibility: 'FORWARD' })).body).toEqual({
      compatibility: 'FORWARD'
    })
    expect((await call('GET', '/config/cfg-value')).body).toEqual({ compatibilityLevel: 'FORWARD' })
    expect(
      (await call('POST', '/compatibility/subjects/cfg-value/versions/latest', added)).body
    ).toEqual({
      is_compatible: true
    })
    expect((await call('PUT', '/config', { compatibility: 'SIDEWAYS' })).body).toMatchObject({
      error_code: 42203
    })
    expect((await call('GET', '/mode')).body).toEqual({ mode: 'READWRITE' })
    expect((await call('PUT', '/mode/cfg-value', { mode: 'READONLY' })).body).toEqual({
      mode: 'READONLY'
    })
    expect((await call('POST', '/subjects/cfg-value/versions', added)).body).toMatchObject({
      error_code: 42205
    })
    await call('DELETE', '/mode/cfg-value')
  })

  it('soft and hard deletes subjects', async () => {
    await call('POST', '/subjects/gone-value/versions', {
      schema: payment([{ name: 'g', type: 'int' }])
    })
    expect((await call('DELETE', '/subjects/gone-value?permanent=true')).body).toMatchObject({
      error_code: 40405
    })
    expect((await call('DELETE', '/subjects/gone-value')).body).toEqual([1])
    expect((await call('GET', '/subjects')).body).not.toContain('gone-value')
    expect((await call('GET', '/subjects?deleted=true')).body).toContain('gone-value')
    expect((await call('DELETE', '/subjects/gone-value?permanent=true')).body).toEqual([1])
    expect((await call('GET', '/subjects?deleted=true')).body).not.toContain('gone-value')
  })

  it('checks Host as the API server does, and says 404 in Confluent form', async () => {
    const res = await call('GET', '/subjects', undefined, {})
    expect(res.status).toBe(200)
    const nope = await call('GET', '/no/such/path')
    expect(nope).toMatchObject({ status: 404, body: { error_code: 404 } })
    // fetch will not forge Host; a raw request does.
    const { request } = await import('node:http')
    const url = new URL(base)
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/subjects',
          headers: { host: 'evil.example:8081' }
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        }
      )
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(403)
  })
})

describe('Confluent clients', () => {
  it('@confluentinc/schemaregistry registers, evolves and serializes Avro and JSON Schema', async () => {
    const client = new SchemaRegistryClient({ baseURLs: [base] })
    const v1 = payment([{ name: 'id', type: 'string' }])
    const id = await client.register('orders-value', { schemaType: 'AVRO', schema: v1 })
    expect(await client.register('orders-value', { schemaType: 'AVRO', schema: v1 })).toBe(id)
    const v2 = payment([
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'double', default: 0 }
    ])
    expect(
      await client.testCompatibility('orders-value', 1, { schemaType: 'AVRO', schema: v2 })
    ).toBe(true)
    await client.register('orders-value', { schemaType: 'AVRO', schema: v2 })
    await expect(
      client.register('orders-value', {
        schemaType: 'AVRO',
        schema: payment([{ name: 'id', type: 'long' }])
      })
    ).rejects.toMatchObject({ status: 409 })
    expect((await client.getLatestSchemaMetadata('orders-value')).version).toBe(2)

    const ser = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true })
    const bytes = await ser.serialize('orders', { id: 'o-1', amount: 12.5 })
    expect(bytes[0]).toBe(0)
    const de = new AvroDeserializer(client, SerdeType.VALUE, {})
    expect(await de.deserialize('orders', bytes)).toEqual({ id: 'o-1', amount: 12.5 })

    const jsonSer = new JsonSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: true })
    const jsonDe = new JsonDeserializer(client, SerdeType.VALUE, {})
    const clicks = await jsonSer.serialize('clicks', { page: '/home', n: 3 })
    expect(await jsonDe.deserialize('clicks', clicks)).toEqual({ page: '/home', n: 3 })
    expect((await call('GET', '/subjects/clicks-value/versions/1')).body).toMatchObject({
      schemaType: 'JSON'
    })
  })

  it('@confluentinc/schemaregistry registers Protobuf schemas with references and checks them', async () => {
    const client = new SchemaRegistryClient({ baseURLs: [base] })
    const money = 'syntax = "proto3";\npackage shop;\nmessage Money { int64 cents = 1; }\n'
    const moneyId = await client.register('money.proto', { schemaType: 'PROTOBUF', schema: money })
    const order = (t: string) =>
      `syntax = "proto3";\npackage shop;\nimport "money.proto";\nmessage Order { ${t} id = 1; Money total = 2; }\n`
    const references = [{ name: 'money.proto', subject: 'money.proto', version: 1 }]
    const id = await client.register('orders-proto-value', {
      schemaType: 'PROTOBUF',
      schema: order('string'),
      references
    })
    expect(id).toBeGreaterThan(moneyId)
    expect((await call('GET', '/subjects/money.proto/versions/1/referencedby')).body).toEqual([id])
    await expect(
      client.register('orders-proto-value', {
        schemaType: 'PROTOBUF',
        schema: order('int32'),
        references
      })
    ).rejects.toMatchObject({ status: 409 })
  })

  it('takes a well-known .proto registered as a reference, as confluent-kafka-python registers it', async () => {
    // confluent-kafka-python's ProtobufSerializer registers every file a message's file imports,
    // Google's well-known ones too, under a subject named after the file, and names them as
    // references: the built-in copy of timestamp.proto must then give way to the registered one.
    const wellKnown = 'google/protobuf/timestamp.proto'
    const timestamp =
      'syntax = "proto3";\npackage google.protobuf;\nmessage Timestamp { int64 seconds = 1; int32 nanos = 2; }\n'
    const subject = `/subjects/${encodeURIComponent(wellKnown)}/versions`
    expect(
      (await call('POST', subject, { schemaType: 'PROTOBUF', schema: timestamp })).status
    ).toBe(200)
    const ref = { name: wellKnown, subject: wellKnown, version: 1 }
    const event = `syntax = "proto3";\npackage audit;\nimport "${wellKnown}";\nmessage Event { string id = 1; google.protobuf.Timestamp at = 2; }\n`
    const registered = await call('POST', '/subjects/audit-value/versions', {
      schemaType: 'PROTOBUF',
      schema: event,
      references: [ref]
    })
    expect(registered).toMatchObject({ status: 200, body: { id: expect.any(Number) } })
    const found = await call('POST', '/subjects/audit-value', {
      schemaType: 'PROTOBUF',
      schema: event,
      references: [ref]
    })
    expect(found.body).toMatchObject({ id: (registered.body as { id: number }).id, version: 1 })

    // Two referenced files that both import the well-known file without naming it.
    const stamped = (name: string) =>
      `syntax = "proto3";\npackage audit;\nimport "${wellKnown}";\nmessage ${name} { google.protobuf.Timestamp at = 1; }\n`
    for (const name of ['Created', 'Deleted'])
      expect(
        (
          await call('POST', `/subjects/${name}.proto/versions`, {
            schemaType: 'PROTOBUF',
            schema: stamped(name)
          })
        ).status
      ).toBe(200)
    const both = await call('POST', '/subjects/audit-both-value/versions', {
      schemaType: 'PROTOBUF',
      schema: `syntax = "proto3";\npackage audit;\nimport "Created.proto";\nimport "Deleted.proto";\nmessage Both { Created c = 1; Deleted d = 2; }\n`,
      references: ['Created', 'Deleted'].map((n) => ({
        name: `${n}.proto`,
        subject: `${n}.proto`,
        version: 1
      }))
    })
    expect(both).toMatchObject({ status: 200, body: { id: expect.any(Number) } })
  })

  it('asks for basic auth when told to', async () => {
    const guarded = await startServe([
      '--in-memory',
      '--port',
      '0',
      '--no-ui',
      '--schema-registry-auth',
      'sr:pw'
    ])
    try {
      const url = `${guarded.registryUrl!}/subjects`
      const refused = await fetch(url)
      expect(refused.status).toBe(401)
      expect(await refused.json()).toMatchObject({ error_code: 401 })
      const client = new SchemaRegistryClient({
        baseURLs: [guarded.registryUrl!],
        basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo: 'sr:pw' }
      })
      expect(await client.getAllSubjects()).toEqual([])
    } finally {
      await guarded.stop()
    }
  })

  it('serves HTTPS when given a certificate, and asks for client certificates when given a CA', async () => {
    const certDir = mkdtempSync(join(tmpdir(), 'logdeck-registry-tls-'))
    const certs = writeDevCertificates(certDir)
    const tlsFlags = [
      '--schema-registry-tls-cert',
      certs.cert,
      '--schema-registry-tls-key',
      certs.key
    ]
    // requests prefers a CA bundle named in the environment to the client's ssl.ca.location.
    const script = `
import json, os, sys
for name in ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'):
    os.environ.pop(name, None)
from confluent_kafka.schema_registry import SchemaRegistryClient, Schema
conf = {'url': sys.argv[1], 'ssl.ca.location': sys.argv[2]}
if len(sys.argv) > 3:
    conf.update({'ssl.certificate.location': sys.argv[3], 'ssl.key.location': sys.argv[4]})
c = SchemaRegistryClient(conf)
try:
    s = Schema(json.dumps({'type': 'record', 'name': 'Tls', 'fields': [{'name': 'x', 'type': 'int'}]}), 'AVRO')
    i = c.register_schema('tls-value', s)
    print(json.dumps({'id': i, 'type': c.get_schema(i).schema_type}))
except Exception as e:
    print(json.dumps({'error': type(e).__name__}))
`
    const open = await startServe(['--in-memory', '--port', '0', '--no-ui', ...tlsFlags])
    const guarded = await startServe([
      '--in-memory',
      '--port',
      '0',
      '--no-ui',
      ...tlsFlags,
      '--schema-registry-tls-ca',
      certs.ca
    ])
    try {
      const url = open.registryUrl!
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      const r = await python(script, [url, certs.ca])
      expect(r.stderr).toBe('')
      expect(JSON.parse(r.stdout)).toMatchObject({ id: expect.any(Number), type: 'AVRO' })
      // Plain HTTP to the same port gets no answer of the registry's.
      await expect(fetch(url.replace('https:', 'http:') + '/subjects')).rejects.toThrow()

      // With a CA, a client without a certificate is refused in the handshake.
      const without = await python(script, [guarded.registryUrl!, certs.ca])
      expect(JSON.parse(without.stdout)).toEqual({ error: expect.any(String) })
      const withCert = await python(script, [
        guarded.registryUrl!,
        certs.ca,
        certs.clientCert,
        certs.clientKey
      ])
      expect(JSON.parse(withCert.stdout)).toMatchObject({ type: 'AVRO' })
    } finally {
      await open.stop()
      await guarded.stop()
      rmSync(certDir, { recursive: true, force: true })
    }
  })

  it('serves HTTP and HTTPS at once with --schema-registry-https-port', async () => {
    const certDir = mkdtempSync(join(tmpdir(), 'logdeck-registry-both-'))
    const certs = writeDevCertificates(certDir)
    const both = await startServe([
      '--in-memory',
      '--port',
      '0',
      '--no-ui',
      '--schema-registry-tls-cert',
      certs.cert,
      '--schema-registry-tls-key',
      certs.key,
      '--schema-registry-https-port',
      '0'
    ])
    try {
      const httpUrl = both.registryUrl!
      expect(httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const httpsUrl = /^Schema registry \(HTTPS\): (https\S+)$/m.exec(both.output())?.[1]
      expect(httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      // confluent-kafka-python registers over HTTPS; a plain HTTP client reads it back.
      const script = `
import json, os, sys
for name in ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'):
    os.environ.pop(name, None)
from confluent_kafka.schema_registry import SchemaRegistryClient, Schema
c = SchemaRegistryClient({'url': sys.argv[1], 'ssl.ca.location': sys.argv[2]})
s = Schema(json.dumps({'type': 'record', 'name': 'Both', 'fields': [{'name': 'x', 'type': 'int'}]}), 'AVRO')
print(json.dumps({'id': c.register_schema('both-value', s)}))
`
      const r = await python(script, [httpsUrl!, certs.ca])
      expect(r.stderr).toBe('')
      const { id } = JSON.parse(r.stdout) as { id: number }
      const client = new SchemaRegistryClient({ baseURLs: [httpUrl] })
      expect(await client.getAllSubjects()).toEqual(['both-value'])
      const info = await client.getBySubjectAndId('both-value', id)
      expect(JSON.parse(info.schema)).toMatchObject({ name: 'Both' })
    } finally {
      await both.stop()
      rmSync(certDir, { recursive: true, force: true })
    }
  })

  it('confluent-kafka-python SchemaRegistryClient registers and fetches schemas', async () => {
    const script = `
import json, sys
from confluent_kafka.schema_registry import SchemaRegistryClient, Schema
c = SchemaRegistryClient({'url': sys.argv[1]})
s = Schema(json.dumps({'type': 'record', 'name': 'Py', 'fields': [{'name': 'x', 'type': 'int'}]}), 'AVRO')
i = c.register_schema('py-value', s)
again = c.register_schema('py-value', s)
latest = c.get_latest_version('py-value')
fetched = c.get_schema(i)
print(json.dumps({'id': i, 'again': again, 'version': latest.version, 'latest_id': latest.schema_id,
                  'type': fetched.schema_type, 'subjects': c.get_subjects(),
                  'compatible': c.test_compatibility('py-value', Schema(json.dumps({'type': 'record', 'name': 'Py', 'fields': [{'name': 'x', 'type': 'string'}]}), 'AVRO'))}))
`
    const r = await python(script, [base])
    expect(r.stderr).toBe('')
    const out = JSON.parse(r.stdout) as Record<string, unknown>
    expect(out).toMatchObject({
      again: out.id,
      version: 1,
      latest_id: out.id,
      type: 'AVRO',
      compatible: false
    })
    expect(out.subjects).toContain('py-value')
  })

  it('deserializes after a restart what the client serialized before it', async () => {
    const client = new SchemaRegistryClient({ baseURLs: [base] })
    const schema = JSON.stringify({
      type: 'record',
      name: 'Shipment',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'weight', type: 'int' }
      ]
    })
    await client.register('shipments-value', { schemaType: 'AVRO', schema })
    const ser = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true })
    const bytes = await ser.serialize('shipments', { id: 's-9', weight: 1200 })

    await server.stop()
    server = await startServe(serveArgs)
    base = server.registryUrl!
    const fresh = new SchemaRegistryClient({ baseURLs: [base] })
    const de = new AvroDeserializer(fresh, SerdeType.VALUE, {})
    expect(await de.deserialize('shipments', bytes)).toEqual({ id: 's-9', weight: 1200 })
    // Ids are never reused: the next new schema gets a higher id than any before the restart.
    const before = (await call('GET', '/schemas/ids/' + bytes.readInt32BE(1))).status
    expect(before).toBe(200)
  })
})

describe('typed messages', () => {
  async function api(method: string, params: unknown) {
    const res = await fetch(`${server.apiBase}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sr-token' },
      body: JSON.stringify(params)
    })
    return (await res.json()) as Record<string, unknown>
  }

  it('messages.read decodes what the Avro serializer wrote, and says why it cannot decode', async () => {
    const client = new SchemaRegistryClient({ baseURLs: [base] })
    const schema = JSON.stringify({
      type: 'record',
      name: 'Reading',
      fields: [
        { name: 'sensor', type: 'string' },
        { name: 'celsius', type: 'double' },
        { name: 'tags', type: { type: 'array', items: 'string' } }
      ]
    })
    await client.register('readings-value', { schemaType: 'AVRO', schema })
    const ser = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true })
    const value = await ser.serialize('readings', { sensor: 't-1', celsius: 21.5, tags: ['a'] })
    const unknownId = Buffer.from([0, 0x7f, 0, 0, 1, 2, 3])
    await api('topics.create', { name: 'readings', partitions: 1, replicationFactor: 1 })
    const kafka = new Kafka({ brokers: server.bootstrap.split(','), logLevel: logLevel.NOTHING })
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({
      topic: 'readings',
      messages: [{ key: 'k', value }, { value: unknownId }, { value: 'plain text' }]
    })
    await producer.disconnect()

    const read = await api('messages.read', {
      topic: 'readings',
      partition: 0,
      from: 'earliest',
      limit: 10
    })
    const [typed, unknown, plain] = read.records as Record<string, unknown>[]
    expect(JSON.parse(typed.value as string)).toEqual({ sensor: 't-1', celsius: 21.5, tags: ['a'] })
    expect(typed.valueSchema).toMatchObject({
      id: value.readInt32BE(1),
      type: 'AVRO',
      subject: 'readings-value',
      version: 1
    })
    expect(Buffer.from(typed.valueRaw as string, 'base64').equals(value)).toBe(true)
    expect(typed.key).toBe('k')
    expect(unknown.valueSchema).toMatchObject({ type: 'UNKNOWN' })
    expect((unknown.valueSchema as { error: string }).error).toMatch(/not found/)
    expect(plain.value).toBe('plain text')
    expect(plain.valueSchema).toBeUndefined()
  })

  it('the console contract sees what a Confluent client registered, and explains a refusal', async () => {
    const client = new SchemaRegistryClient({ baseURLs: [base] })
    const v1 = payment([
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'double' }
    ])
    await client.register('contract-value', { schemaType: 'AVRO', schema: v1 })
    const listed = (await api('schemas.subjects', {})).subjects as Record<string, unknown>[]
    expect(listed.find((s) => s.subject === 'contract-value')).toMatchObject({
      type: 'AVRO',
      latestVersion: 1,
      compatibility: 'BACKWARD'
    })
    const v2 = payment([
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'string' }
    ])
    expect(await api('schemas.check', { subject: 'contract-value', schema: v2 })).toMatchObject({
      compatible: false,
      problems: [{ version: 1, message: 'field `amount` changed type from double to string' }]
    })
    const res = await fetch(`${server.apiBase}/api/schemas.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sr-token' },
      body: JSON.stringify({ subject: 'contract-value', schema: v2 })
    })
    expect(res.status).toBe(409)
    // Confluent's verbose check names the field too.
    const verbose = await call(
      'POST',
      '/compatibility/subjects/contract-value/versions/latest?verbose=true',
      { schema: v2 }
    )
    expect(verbose.body).toEqual({
      is_compatible: false,
      messages: [
        'version 1 (new schema reading old data): field `amount` changed type from double to string'
      ]
    })
  })

  it('messages.produce encodes with a subject schema, and Confluent deserializers read it', async () => {
    const client = new SchemaRegistryClient({ baseURLs: [base] })
    const schema = payment([
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'double' },
      { name: 'note', type: ['null', 'string'], default: null }
    ])
    await client.register('produced-value', { schemaType: 'AVRO', schema })
    await client.register('produced-key', {
      schemaType: 'JSON',
      schema: JSON.stringify({
        type: 'object',
        properties: { region: { type: 'string' } },
        required: ['region']
      })
    })
    await api('topics.create', { name: 'produced', partitions: 1, replicationFactor: 1 })
    const value = { id: 'p-1', amount: 9.75, note: 'first' }
    const produced = await api('messages.produce', {
      topic: 'produced',
      key: '{"region":"eu"}',
      keySchema: { subject: 'produced-key' },
      value: JSON.stringify(value),
      valueSchema: { subject: 'produced-value', version: 1 }
    })
    expect(produced).toMatchObject({ partition: 0, offset: 0 })

    const res = await fetch(`${server.apiBase}/api/messages.produce`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sr-token' },
      body: JSON.stringify({
        topic: 'produced',
        value: JSON.stringify({ ...value, amount: 'lots' }),
        valueSchema: { subject: 'produced-value' }
      })
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'value.amount'
    })

    // The bytes in the log, as a consumer gets them.
    const kafka = new Kafka({ brokers: server.bootstrap.split(','), logLevel: logLevel.NOTHING })
    const consumer = kafka.consumer({ groupId: 'produced-reader' })
    await consumer.connect()
    await consumer.subscribe({ topic: 'produced', fromBeginning: true })
    const message = await new Promise<{ key: Buffer; value: Buffer }>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message: m }) => resolve({ key: m.key!, value: m.value! })
      })
    })
    await consumer.disconnect()
    const values = new AvroDeserializer(client, SerdeType.VALUE, {})
    expect(await values.deserialize('produced', message.value)).toEqual(value)
    const keys = new JsonDeserializer(client, SerdeType.KEY, {})
    expect(await keys.deserialize('produced', message.key)).toEqual({ region: 'eu' })
  })

  it('a search in the scan worker filters on decoded values, and replay keeps them typed', async () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'Searched',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'amount', type: 'double' }
      ]
    })
    await api('schemas.register', { subject: 'searched-value', schema })
    await api('topics.create', { name: 'searched', partitions: 2, replicationFactor: 1 })
    await api('topics.create', { name: 'searched-copy', partitions: 1, replicationFactor: 1 })
    for (let i = 0; i < 20; i++)
      await api('messages.produce', {
        topic: 'searched',
        key: `k${i}`,
        value: JSON.stringify({ id: `s-${i}`, amount: i }),
        valueSchema: { subject: 'searched-value' }
      })
    const filters = [{ field: 'value', op: 'jsonPath', value: '$.amount >= 17' }]
    const { operationId } = await api('messages.search', {
      topic: 'searched',
      from: 'earliest',
      filters,
      limit: 100
    })
    const results = await waitForValue('the search to finish', async () => {
      const r = await api('messages.searchResults', { operationId })
      return r.done ? r : undefined
    })
    const found = results.records as { value: string; valueSchema: unknown }[]
    expect(found.map((r) => (JSON.parse(r.value) as { id: string }).id).sort()).toEqual([
      's-17',
      's-18',
      's-19'
    ])
    expect(found[0].valueSchema).toMatchObject({ subject: 'searched-value', version: 1 })

    await api('messages.copy', { source: 'searched', target: 'searched-copy', filters })
    const copied = await waitForValue('the copied records', async () => {
      const read = await api('messages.read', {
        topic: 'searched-copy',
        partition: 0,
        from: 'earliest',
        limit: 10
      })
      const records = read.records as { value: string; valueSchema: unknown }[]
      return records.length >= 3 ? records : undefined
    })
    expect(copied).toHaveLength(3)
    for (const r of copied) expect(r.valueSchema).toMatchObject({ subject: 'searched-value' })
  })
})
