// The demo's Kafka clients, run in their own worker thread: a producer of skewed orders and
// payments, and two consumer groups, one slow on the hot partition. They talk the Kafka
// protocol to the embedded cluster through kafkajs, like any client.
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs'
import { parentPort, workerData } from 'node:worker_threads'
import { murmur2Partition } from '../producers/murmur2'
import {
  DEMO_GROUPS,
  DEMO_TOPICS,
  HOT_TENANT,
  type DemoWorkerData,
  type DemoWorkerMessage
} from './demo-names'

const ORDERS_PER_SEC = 20
const SLOW_MS_PER_HOT_RECORD = 160

const port = parentPort
if (!port) throw new Error('the demo clients must run in a worker thread')
const { bootstrap } = workerData as DemoWorkerData
const post = (m: DemoWorkerMessage) => port.postMessage(m)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

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

let running = true
const consumers: Consumer[] = []
let producer: Producer | null = null

async function start(): Promise<void> {
  const kafka = new Kafka({
    clientId: 'logdeck-demo',
    brokers: bootstrap,
    logLevel: logLevel.NOTHING,
    retry: { retries: 10 }
  })
  producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false })
  await producer.connect()
  // Some history first, so that every view has something to show at once.
  const now = Date.now()
  const backlog = Array.from({ length: 600 }, (_, i) => order(i, now - (600 - i) * 1000))
  await producer.send({ topic: DEMO_TOPICS.orders, messages: backlog })
  await producer.send({
    topic: DEMO_TOPICS.deadLetters,
    messages: backlog
      .slice(0, 40)
      .map((m) => ({
        ...m,
        headers: { ...m.headers, error: 'payment declined', 'original-topic': DEMO_TOPICS.orders }
      }))
  })
  const hotPartition = murmur2Partition(Buffer.from(HOT_TENANT), 6)
  const fulfillment = kafka.consumer({
    groupId: DEMO_GROUPS.fulfillment,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000
  })
  await fulfillment.connect()
  await fulfillment.subscribe({ topic: DEMO_TOPICS.orders, fromBeginning: true })
  await fulfillment.run({
    // Partitions are worked on side by side, so only the hot one falls behind.
    partitionsConsumedConcurrently: 6,
    eachMessage: async ({ partition }) => {
      if (partition === hotPartition) await sleep(SLOW_MS_PER_HOT_RECORD)
    }
  })
  consumers.push(fulfillment)
  const analytics = kafka.consumer({
    groupId: DEMO_GROUPS.analytics,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000
  })
  await analytics.connect()
  await analytics.subscribe({ topic: DEMO_TOPICS.payments, fromBeginning: true })
  await analytics.run({ eachMessage: async () => {} })
  consumers.push(analytics)
  post({ kind: 'ready' })
  let n = backlog.length
  while (running) {
    const t = Date.now()
    try {
      await producer.send({
        topic: DEMO_TOPICS.orders,
        messages: Array.from({ length: ORDERS_PER_SEC / 4 }, () => order(n++, t))
      })
      await producer.send({
        topic: DEMO_TOPICS.payments,
        messages: [
          {
            key: `o-${n}`,
            value: JSON.stringify({ orderId: `o-${n}`, status: n % 17 === 0 ? 'declined' : 'paid' })
          }
        ]
      })
    } catch {
      // A stopped broker is part of the demo: the producer retries on the next round.
    }
    await sleep(250)
  }
}

port.on('message', (m: unknown) => {
  if (m !== 'stop') return
  running = false
  // Leave the groups politely; the main thread terminates this thread if that takes too long.
  void Promise.allSettled([...consumers.map((c) => c.disconnect()), producer?.disconnect()]).then(
    () => process.exit(0)
  )
})

start().catch((err: unknown) =>
  post({ kind: 'error', message: err instanceof Error ? err.message : String(err) })
)
