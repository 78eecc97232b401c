// Kafka clients driven from the test process, for state the console cannot create itself:
// e.g. a consumer group that committed offsets and has no members left.
import { Kafka, logLevel } from 'kafkajs'

/** Commits `offset` on each of `partitions` for `groupId`, as a group without members. */
export async function commitOffsets(
  bootstrap: string,
  groupId: string,
  topic: string,
  partitions: number[],
  offset: number
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'logdeck-e2e',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING
  })
  const admin = kafka.admin()
  await admin.connect()
  try {
    await admin.setOffsets({
      groupId,
      topic,
      partitions: partitions.map((partition) => ({ partition, offset: String(offset) }))
    })
  } finally {
    await admin.disconnect()
  }
}
