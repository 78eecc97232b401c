// A client that pushes its own KIP-714 metrics, for the export tests: records produced into a new
// topic by kafkajs in one batch, a subscription to every metric every second, and librdkafka
// 2.15.1's share consumer (share-consumer.ts) reading them all, pushing as it goes.
import { Kafka, logLevel } from 'kafkajs'
import { callApi, type ServeProcess } from './serve-process'
import { startShareConsumer, type ShareConsumerProcess } from './share-consumer'

export async function startPushingShareConsumer(
  server: ServeProcess,
  {
    topic,
    group,
    clientId,
    records
  }: { topic: string; group: string; clientId: string; records: number }
): Promise<ShareConsumerProcess> {
  const call = (method: string, params: unknown) => callApi(server, method, params)
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
