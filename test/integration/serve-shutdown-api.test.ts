// `logdeck serve` SIGTERMed while a console API call runs (partitions.skew sampling 150,000
// records that kafkajs produced with sendBatch into a data directory): the call gets its whole
// 200 answer, on a connection that then closes; a request that completes only after SIGTERM (on a
// connection opened before it) gets 503 with a JSON error, from the API and from the schema
// registry; the console's event WebSocket closes with 1001 Going Away; the process exits 0
// without a stack trace.
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import WebSocket from 'ws'
import { afterAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../support/serve-process'
import { halfRequest } from '../support/half-request'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-serve-shutdown-api-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const RECORDS = 150_000
const BATCH = 10_000
const TOKEN = 'drain-token'

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** POSTs to the API on a connection of its own; `sent` resolves once the request is out. */
function post(server: ServeProcess, method: string, body: unknown) {
  let onSent!: () => void
  const sent = new Promise<void>((resolve) => (onSent = resolve))
  const answer = new Promise<Answer>((resolve, reject) => {
    const req = http.request(`${server.apiBase}/api/${method}`, {
      method: 'POST',
      agent: new http.Agent({ keepAlive: true }),
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }
    })
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (s: string) => (text += s))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text })
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(JSON.stringify(body), onSent)
  })
  return { sent, answer }
}

async function produce(bootstrap: string) {
  const kafka = new Kafka({
    clientId: 'serve-shutdown-api',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING
  })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: 'skewed', numPartitions: 4 }] })
  await admin.disconnect()
  const producer = kafka.producer()
  await producer.connect()
  try {
    for (let i = 0; i < RECORDS; i += BATCH)
      await producer.sendBatch({
        topicMessages: [
          {
            topic: 'skewed',
            messages: Array.from({ length: BATCH }, (_, j) => ({
              key: `customer-${(i + j) % (j % 3 === 0 ? 7 : 997)}`,
              value: `order ${i + j} `.padEnd(200, '.')
            }))
          }
        ]
      })
  } finally {
    await producer.disconnect()
  }
}

describe('logdeck serve SIGTERMed during an API call', () => {
  it('answers the running call, refuses the later ones, closes the WebSocket and exits 0', async () => {
    const server = await startServe([
      '--data-dir',
      dir,
      '--brokers',
      '1',
      '--port',
      '0',
      '--ui-port',
      '0',
      '--schema-registry-port',
      '0',
      '--token',
      TOKEN
    ])
    try {
      await produce(server.bootstrap)
      const events = new WebSocket(
        `${server.apiBase!.replace('http', 'ws')}/api/events?token=${TOKEN}`,
        { origin: server.apiBase! }
      )
      await new Promise((resolve, reject) => events.once('open', resolve).once('error', reject))
      const eventsClosed = new Promise<number>((resolve) =>
        events.once('close', (code) => resolve(code))
      )
      const lateApi = halfRequest(server.apiBase!, 'POST /api/topics.list HTTP/1.1', '{}')
      const lateRegistry = halfRequest(server.registryUrl!, 'GET /subjects HTTP/1.1', '')
      await Promise.all([lateApi.opened, lateRegistry.opened])

      const skew = post(server, 'partitions.skew', { topic: 'skewed', sampleSize: 1_000_000 })
      skew.answer.catch(() => undefined) // awaited below
      await skew.sent
      // A quick call sent after it comes back once the server has taken the slow one in.
      expect((await post(server, 'cluster.describe', {}).answer).status).toBe(200)
      const code = server.stop('SIGTERM')
      await until(() => /^SIGTERM: shutting down$/m.test(server.output()))
      lateApi.finish()
      lateRegistry.finish()

      const answer = await skew.answer
      expect({ status: answer.status, body: answer.body.slice(0, 100) }).toEqual({
        status: 200,
        body: expect.stringContaining('"topic":"skewed"')
      })
      expect(JSON.parse(answer.body)).toMatchObject({ sampledRecords: RECORDS })
      // It was running when the shutdown began: its connection closes after the answer.
      expect(answer.headers.connection).toBe('close')

      const api = await lateApi.answer
      expect(api).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/)
      expect(api).toMatch(/\r\nconnection: close\r\n/i)
      expect(JSON.parse(api.slice(api.indexOf('\r\n\r\n') + 4))).toEqual({
        error: {
          code: 'UNAVAILABLE',
          message: 'Logdeck is shutting down and takes no new calls'
        }
      })
      const registry = await lateRegistry.answer
      expect(registry).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/)
      expect(JSON.parse(registry.slice(registry.indexOf('\r\n\r\n') + 4))).toEqual({
        error_code: 503,
        message: 'The schema registry is shutting down and takes no new requests'
      })
      expect(await eventsClosed).toBe(1001)
      await expect(post(server, 'cluster.describe', {}).answer).rejects.toThrow(/ECONNREFUSED/)

      expect({ code: await code, output: server.output() }).toEqual({
        code: 0,
        output: expect.not.stringMatching(/\n\s+at |Error/)
      })
      expect(server.output()).toMatch(/^stopped$/m)
    } finally {
      await server.stop('SIGKILL')
    }
  }, 180_000)
})

/** Waits for `done` to hold, checking every 20 ms. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 20))
}
