// The demo's Kafka clients, run in their own worker thread: a producer of skewed orders and
// payments, and two consumer groups, one slow on the hot partition. They talk the Kafka
// protocol to the embedded cluster through kafkajs, like any client, configured to ride through
// a broker failover: short retry backoffs, one concurrent send per partition (kafkajs can lose track of a
// send that spans partitions whose leaders move), a fresh producer when one keeps failing, and
// topics of their own (the dead-letter topic has a single replica: while it is offline, a
// client whose metadata covers it fails every request). They report what they do, so that the
// console can say when one stalls.
import {
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type ISocketFactory,
  type Message,
  type Producer
} from 'kafkajs'
import net from 'node:net'
import tls from 'node:tls'
import { parentPort, workerData } from 'node:worker_threads'
import { murmur2Partition } from '../producers/murmur2'
import {
  DEMO_GROUPS,
  DEMO_TOPICS,
  HOT_TENANT,
  type DemoClientActivity,
  type DemoCommand,
  type DemoGroupId,
  type DemoWorkerData,
  type DemoWorkerMessage,
  type DemoWorkerStatus
} from './demo-names'

const ORDERS_PER_SEC = 20
const ROUND_MS = 250
const SLOW_MS_PER_HOT_RECORD = 160
/** No progress for this long (while there is work) makes a client stalled. */
const STALL_MS = 5000
/** A producer failing for this long is replaced by a fresh one. */
const RENEW_PRODUCER_MS = 10_000
const STATUS_EVERY_MS = 1000
const METADATA_EVERY_MS = 10_000

const port = parentPort
if (!port) throw new Error('the demo clients must run in a worker thread')
const { bootstrap, security, routes } = workerData as DemoWorkerData
const post = (m: DemoWorkerMessage) => port.postMessage(m)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * Connects to a broker where it listens: metadata names the advertised addresses, which a proxy
 * or port mapping outside this process may serve, or none.
 */
const routedSocket: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const to = routes[`${host.includes(':') ? `[${host}]` : host}:${port}`]
  const m = to ? /^\[?(.*?)\]?:(\d+)$/.exec(to) : null
  const target = m ? { host: m[1], port: Number(m[2]) } : { host, port }
  const socket = ssl
    ? tls.connect({ ...target, ...ssl }, onConnect)
    : net.connect(target, onConnect)
  socket.setKeepAlive(true, 60_000)
  return socket
}

const kafka = new Kafka({
  clientId: 'logdeck-demo',
  brokers: bootstrap,
  ...(Object.keys(routes).length > 0 ? { socketFactory: routedSocket } : {}),
  // The listeners are this process's own, on loopback: their certificate needs no checking here.
  ...(security?.tls ? { ssl: { rejectUnauthorized: false } } : {}),
  ...(security?.sasl ? { sasl: { mechanism: 'plain' as const, ...security.sasl } } : {}),
  logLevel: logLevel.NOTHING,
  connectionTimeout: 1000,
  requestTimeout: 5000,
  retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 5 }
})

function order(i: number, now: number) {
  // Half of all orders come from one tenant: its partition runs hot.
  const tenant = i % 2 === 0 ? HOT_TENANT : `tenant-${(i * 7919) % 200}`
  const amount = Math.round(((i * 104729) % 50_000) / 10) / 10
  return {
    key: tenant,
    value: JSON.stringify({
      orderId: `o-${i}`,
      tenant,
      amount,
      currency: 'EUR',
      items: 1 + (i % 4),
      at: new Date(now).toISOString()
    }),
    headers: {
      source: i % 3 === 0 ? 'mobile' : 'web',
      'trace-id': `t-${(i * 2654435761) % 1_000_000}`
    }
  }
}

const activity = (): DemoClientActivity => ({
  lastProgressAt: null,
  records: 0,
  stalledSince: null,
  lastError: null
})

let running = true
const startedAt = Date.now()
const producerActivity = activity()
/** When the producer last got records acknowledged on each topic. */
const lastAckByTopic = new Map<string, number>()
const partitionCounts = new Map<string, number>([
  [DEMO_TOPICS.orders, 6],
  [DEMO_TOPICS.payments, 3]
])

interface DemoConsumer {
  groupId: DemoGroupId
  topic: string
  paused: boolean
  consumer: Consumer | null
  activity: DemoClientActivity
  /** Since when it has been consuming (or trying to), for the stall check. */
  since: number
}

