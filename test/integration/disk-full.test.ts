// A full disk, as Kafka handles one: `logdeck serve` on a 20 MiB tmpfs. Producers get
// KAFKA_STORAGE_ERROR on a connection that stays open, cluster.describe reports the storage
// state, a consumer group still joins, a topic delete succeeds, and writes resume after it.
// Linux only, and only where a tmpfs can be mounted (root); skipped elsewhere.
import { describe, expect, it } from 'vitest'
import { fullDiskServe, MiB, sendBatch } from '../support/full-disk'
import { waitFor } from '../support/wait-for'

const { mounted, server, kafka, api, storage } = fullDiskServe('disk-full')

describe.skipIf(!mounted)('a full disk (20 MiB tmpfs)', () => {
  it('refuses records with KAFKA_STORAGE_ERROR, keeps groups and deletes working, and resumes', async () => {
    expect((await storage()).state).not.toBe('full')
    expect(
      (await api('topics.create', { name: 'fill', partitions: 1, replicationFactor: 1 })).status
    ).toBe(200)
    expect(
      (await api('topics.create', { name: 'events', partitions: 1, replicationFactor: 1 })).status
    ).toBe(200)

    const producer = kafka().producer({ allowAutoTopicCreation: false })
    await producer.connect()
    let accepted = 0
    let refused: string[] = []
    for (let i = 0; i < 200 && refused.length === 0; i++) {
      refused = await sendBatch(producer, 'fill', 20, 16 * 1024)
      if (refused.length === 0) accepted++
    }
    expect(accepted).toBeGreaterThan(10)
    expect(refused).toContain('KAFKA_STORAGE_ERROR')
    // The connection stays open: the next send is answered the same way, not cut off.
    expect(await sendBatch(producer, 'events', 1, 100)).toContain('KAFKA_STORAGE_ERROR')

    const full = await storage()
    expect(full.state).toBe('full')
    expect(full.advice).toMatch(/Delete topics or records/)

    // Reading goes on while full.
    const read = await api('messages.read', { topic: 'fill', from: 'earliest', limit: 5 })
    expect(read.status).toBe(200)
    expect((read.body.records as unknown[]).length).toBe(5)

    // A consumer group joins and gets its assignment while the disk is full.
    const consumer = kafka().consumer({ groupId: 'while-full', sessionTimeout: 10_000 })
    let assigned = false
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      assigned = Object.keys(e.payload.memberAssignment).includes('fill')
    })
    await consumer.connect()
    await consumer.subscribe({ topic: 'fill', fromBeginning: true })
    let consumed = 0
    await consumer.run({ autoCommit: false, eachMessage: async () => void consumed++ })
    await waitFor('the group to join while the disk is full', () => assigned && consumed > 0)
    const group = await api('groups.describe', { groupId: 'while-full' })
    expect(group.body).toMatchObject({ state: 'Stable' })
    await consumer.disconnect()

    // Deleting the topic works while full, and gives the space back.
    const deleted = await api('topics.delete', { name: 'fill' })
    expect(deleted.status).toBe(200)
    await waitFor(
      'writes to resume after the delete',
      async () => (await storage()).state !== 'full'
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(await storage())}\n${server().output()}`)
    })
    expect((await storage()).freeBytes).toBeGreaterThan(8 * MiB)

    expect(await sendBatch(producer, 'events', 10, 100)).toEqual([])
    const events = await api('messages.read', { topic: 'events', from: 'earliest', limit: 100 })
    expect((events.body.records as unknown[]).length).toBe(10)
    await producer.disconnect()
  }, 120_000)
})
