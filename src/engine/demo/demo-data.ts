// Demo data for newcomers: topics with a skewed key distribution, a producer at a modest rate
// and consumer groups (one lagging on its hot partition), all talking the Kafka protocol to
// the embedded cluster through kafkajs, like any client would.
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs'
import type { CreateTopicSpec, Engine } from '../engine'
import { murmur2Partition } from '../producers/murmur2'

export const DEMO_TOPICS = {
  orders: 'demo.orders',
  payments: 'demo.payments',
  deadLetters: 'demo.orders.dlq'
} as const
export const DEMO_GROUPS = { fulfillment: 'demo-fulfillment', analytics: 'demo-analytics' } as const

const HOT_TENANT = 'tenant-42'
const ORDERS_PER_SEC = 20
const SLOW_MS_PER_HOT_RECORD = 160

export interface DemoHandle {
  topics: string[]
  groups: string[]
  stop(): Promise<void>
}

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

function ensureTopics(engine: Engine): void {
  const rf = Math.min(3, engine.brokers.length)
  const specs: CreateTopicSpec[] = [
    {
      name: DEMO_TOPICS.orders,
      partitions: 6,
      replicationFactor: rf,
      configs: { 'retention.ms': String(6 * 3_600_000) }
    },
    { name: DEMO_TOPICS.payments, partitions: 3, replicationFactor: rf, configs: {} },
    {
      name: DEMO_TOPICS.deadLetters,
      partitions: 1,
      replicationFactor: 1,
      configs: { 'retention.ms': String(7 * 86_400_000) }
    }
  ]
  for (const s of specs) if (!engine.topics.get(s.name)) engine.createTopic(s)
}

/** Starts the demo against `bootstrap`; creates its topics first. Idempotent per engine. */
export async function startDemo(engine: Engine, bootstrap: string[]): Promise<DemoHandle> {
  ensureTopics(engine)
  const kafka = new Kafka({
    clientId: 'logdeck-demo',
    brokers: bootstrap,
    logLevel: logLevel.NOTHING,
    retry: { retries: 10 }
  })
  const producer: Producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false })
  await producer.connect()
  // Some history first, so that every view has something to show at once.
  const now = Date.now()
  const backlog = Array.from({ length: 600 }, (_, i) => order(i, now - (600 - i) * 1000))
  await producer.send({ topic: DEMO_TOPICS.orders, messages: backlog })
  await producer.send({
    topic: DEMO_TOPICS.deadLetters,
    messages: backlog.slice(0, 40).map((m) => ({
      ...m,
      headers: { ...m.headers, error: 'payment declined', 'original-topic': DEMO_TOPICS.orders }
    }))
  })
  let running = true
  let n = backlog.length
  const produceLoop = (async () => {
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
              value: JSON.stringify({
                orderId: `o-${n}`,
                status: n % 17 === 0 ? 'declined' : 'paid'
              })
            }
          ]
        })
      } catch {
        // A stopped broker is part of the demo: the producer retries on the next round.
      }
      await sleep(250)
    }
  })()

  const hotPartition = murmur2Partition(Buffer.from(HOT_TENANT), 6)
  const consumers: Consumer[] = []
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
      // The hot partition's records take longer to fulfil: lag builds up there only.
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

  return {
    topics: Object.values(DEMO_TOPICS),
    groups: Object.values(DEMO_GROUPS),
    stop: async () => {
      running = false
      await produceLoop
      // Leaving the groups politely can take seconds; shutdown does not wait longer than this.
      await Promise.race([
        Promise.allSettled([producer.disconnect(), ...consumers.map((c) => c.disconnect())]),
        sleep(1500)
      ])
    }
  }
}
