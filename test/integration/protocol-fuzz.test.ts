// Protocol fuzzing against a live in-process cluster: mutated request frames of every served API
// and version (flipped bytes, truncation, extension, lying lengths and counts, record batches
// with valid CRCs and lying contents, garbage, oversized frames) are pipelined over many
// connections to every broker, while a well-behaved client on its own connection produces and
// fetches every round. The broker must answer or close each connection, stay up, keep serving
// that client and new ones, raise no unhandled exception and keep its memory bounded.
//
// FUZZ_SEED and FUZZ_FRAMES override the seed and the number of frames (to replay a failure).
import { randomUUID } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  API_TABLE,
  ApiKey,
  DEFAULT_MAX_FRAME_BYTES as MAX_FRAME_BYTES,
  type DecodedRequest
} from '../../src/engine/kafka/protocol'
import { decodeBatch } from '../../src/engine/records'
import { encodeBatch } from '../../src/engine/records'
import { startTestCluster, type TestCluster } from '../support/cluster'
import {
  Mutator,
  buildTemplates,
  verdict,
  type FuzzNames,
  type MutationKind
} from '../support/fuzz-frames'
import { rng } from '../support/generators'
import { WireClient, pipeline, type ConnectionOutcome } from '../support/fuzz-wire'

const SEED = Number(process.env.FUZZ_SEED ?? 20261122)
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 100_000)
const WORKERS = 8
const MAX_FRAMES_PER_CONNECTION = 64
const CONNECTION_TIMEOUT_MS = 5_000
/** Generous: the cluster, the fuzzer and vitest share this process. */
const RSS_LIMIT_BYTES = 1.5 * 2 ** 30

const random = rng(SEED)
const names: FuzzNames = {
  topics: ['fuzz-a', 'fuzz-b', 'fuzz-c'],
  autoCreatable: Array.from({ length: 8 }, (_, i) => `fuzz-auto-${i}`),
  groups: ['fuzz-group-0', 'fuzz-group-1', 'fuzz-group-2']
}
/** The steady client's topic: no fuzz frame names it, so none can delete or reconfigure it. */
const STEADY_TOPIC = `steady-${randomUUID()}`

let cluster: TestCluster
const unhandled: string[] = []
const onUncaught = (err: Error) => unhandled.push(`uncaughtException: ${err.stack ?? err}`)
const onRejection = (reason: unknown) =>
  unhandled.push(`unhandledRejection: ${reason instanceof Error ? reason.stack : String(reason)}`)

beforeAll(async () => {
  process.on('uncaughtException', onUncaught)
  process.on('unhandledRejection', onRejection)
  cluster = await startTestCluster({
    brokers: 3,
    groups: { initialRebalanceDelayMs: 0, minSessionTimeoutMs: 100 }
  })
  for (const name of names.topics)
    cluster.engine.createTopic({ name, partitions: 4, replicationFactor: 3 })
  cluster.engine.createTopic({ name: STEADY_TOPIC, partitions: 1, replicationFactor: 1 })
})

afterAll(async () => {
  await cluster?.close()
  process.off('uncaughtException', onUncaught)
  process.off('unhandledRejection', onRejection)
})

/** Whether the broker may legitimately hold this request for long (a long poll, a rebalance). */
function mayWait(request: DecodedRequest): boolean {
  switch (request.apiKey) {
    case ApiKey.Fetch:
      return request.body.maxWaitMs > 200
    case ApiKey.JoinGroup:
    case ApiKey.SyncGroup:
      return true
    case ApiKey.Produce:
      return request.body.acks === -1 && request.body.timeoutMs > 200
    default:
      return false
  }
}

function answered(request: DecodedRequest): boolean {
  return !(request.apiKey === ApiKey.Produce && request.body.acks === 0)
}

interface Stats {
  framesSent: number
  byKind: Partial<Record<MutationKind, number>>
  byVerdict: Record<'request' | 'refused' | 'fatal', number>
  coverage: Set<string>
  connections: number
  closedByBroker: number
  closedEarly: { api: string; hex: string }[]
  closedByUs: number
  stuck: { api: string; hex: string; last: string }[]
}