const hotPartition = murmur2Partition(Buffer.from(HOT_TENANT), 6)
const consumers: DemoConsumer[] = [
  {
    groupId: DEMO_GROUPS.fulfillment,
    topic: DEMO_TOPICS.orders,
    paused: false,
    consumer: null,
    activity: activity(),
    since: startedAt
  },
  {
    groupId: DEMO_GROUPS.analytics,
    topic: DEMO_TOPICS.payments,
    paused: false,
    consumer: null,
    activity: activity(),
    since: startedAt
  }
]

// ---- producer ----

let producer: Producer | null = null
let failingSince: number | null = null

let connecting: Promise<Producer> | null = null

async function freshProducer(): Promise<Producer> {
  const old = producer
  producer = null
  if (old) await old.disconnect().catch(() => {})
  const p = kafka.producer({ idempotent: true, allowAutoTopicCreation: false })
  await p.connect()
  producer = p
  return p
}

/** The current producer, or one fresh producer shared by every send that asks meanwhile. */
function currentProducer(): Promise<Producer> {
  if (producer) return Promise.resolve(producer)
  connecting ??= freshProducer().finally(() => {
    connecting = null
  })
  return connecting
}

/**
 * Sends `messages` to `topic`, one send per partition, all at once: a partition waiting on a slow
 * follower holds up only its own records. Failures are counted, not thrown.
 */
async function sendByPartition(topic: string, messages: Message[]): Promise<void> {
  const count = partitionCounts.get(topic) ?? 1
  const byPartition = new Map<number, Message[]>()
  for (const m of messages) {
    const p = murmur2Partition(Buffer.from(String(m.key)), count)
    byPartition.set(p, [...(byPartition.get(p) ?? []), m])
  }
  const sendOne = async (partition: number, batch: Message[]): Promise<void> => {
    try {
      const p = await currentProducer()
      await p.send({ topic, messages: batch.map((m) => ({ ...m, partition })) })
      const now = Date.now()
      producerActivity.records += batch.length
      producerActivity.lastProgressAt = now
      producerActivity.lastError = null
      lastAckByTopic.set(topic, now)
      failingSince = null
    } catch (err) {
      producerActivity.lastError = `${topic}-${partition}: ${messageOf(err)}`
      failingSince ??= Date.now()
    }
  }
  await Promise.all([...byPartition].map(([partition, batch]) => sendOne(partition, batch)))
}

async function produceForever(firstOrder: number): Promise<void> {
  let n = firstOrder
  while (running) {
    const t = Date.now()
    await sendByPartition(
      DEMO_TOPICS.orders,
      Array.from({ length: (ORDERS_PER_SEC * ROUND_MS) / 1000 }, () => order(n++, t))
    )
    await sendByPartition(DEMO_TOPICS.payments, [
      {
        key: `o-${n}`,
        value: JSON.stringify({ orderId: `o-${n}`, status: n % 17 === 0 ? 'declined' : 'paid' })
      }
    ])
    if (running && failingSince !== null && Date.now() - failingSince > RENEW_PRODUCER_MS) {
      // A producer that keeps failing may hold stale state: start over with a fresh one.
      failingSince = Date.now()
      await freshProducer().catch((err: unknown) => {
        producerActivity.lastError = messageOf(err)
      })
    }
    await sleep(Math.max(0, ROUND_MS - (Date.now() - t)))
  }
}

// ---- consumers ----

async function startConsumer(c: DemoConsumer): Promise<void> {
  const consumer = kafka.consumer({
    groupId: c.groupId,
    sessionTimeout: 10_000,
    rebalanceTimeout: 10_000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 500
  })
  c.consumer = consumer
  c.since = Date.now()
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    c.activity.lastError = messageOf(payload.error)
    // kafkajs restarts a consumer after retriable errors; any other crash ends it: start over.
    if (!payload.restart && running && !c.paused && c.consumer === consumer)
      void sleep(1000).then(() => {
        if (running && !c.paused && c.consumer === consumer)
          void startConsumer(c).catch(noteError(c))
      })
  })
  await consumer.connect()
  await consumer.subscribe({ topic: c.topic, fromBeginning: true })
  const slow = c.groupId === DEMO_GROUPS.fulfillment
  await consumer.run({
    // Partitions are worked on side by side, so only the hot one falls behind.
    partitionsConsumedConcurrently: slow ? 6 : 1,
    // Commits each second, also in the middle of a long batch on the slow hot partition.
    autoCommitInterval: 1000,
    eachMessage: async ({ partition }) => {
      if (slow && partition === hotPartition) await sleep(SLOW_MS_PER_HOT_RECORD)
      c.activity.records++
      c.activity.lastProgressAt = Date.now()
      c.activity.lastError = null
    }
  })
}

