// Bounded memory in a `logdeck serve` child process: partial frames held open by many
// connections stay within queued.max.request.bytes and RSS returns near its baseline once they
// close; Fetch answers stay within fetch.max.bytes; idle and stalled connections are closed, and
// connections beyond max.connections.per.ip refused.
import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import net from 'node:net'
import { Kafka, logLevel } from 'kafkajs'
import { startServe, type ServeProcess } from '../support/serve-process'
import { kafkaRequest } from '../support/kafka-request'
import { ApiKey } from '../../src/engine/kafka/protocol'

const MiB = 1024 * 1024
const linux = process.platform === 'linux'
const servers: ServeProcess[] = []
const sockets: net.Socket[] = []

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy()
  await Promise.all(servers.splice(0).map((s) => s.stop()))
})

async function serve(extra: string[] = []): Promise<ServeProcess> {
  const s = await startServe(['--in-memory', '--port', '0', '--no-ui', '--brokers', '1', ...extra])
  servers.push(s)
  return s
}

const portOf = (s: ServeProcess) => Number(s.bootstrap.split(',')[0].split(':')[1])
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!m) throw new Error('no VmRSS')
  return Number(m[1]) * 1024
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s))
    sockets.push(s)
    s.on('error', reject)
  })
}

/** Writes `bytes` in 1 MiB chunks as fast as the broker takes them; stops when it stops taking. */
async function trickle(s: net.Socket, bytes: number, stallMs: number): Promise<number> {
  const chunk = Buffer.alloc(MiB, 7)
  let sent = 0
  while (sent < bytes && !s.destroyed) {
    if (!s.write(chunk)) {
      const drained = await Promise.race([
        new Promise<boolean>((r) => s.once('drain', () => r(true))),
        sleep(stallMs).then(() => false)
      ])
      if (!drained) break
    }
    sent += chunk.length
  }
  return sent
}

function closed(s: net.Socket, withinMs: number): Promise<boolean> {
  if (s.destroyed || s.readableEnded) return Promise.resolve(true)
  return Promise.race([
    new Promise<boolean>((r) => s.once('close', () => r(true))),
    sleep(withinMs).then(() => false)
  ])
}

describe.runIf(linux)('memory per connection and in total', () => {
  it('8 connections holding 90 MiB partial frames: RSS bounded meanwhile, back near baseline after', async () => {
    const server = await serve()
    const pid = server.child.pid!
    const port = portOf(server)
    await sleep(500)
    const baseline = rssBytes(pid)
    let peak = baseline
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 50)
    const conns = await Promise.all(Array.from({ length: 8 }, () => connect(port)))
    const prefix = Buffer.alloc(4)
    prefix.writeInt32BE(95 * MiB)
    for (const c of conns) c.write(prefix)
    const sent = await Promise.all(conns.map((c) => trickle(c, 90 * MiB, 3000)))
    await sleep(300)
    for (const c of conns) c.destroy()
    // Give the process time to drop what the connections held.
    let after = rssBytes(pid)
    for (let i = 0; i < 40 && after - baseline >= 50 * MiB; i++) {
      await sleep(250)
      after = rssBytes(pid)
    }
    clearInterval(sampler)
    const mb = (n: number) => (n / MiB).toFixed(0)
    console.log(
      `partial frames: sent ${sent.map(mb).join('/')} MiB; RSS baseline ${mb(baseline)} MiB, ` +
        `peak ${mb(peak)} MiB, after close ${mb(after)} MiB`
    )
    // queued.max.request.bytes (100 MiB) admits one such frame at a time; the rest wait unread.
    expect(sent.filter((n) => n >= 90 * MiB).length).toBeGreaterThanOrEqual(1)
    expect(sent.filter((n) => n < 90 * MiB).length).toBeGreaterThanOrEqual(6)
    expect(peak - baseline).toBeLessThan(300 * MiB)
    expect(after - baseline).toBeLessThan(50 * MiB)
  })
})

describe('connection limits', () => {
  it('closes idle connections, stalled frames, and refuses connections over max.connections.per.ip', async () => {
    const server = await serve([
      '--connections.max.idle.ms',
      '1000',
      '--request.read.timeout.ms',
      '500',
      '--max.connections.per.ip',
      '3'
    ])
    const port = portOf(server)
    const idle = await connect(port)
    const stalled = await connect(port)
    stalled.write(Buffer.from([0, 0, 0, 100, 1, 2, 3]))
    await connect(port)
    const fourth = await connect(port)
    expect(await closed(fourth, 5000)).toBe(true)
    expect(await closed(stalled, 5000)).toBe(true)
    expect(await closed(idle, 10_000)).toBe(true)
    expect(server.output()).toMatch(/max\.connections\.per\.ip \(3\) reached/)
    expect(server.output()).toMatch(/request\.read\.timeout\.ms/)
    expect(server.output()).toMatch(/connections\.max\.idle\.ms/)
  })

  it('caps a Fetch asking for 2^31-1 bytes at fetch.max.bytes', async () => {
    const server = await serve(['--fetch.max.bytes', String(MiB)])
    const kafka = new Kafka({ brokers: [server.bootstrap], logLevel: logLevel.NOTHING })
    const producer = kafka.producer()
    await producer.connect()
    const value = Buffer.alloc(10_000, 1)
    // 400 batches of 10 records: about 40 MB in the partition.
    for (let i = 0; i < 40; i++)
      await producer.sendBatch({
        topicMessages: Array.from({ length: 10 }, () => ({
          topic: 'big',
          messages: Array.from({ length: 10 }, () => ({ value }))
        }))
      })
    await producer.disconnect()
    const { body, frameBytes } = await kafkaRequest(portOf(server), ApiKey.Fetch, 11, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes: 2 ** 31 - 1,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [
        {
          topic: 'big',
          partitions: [
            {
              partition: 0,
              currentLeaderEpoch: -1,
              fetchOffset: 0n,
              logStartOffset: -1n,
              partitionMaxBytes: 2 ** 31 - 1
            }
          ]
        }
      ],
      forgottenTopicsData: [],
      rackId: ''
    })
    const records = body.responses[0].partitions[0].records
    expect(body.responses[0].partitions[0].errorCode).toBe(0)
    expect(records!.length).toBeGreaterThan(100_000)
    expect(records!.length).toBeLessThanOrEqual(MiB)
    expect(frameBytes).toBeLessThan(MiB + 1024)
  })
})
