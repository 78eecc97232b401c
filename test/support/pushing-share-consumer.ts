// A client that pushes its own KIP-714 metrics, for the export tests: records produced into a new
// topic by kafkajs in one batch, a subscription to every metric every second, and librdkafka
// 2.15.1's share consumer (share-consumer.ts) reading them all, pushing as it goes.
import { Kafka, logLevel } from 'kafkajs'
import type { ServeProcess } from './serve-process'
import { startShareConsumer, type ShareConsumerProcess } from './share-consumer'

/** Calls a method of the console's API on a `logdeck serve`; throws with the refusal's body. */
export function serveCall(server: ServeProcess) {
  return async <T>(method: string, params: unknown = {}): Promise<T> => {
    const res = await fetch(`${server.apiBase}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(params)
    })
    const body = (await res.json()) as T
    if (!res.ok) throw new Error(`${method}: ${JSON.stringify(body)}`)
    return body
  }
}

export async function startPushingShareConsumer(
  server: ServeProcess,
  {
    topic,
    group,
    clientId,
    records
  }: { topic: string; group: string; clientId: string; records: number }
): Promise<ShareConsumerProcess> {
  const call = serveCall(server)
  await call('topics.create', { name: topic, partitions: 2, replicationFactor: 1 })
  const kafka = new Kafka({
    brokers: [server.bootstrap],
    clientId: `${clientId}-producer`,
    logLevel: logLevel.NOTHING
  })
  const producer = kafka.producer()
  await producer.connect()
  await producer.sendBatch({
    topicMessages: [
      {
        topic,
        messages: Array.from({ length: records }, (_, i) => ({
          key: `k${i % 7}`,
          value: `job-${i}`
        }))
      }
    ]
  })
  await producer.disconnect()
  // Every metric, every second, for every client.
  await call('clientMetrics.setSubscription', {
    name: 'everything',
    metrics: ['*'],
    intervalMs: 1000,
    match: []
  })
  const consumer = startShareConsumer({
    bootstrap: server.bootstrap,
    group,
    topics: [topic],
    groupConfigs: { 'share.auto.offset.reset': 'earliest' },
    config: { 'client.id': clientId }
  })
  try {
    await consumer.waitFor(`${records} records`, (p) => p.records().length >= records)
  } catch (err) {
    await consumer.stop()
    throw err
  }
  return consumer
}
