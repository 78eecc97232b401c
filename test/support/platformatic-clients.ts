// @platformatic/kafka clients of string records as the client tests use them: a producer that
// sends one batch and closes, and group consumers reading from the committed offsets.
import {
  Consumer,
  Producer,
  stringDeserializers,
  stringSerializers,
  type ConsumerOptions,
  type MessagesStream
} from '@platformatic/kafka'

export type StringConsumer = Consumer<string, string, string, string>
export type StringStream = MessagesStream<string, string, string, string>

/** Sends the records in one call of a new producer, then closes it. */
export async function produceStrings(
  brokers: string[],
  clientId: string,
  messages: { topic: string; key: string; value: string }[],
  options: { idempotent?: boolean; autocreateTopics?: boolean } = {}
): Promise<void> {
  const producer = new Producer({
    clientId,
    bootstrapBrokers: brokers,
    serializers: stringSerializers,
    retries: 5,
    ...options
  })
  try {
    await producer.send({ messages })
  } finally {
    await producer.close()
  }
}

/** Classic-protocol timeouts short enough for a test to see rebalances. */
export const CLASSIC_TIMEOUTS = {
  sessionTimeout: 6000,
  rebalanceTimeout: 6000,
  heartbeatInterval: 500
} as const

/** A consumer of string records in `groupId`, fetching with short waits. */
export function stringConsumer(
  brokers: string[],
  clientId: string,
  groupId: string,
  options: Partial<ConsumerOptions<string, string, string, string>> = {}
): StringConsumer {
  return new Consumer({
    clientId,
    groupId,
    bootstrapBrokers: brokers,
    deserializers: stringDeserializers,
    maxWaitTime: 100,
    retries: 5,
    ...options
  })
}

/** Consumes `topics` from the group's committed offsets (earliest without), committing often. */
export function consumeCommitted(
  consumer: StringConsumer,
  topics: string[]
): Promise<StringStream> {
  return consumer.consume({ topics, mode: 'committed', fallbackMode: 'earliest', autocommit: 100 })
}
