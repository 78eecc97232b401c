// Keyed records produced the way batching clients send them: kafkajs sendBatch, 25 a request.
import type { Producer } from 'kafkajs'

/** Sends orders `from` .. `from + count - 1` to `topic` (keys customer-0 .. customer-10), acks=all. */
export async function sendKeyedOrders(
  producer: Producer,
  from: number,
  count: number,
  topic = 'orders'
): Promise<void> {
  for (let at = from; at < from + count; at += 25)
    await producer.sendBatch({
      acks: -1,
      topicMessages: [
        {
          topic,
          messages: Array.from({ length: Math.min(25, from + count - at) }, (_, i) => ({
            key: `customer-${(at + i) % 11}`,
            value: `order-${at + i}`
          }))
        }
      ]
    })
}