const noteError = (c: DemoConsumer) => (err: unknown) => {
  c.activity.lastError = messageOf(err)
}

async function pause(c: DemoConsumer): Promise<void> {
  c.paused = true
  const consumer = c.consumer
  c.consumer = null
  // Leaving the group (not just pausing the fetches) leaves it without members, so that its
  // offsets can be reset.
  if (consumer) await consumer.disconnect()
}

async function resume(c: DemoConsumer): Promise<void> {
  if (!c.paused) return
  c.paused = false
  await startConsumer(c)
}

// ---- status ----

function status(now: number): DemoWorkerStatus {
  const stalled = (lastProgressAt: number | null, since: number, hasWork: boolean) => {
    const last = lastProgressAt ?? since
    return hasWork && now - last > STALL_MS ? last : null
  }
  producerActivity.stalledSince = stalled(producerActivity.lastProgressAt, startedAt, running)
  return {
    producer: { ...producerActivity, topics: [DEMO_TOPICS.orders, DEMO_TOPICS.payments] },
    consumers: consumers.map((c) => {
      // A consumer has work when records it has not seen were acknowledged on its topic.
      const lastAck = lastAckByTopic.get(c.topic) ?? 0
      const last = c.activity.lastProgressAt ?? c.since
      c.activity.stalledSince = c.paused ? null : stalled(last, c.since, lastAck > last)
      return { ...c.activity, groupId: c.groupId, topic: c.topic, paused: c.paused }
    })
  }
}

async function refreshPartitionCounts(admin: Admin): Promise<void> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [...partitionCounts.keys()] })
  for (const t of topics) partitionCounts.set(t.name, t.partitions.length)
}

async function start(): Promise<void> {
  const admin = kafka.admin()
  await admin.connect()
  await refreshPartitionCounts(admin)
  const metadataTimer = setInterval(
    () => void refreshPartitionCounts(admin).catch(() => {}),
    METADATA_EVERY_MS
  )
  await freshProducer()
  // Some history first, so that every view has something to show at once.
  const now = Date.now()
  const backlog = Array.from({ length: 600 }, (_, i) => order(i, now - (600 - i) * 1000))
  await sendByPartition(DEMO_TOPICS.orders, backlog)
  // The dead letters go through a producer of their own, gone once they are written.
  const dlq = kafka.producer({ idempotent: true, allowAutoTopicCreation: false })
  await dlq.connect()
  await dlq.send({
    topic: DEMO_TOPICS.deadLetters,
    messages: backlog.slice(0, 40).map((m) => ({
      ...m,
      headers: { ...m.headers, error: 'payment declined', 'original-topic': DEMO_TOPICS.orders }
    }))
  })
  await dlq.disconnect()
  for (const c of consumers) await startConsumer(c)
  post({ kind: 'ready' })
  const statusTimer = setInterval(
    () => post({ kind: 'status', status: status(Date.now()) }),
    STATUS_EVERY_MS
  )
  post({ kind: 'status', status: status(Date.now()) })
  try {
    await produceForever(backlog.length)
  } finally {
    clearInterval(statusTimer)
    clearInterval(metadataTimer)
    await admin.disconnect().catch(() => {})
  }
}

port.on('message', (m: DemoCommand) => {
  if (m.kind === 'stop') {
    running = false
    // Leave the groups politely; the main thread terminates this thread if that takes too long.
    void Promise.allSettled([
      ...consumers.map((c) => c.consumer?.disconnect()),
      producer?.disconnect()
    ]).then(() => process.exit(0))
    return
  }
  const c = consumers.find((x) => x.groupId === m.groupId)
  const work = !c
    ? Promise.reject(new Error(`${m.groupId} is not a demo group`))
    : m.kind === 'pause'
      ? pause(c)
      : resume(c)
  // The status goes first, so that the answer to the command reflects it.
  work.then(
    () => {
      post({ kind: 'status', status: status(Date.now()) })
      post({ kind: 'done', requestId: m.requestId })
    },
    (err: unknown) => post({ kind: 'done', requestId: m.requestId, error: messageOf(err) })
  )
})

start().catch((err: unknown) => post({ kind: 'error', message: messageOf(err) }))
