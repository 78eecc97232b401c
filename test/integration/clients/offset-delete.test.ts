// OffsetDelete (KIP-496) with @platformatic/kafka's admin (deleteConsumerGroupOffsets): refused
// with GROUP_SUBSCRIBED_TO_TOPIC for a topic the running group subscribes to, allowed for one it
// no longer reads and once the group is empty; the offsets are gone after, the others stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Admin } from '@platformatic/kafka'
import { Kafka, logLevel } from 'kafkajs'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { waitFor } from '../../support/wait-for'

const GROUP = 'od-group'

let cluster: TestCluster
let admin: Admin

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 1 })
  for (const name of ['od-live', 'od-old'])
    cluster.engine.createTopic({ name, partitions: 2, replicationFactor: 1 })
  admin = new Admin({ clientId: 'it-od-admin', bootstrapBrokers: cluster.bootstrap.split(',') })
})
afterAll(async () => {
  await admin?.close()
  await cluster?.close()
})

const committed = () =>
  Object.fromEntries(
    cluster.engine
      .groupDescription(GROUP)
      .offsets.map((o) => [`${o.topic}-${o.partition}`, o.committedOffset])
  )

/** The response an admin call was refused with. */
const refusal = (err: unknown) => {
  const e = err as { errors?: { response?: unknown }[] }
  return e.errors?.[0]?.response as {
    errorCode: number
    topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[]
  }
}

describe('OffsetDelete', () => {
  it('refuses subscribed topics of an active group, deletes the rest', async () => {
    const kafka = new Kafka({ brokers: cluster.bootstrap.split(','), logLevel: logLevel.NOTHING })
    // Offsets for a topic the group will not read any more, committed while it was empty.
    const offsetsAdmin = kafka.admin()
    await offsetsAdmin.connect()
    await offsetsAdmin.setOffsets({
      groupId: GROUP,
      topic: 'od-old',
      partitions: [
        { partition: 0, offset: '0' },
        { partition: 1, offset: '0' }
      ]
    })
    await offsetsAdmin.disconnect()
    const consumer = kafka.consumer({ groupId: GROUP, maxWaitTimeInMs: 100 })
    await consumer.connect()
    await consumer.subscribe({ topic: 'od-live', fromBeginning: true })
    await consumer.run({ eachMessage: async () => {} })
    try {
      await waitFor(
        'a stable group',
        () => cluster.engine.groupDescription(GROUP).state === 'Stable'
      )
      await consumer.commitOffsets([{ topic: 'od-live', partition: 0, offset: '0' }])
      expect(committed()).toMatchObject({ 'od-live-0': 0, 'od-old-0': 0, 'od-old-1': 0 })

      const refused = await admin
        .deleteConsumerGroupOffsets({
          groupId: GROUP,
          topics: [{ name: 'od-live', partitionIndexes: [0] }]
        })
        .then(() => null, refusal)
      expect(refused?.topics).toEqual([
        {
          name: 'od-live',
          partitions: [{ partitionIndex: 0, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC }]
        }
      ])

      const deleted = await admin.deleteConsumerGroupOffsets({
        groupId: GROUP,
        topics: [{ name: 'od-old', partitionIndexes: [0] }]
      })
      expect(deleted).toEqual([{ name: 'od-old', partitionIndexes: [0] }])
      expect(committed()).not.toHaveProperty('od-old-0')
      expect(committed()).toMatchObject({ 'od-live-0': 0, 'od-old-1': 0 })
    } finally {
      await consumer.disconnect()
    }
    await waitFor('an empty group', () => cluster.engine.groupDescription(GROUP).state === 'Empty')
    await admin.deleteConsumerGroupOffsets({
      groupId: GROUP,
      topics: [{ name: 'od-live', partitionIndexes: [0] }]
    })
    expect(committed()).not.toHaveProperty('od-live-0')
  })

  it('an unknown group is GROUP_ID_NOT_FOUND', async () => {
    const refused = await admin
      .deleteConsumerGroupOffsets({
        groupId: 'no-such-group',
        topics: [{ name: 'od-old', partitionIndexes: [1] }]
      })
      .then(() => null, refusal)
    expect(refused?.errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND)
  })
})