/** The steady client: Metadata, Produce (acks=all) and Fetch of what it produced, every round. */
async function steadyLoop(done: () => boolean) {
  const topic = cluster.engine.topic(STEADY_TOPIC)!
  const leader = topic.partitions[0].leader
  const port = cluster.listeners.find((l) => l.brokerId === leader)!.port
  const client = await WireClient.connect(port)
  const failures: string[] = []
  const durations: number[] = []
  let rounds = 0
  try {
    while (!done() || rounds < 3) {
      const started = performance.now()
      const value = `round ${rounds}`
      try {
        const md = await client.send(ApiKey.Metadata, 12, {
          topics: [{ name: STEADY_TOPIC }],
          allowAutoTopicCreation: false
        })
        const t = md.topics.find((x) => x.name === STEADY_TOPIC)
        if (!t || t.errorCode !== 0 || t.partitions[0]?.leaderId !== leader)
          throw new Error(`metadata: ${JSON.stringify(t)}`)
        const batch = encodeBatch([{ value }])
        const pr = await client.send(ApiKey.Produce, 9, {
          acks: -1,
          timeoutMs: 10_000,
          topicData: [{ name: STEADY_TOPIC, partitionData: [{ index: 0, records: batch }] }]
        })
        const p = pr.responses[0]?.partitionResponses[0]
        if (!p || p.errorCode !== 0) throw new Error(`produce: ${JSON.stringify(p)}`)
        const fr = await client.send(ApiKey.Fetch, 12, {
          replicaId: -1,
          maxWaitMs: 500,
          minBytes: 1,
          maxBytes: 1 << 20,
          isolationLevel: 0,
          topics: [
            {
              topic: STEADY_TOPIC,
              partitions: [{ partition: 0, fetchOffset: p.baseOffset, partitionMaxBytes: 1 << 20 }]
            }
          ]
        })
        const fp = fr.responses[0]?.partitions[0]
        if (!fp || fp.errorCode !== 0 || !fp.records)
          throw new Error(`fetch: ${JSON.stringify(fp)}`)
        const got = decodeBatch(fp.records).records.find((r) => r.offset === Number(p.baseOffset))
        if (got?.value?.toString() !== value) throw new Error(`fetched ${got?.value?.toString()}`)
      } catch (err) {
        failures.push(`round ${rounds}: ${err instanceof Error ? err.message : String(err)}`)
      }
      durations.push(performance.now() - started)
      rounds++
      await new Promise((r) => setTimeout(r, 20))
    }
  } finally {
    client.close()
  }
  return { rounds, failures, maxRoundMs: Math.max(...durations) }
}

interface Owed {
  api: string
  frame: Buffer
}

interface ConnectionPlan {
  frames: Buffer[]
  /** Responses owed for the frames, in order (to name the first one left unanswered). */
  owed: Owed[]
  /** The last frame may keep the broker waiting: close once the owed answers are in. */
  lastMayWait: boolean
  /** The last frame has a size prefix the broker refuses on sight (see connectionFrames). */
  refusedSize: boolean
  last: Owed | null
}

/**
 * One connection's frames, drawn from the mutator until one ends the connection: a frame the
 * broker refuses (it then closes the connection once it has answered the frames before), one
 * it may hold for long (a long poll, a rebalance), or the last of up to
 * MAX_FRAMES_PER_CONNECTION frames (we close it once everything is answered).
 */
function connectionFrames(mutator: Mutator, stats: Stats, budget: number): ConnectionPlan {
  const plan: ConnectionPlan = {
    frames: [],
    owed: [],
    lastMayWait: true,
    refusedSize: false,
    last: null
  }
  const want = Math.min(1 + Math.floor(random() * MAX_FRAMES_PER_CONNECTION), budget)
  while (plan.frames.length < want) {
    const m = mutator.next()
    const v = verdict(m.frame)
    stats.byKind[m.kind] = (stats.byKind[m.kind] ?? 0) + 1
    stats.byVerdict[v.kind]++
    plan.frames.push(m.frame)
    const api = API_TABLE.find((a) => a.apiKey === m.apiKey)
    plan.last = { api: `${api?.name ?? m.apiKey}`, frame: m.frame }
    if (v.kind === 'fatal') {
      // A size prefix promising more bytes than sent keeps the broker waiting for them; one it
      // refuses (negative, over socket.request.max.bytes) closes the connection as soon as it
      // arrives, dropping the answers to the frames before it not yet handled, as Kafka does.
      const size = m.frame.readInt32BE(0)
      plan.lastMayWait = size > m.frame.length - 4 && size <= MAX_FRAME_BYTES
      plan.refusedSize = size < 0 || size > MAX_FRAME_BYTES
      return plan
    }
    if (v.kind === 'refused' || answered(v.request)) plan.owed.push(plan.last)
    if (v.kind === 'request') {
      stats.coverage.add(`${v.request.apiKey}/${v.request.apiVersion}`)
      // A refused acks=0 produce closes the connection, as Kafka does (its client has no other
      // way to learn of the refusal): nothing is sent after it on this connection.
      if (!answered(v.request)) return plan
      if (mayWait(v.request)) {
        // Its own answer may never come in time: not counted as owed.
        if (answered(v.request)) plan.owed.pop()
        return plan
      }
    }
  }
  return plan
}

