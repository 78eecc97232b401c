// The HTTP API's edges in a `logdeck serve` child process: a body over the limit, malformed
// URIs, a "__proto__" key, base64 that is not, Kafka's internal topic names, tokens of every
// length.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import http from 'node:http'
import { Kafka, logLevel } from 'kafkajs'
import { startServe, type ServeProcess } from '../support/serve-process'

let server: ServeProcess
const TOKEN = 'edge-token'
const MiB = 1024 * 1024

beforeAll(async () => {
  server = await startServe([
    '--in-memory',
    '--port',
    '0',
    '--ui-port',
    '0',
    '--brokers',
    '1',
    '--token',
    TOKEN
  ])
})
afterAll(async () => {
  await server?.stop()
})

async function post(method: string, body: unknown, token = TOKEN) {
  const res = await fetch(`${server.apiBase}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body)
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

const errorOf = (r: { body: Record<string, unknown> }) =>
  r.body.error as { code: string; message: string; field?: string }

/**
 * Streams `bytes` of body in 1 MiB chunks (with a Content-Length, or chunked without one) and
 * returns the answer's status and body.
 */
function upload(bytes: number, declareLength: boolean): Promise<{ status: number; text: string }> {
  const url = new URL(`${server.apiBase}/api/topics.list`)
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json'
    }
    if (declareLength) headers['content-length'] = bytes
    let answered = false
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
      (res) => {
        answered = true
        let text = ''
        res.setEncoding('utf8').on('data', (d: string) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        res.on('error', reject)
      }
    )
    // The server reads the refused rest of the body, so the upload ends without a reset; an
    // error before any answer means the answer was lost.
    req.on('error', (err) => {
      if (!answered) reject(err)
    })
    const chunk = Buffer.alloc(MiB, 'x')
    let sent = 0
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent)
        sent += n
        if (!req.write(chunk.subarray(0, n))) return void req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

function rawRequest(method: string, path: string): Promise<{ status: number; text: string }> {
  const url = new URL(server.apiBase!)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method,
        headers: { authorization: `Bearer ${TOKEN}` }
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8').on('data', (d: string) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: `${text}` }))
      }
    )
    req.on('error', reject)
    req.end(method === 'POST' ? '{}' : undefined)
  })
}

describe('HTTP API edges', () => {
  it('answers 413 naming the limit to a body over 16 MiB, declared or streamed', async () => {
    for (const declared of [true, false]) {
      const res = await upload(17 * MiB, declared)
      expect(res.status, `content-length declared: ${declared}`).toBe(413)
      expect(JSON.parse(res.text)).toEqual({
        error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('16 MiB') }
      })
    }
    // The server still answers afterwards, and a body just under the limit is read.
    const under = await upload(16 * MiB - 16, true)
    expect(under.status).toBe(400)
    expect(under.text).toContain('not valid JSON')
  })

  it('answers 400 to a malformed percent-escape in the path', async () => {
    for (const [method, path] of [
      ['POST', '/api/%ZZ'],
      ['GET', '/%ZZ'],
      ['GET', '/assets/%E0%A4%A']
    ]) {
      const res = await rawRequest(method, path)
      expect(res.status, `${method} ${path}`).toBe(400)
      expect(JSON.parse(res.text).error).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('Malformed URI')
      })
    }
  })

  it('refuses a "__proto__" config or header key as it refuses any unknown key', async () => {
    const unknown = await post('topics.create', {
      name: 'proto-a',
      partitions: 1,
      replicationFactor: 1,
      configs: { 'no.such.config': 'x' }
    })
    expect(unknown.status).toBe(400)
    // Sent as the raw JSON text: JSON.stringify of an object literal would not carry the key.
    const raw = (method: string, text: string) =>
      fetch(`${server.apiBase}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body: text
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>
      }))
    const proto = await raw(
      'topics.create',
      '{"name":"proto-b","partitions":1,"replicationFactor":1,"configs":{"__proto__":"x"}}'
    )
    expect(proto.status).toBe(400)
    expect(errorOf(proto)).toMatchObject({ code: 'BAD_REQUEST', field: 'configs.__proto__' })
    expect(errorOf(proto).message).toContain("unknown config '__proto__'")
    expect((await post('topics.describe', { name: 'proto-b' })).status).toBe(404)

    await post('topics.create', { name: 'proto-c', partitions: 1, replicationFactor: 1 })
    const alter = await raw('topics.alterConfigs', '{"name":"proto-c","set":{"__proto__":"1"}}')
    expect(alter.status).toBe(400)
    const header = await raw(
      'messages.produce',
      '{"topic":"proto-c","value":"v","headers":{"__proto__":"h"}}'
    )
    expect(header.status).toBe(400)
    expect(errorOf(header).field).toBe('headers.__proto__')
    const read = await post('messages.read', { topic: 'proto-c', from: 'earliest', limit: 10 })
    expect(read.body.records).toEqual([])
  })

  it('refuses key, value or header text that is not base64 when encoding is base64', async () => {
    await post('topics.create', { name: 'b64', partitions: 1, replicationFactor: 1 })
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253])
    const good = await post('messages.produce', {
      topic: 'b64',
      key: Buffer.from('k').toString('base64'),
      value: bytes.toString('base64'),
      headers: { h: Buffer.from('hv').toString('base64') },
      encoding: 'base64'
    })
    expect(good.status).toBe(200)
    for (const [field, params] of [
      ['value', { value: 'not base64!' }],
      ['value', { value: 'abcde' }],
      ['key', { key: 'a=b=', value: 'AAAA' }],
      ['headers.h', { value: 'AAAA', headers: { h: 'ok but spaced' } }]
    ] as const) {
      const bad = await post('messages.produce', { topic: 'b64', encoding: 'base64', ...params })
      expect(bad.status, JSON.stringify(params)).toBe(400)
      expect(errorOf(bad)).toMatchObject({ field, message: expect.stringContaining('not base64') })
    }
    const read = await post('messages.read', { topic: 'b64', from: 'earliest', limit: 10 })
    const records = read.body.records as { value: string; valueEncoding?: string }[]
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ value: bytes.toString('base64'), valueEncoding: 'base64' })
  })

  it("refuses Kafka's internal topic names for ordinary topics, over HTTP and Kafka", async () => {
    for (const name of ['__consumer_offsets', '__transaction_state', '__consumer.offsets']) {
      const res = await post('topics.create', { name, partitions: 1, replicationFactor: 1 })
      expect(res.status, name).toBe(400)
      expect(errorOf(res)).toMatchObject({ field: 'name', message: expect.stringContaining(name) })
      expect(errorOf(res).message).toMatch(/internal topic/)
    }
    const kafka = new Kafka({
      clientId: 'edges',
      brokers: server.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 }
    })
    const admin = kafka.admin()
    await admin.connect()
    try {
      const err = await admin
        .createTopics({ topics: [{ topic: '__transaction_state', numPartitions: 1 }] })
        .then(() => null)
        .catch((e: { errors?: { type: string }[] }) => e)
      expect(err?.errors?.[0]?.type).toBe('INVALID_TOPIC_EXCEPTION')
      expect(await admin.listTopics()).not.toContain('__transaction_state')
      // An ordinary name starting with '__' is still allowed, as in Kafka.
      await admin.createTopics({ topics: [{ topic: '__mine', numPartitions: 1 }] })
      expect(await admin.listTopics()).toContain('__mine')
    } finally {
      await admin.disconnect()
    }
  })

  it('refuses tokens of every other length, and the token itself is accepted', async () => {
    for (const token of [
      '',
      'e',
      TOKEN.slice(0, -1),
      TOKEN + 'x',
      TOKEN.repeat(40),
      'x'.repeat(10)
    ]) {
      const res = await fetch(`${server.apiBase}/api/topics.list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: '{}'
      })
      expect(res.status, `token of ${token.length}`).toBe(401)
    }
    expect((await post('topics.list', {})).status).toBe(200)
  })
})