describe('protocol fuzzing', () => {
  it(`survives ${FRAMES.toLocaleString('en-US')} mutated frames of every served API while a well-behaved client keeps working`, async () => {
    const started = performance.now()
    const templates = buildTemplates(random, names, 3)
    const mutator = new Mutator(random, templates)
    const stats: Stats = {
      framesSent: 0,
      byKind: {},
      byVerdict: { request: 0, refused: 0, fatal: 0 },
      coverage: new Set(),
      connections: 0,
      closedByBroker: 0,
      closedEarly: [],
      closedByUs: 0,
      stuck: []
    }
    const rssStart = process.memoryUsage().rss
    let rssPeak = rssStart
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
    }, 100)
    let fuzzing = true
    const steady = steadyLoop(() => !fuzzing)
    const ports = cluster.listeners.map((l) => l.port)

    const worker = async () => {
      while (stats.framesSent < FRAMES) {
        const c = connectionFrames(mutator, stats, FRAMES - stats.framesSent)
        stats.framesSent += c.frames.length
        stats.connections++
        const port = ports[Math.floor(random() * ports.length)]
        const out: ConnectionOutcome = await pipeline(port, c.frames, {
          expected: c.owed.length,
          lastMayWait: c.lastMayWait,
          timeoutMs: CONNECTION_TIMEOUT_MS
        })
        const unanswered = c.owed[out.responses]
        if (out.stuck) {
          stats.stuck.push({
            api: unanswered?.api ?? `(last) ${c.last?.api}`,
            hex: (unanswered ?? c.last)?.frame.toString('hex') ?? '',
            last: `${c.last?.api} ${c.last?.frame.toString('hex')}`
          })
        } else if (out.closedByBroker) {
          stats.closedByBroker++
          if (unanswered && !c.refusedSize)
            stats.closedEarly.push({ api: unanswered.api, hex: unanswered.frame.toString('hex') })
        } else {
          stats.closedByUs++
        }
      }
    }
    try {
      await Promise.all(Array.from({ length: WORKERS }, worker))
    } finally {
      fuzzing = false
      clearInterval(sampler)
    }
    const steadyResult = await steady
    const fuzzSeconds = (performance.now() - started) / 1000

    // A new client, after all that: kafkajs produces and reads the offsets back.
    const kafka = new Kafka({
      clientId: 'after-fuzz',
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING
    })
    const producer = kafka.producer()
    const admin = kafka.admin()
    await producer.connect()
    await admin.connect()
    const after = `after-fuzz-${randomUUID()}`
    await admin.createTopics({ topics: [{ topic: after, numPartitions: 1 }] })
    await producer.send({ topic: after, acks: -1, messages: [{ value: 'still here' }] })
    const offsets = await admin.fetchTopicOffsets(after)
    await producer.disconnect()
    await admin.disconnect()

    const closes = new Map<string, number>()
    const handlerFailures: string[] = []
    for (const line of cluster.logs) {
      const m = /closing connection from \S+: (.*)$/.exec(line)
      if (!m) continue
      if (m[1].startsWith('request failed')) handlerFailures.push(m[1])
      const reason = m[1]
        .replace(/\d+/g, 'N')
        .replace(/^(malformed request \([A-Z_]+).*$/, '$1)')
        .slice(0, 120)
      closes.set(reason, (closes.get(reason) ?? 0) + 1)
    }
    const summary = {
      seed: SEED,
      framesSent: stats.framesSent,
      fuzzSeconds: Math.round(fuzzSeconds * 10) / 10,
      connections: stats.connections,
      closedByBroker: stats.closedByBroker,
      closedByBrokerBeforeAnsweringAll: stats.closedEarly.length,
      closedByUsAfterAnswers: stats.closedByUs,
      stuck: stats.stuck.length,
      byMutation: stats.byKind,
      byVerdict: stats.byVerdict,
      apiVersionsCovered: `${stats.coverage.size} of ${API_TABLE.reduce((n, a) => n + a.maxVersion - a.minVersion + 1, 0)}`,
      topicsAtEnd: cluster.engine.listTopics().length,
      steadyRounds: steadyResult.rounds,
      steadyMaxRoundMs: Math.round(steadyResult.maxRoundMs),
      rssStartMiB: Math.round(rssStart / 2 ** 20),
      rssPeakMiB: Math.round(rssPeak / 2 ** 20),
      rssEndMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      brokerCloseReasons: Object.fromEntries([...closes].sort((a, b) => b[1] - a[1]))
    }
    console.log(`protocol fuzz:\n${JSON.stringify(summary, null, 2)}`)
    if (stats.closedEarly.length > 0)
      console.log(
        `closed before answering:\n${JSON.stringify(stats.closedEarly.slice(0, 10), null, 2)}`
      )
    if (stats.stuck.length > 0)
      console.log(`stuck connections:\n${JSON.stringify(stats.stuck.slice(0, 10), null, 2)}`)

    expect(unhandled).toEqual([])
    expect(steadyResult.failures).toEqual([])
    expect(steadyResult.rounds).toBeGreaterThanOrEqual(3)
    expect(stats.framesSent).toBeGreaterThanOrEqual(FRAMES)
    for (const api of API_TABLE)
      for (let v = api.minVersion; v <= api.maxVersion; v++)
        expect(stats.coverage.has(`${api.apiKey}/${v}`), `${api.name} v${v} was sent`).toBe(true)
    expect(stats.stuck).toEqual([])
    expect(handlerFailures).toEqual([])
    expect(stats.closedEarly).toEqual([])
    expect(Number(offsets[0].high)).toBe(1)
    expect(rssPeak).toBeLessThan(RSS_LIMIT_BYTES)
    // 100,000 frames take about a minute on two cores; a loaded machine takes longer.
  }, 300_000)
})
