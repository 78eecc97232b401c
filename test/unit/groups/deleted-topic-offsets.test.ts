// A deleted topic's committed offsets go with it as Kafka's group coordinator removes them
// (OffsetMetadataManager.onPartitionsDeleted, on the deletion of a topic's partitions): every
// group's offsets of its partitions are forgotten and an OffsetCommit tombstone of each goes to
// __consumer_offsets, in the SQLite transaction that deletes the topic; other topics' stay.
import { describe, expect, it } from 'vitest'
import { openEngine } from '../kafka-handlers/helpers'
import { offsetsTopicRecords } from '../../support/offsets-topic'

describe("a deleted topic's committed offsets", () => {
  it('are removed with a tombstone each, for every group that committed on it', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'orders', partitions: 2, replicationFactor: 1 })
    engine.createTopic({ name: 'payments', partitions: 1, replicationFactor: 1 })
    for (const [groupId, topic] of [
      ['billing', 'orders'],
      ['billing', 'payments'],
      ['audit', 'orders']
    ])
      await engine.resetGroupOffsets({ groupId, topic, to: { offset: 0 }, dryRun: false })
    expect(offsetsTopicRecords(engine).filter((r) => r.value === null)).toEqual([])

    engine.deleteTopic('orders')

    const tombstones = offsetsTopicRecords(engine)
      .filter((r) => r.value === null)
      .map((r) => ({ ...r.key.data, tombstone: true }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    expect(tombstones).toEqual([
      { group: 'audit', topic: 'orders', partition: 0, tombstone: true },
      { group: 'audit', topic: 'orders', partition: 1, tombstone: true },
      { group: 'billing', topic: 'orders', partition: 0, tombstone: true },
      { group: 'billing', topic: 'orders', partition: 1, tombstone: true }
    ])
    const fetched = (groupId: string) =>
      engine
        .fetchOffsets({ groupId, topics: null })
        .topics.flatMap((t) => t.partitions.map((p) => `${t.name}-${p.partitionIndex}`))
    expect(fetched('billing')).toEqual(['payments-0'])
    expect(fetched('audit')).toEqual([])
  })

  it('leave nothing to write when no group committed on the topic', () => {
    const engine = openEngine()
    engine.createTopic({ name: 'quiet', partitions: 1, replicationFactor: 1 })
    engine.deleteTopic('quiet')
    expect(offsetsTopicRecords(engine)).toEqual([])
  })

  it("include a transaction's pending offsets: its commit after the deletion does not bring them back", () => {
    const engine = openEngine()
    engine.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 })
    engine.createTopic({ name: 'payments', partitions: 1, replicationFactor: 1 })
    const init = engine.initProducerId({
      transactionalId: 'tx',
      transactionTimeoutMs: 60_000,
      producerId: -1,
      producerEpoch: -1
    })
    const who = {
      transactionalId: 'tx',
      producerId: init.producerId,
      producerEpoch: init.producerEpoch
    }
    expect(engine.addOffsetsToTxn(who, 'billing', true)).toBe(0)
    const offset = (topic: string) => ({
      topic,
      partition: 0,
      committedOffset: 7,
      leaderEpoch: -1,
      metadata: null
    })
    expect(
      engine.commitTransactionalOffsets(
        who,
        'billing',
        { generationId: -1, memberId: '', groupInstanceId: null },
        [offset('orders'), offset('payments')]
      )
    ).toEqual([0, 0])

    engine.deleteTopic('orders')
    expect(engine.endTxn(who, true, { producerFencedKnown: true }).errorCode).toBe(0)

    const fetched = engine
      .fetchOffsets({ groupId: 'billing', topics: null })
      .topics.flatMap((t) => t.partitions.map((p) => `${t.name}-${p.partitionIndex}`))
    expect(fetched).toEqual(['payments-0'])
    // A topic of the same name made again starts the group at no committed offset.
    engine.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 })
    const again = engine.fetchOffsets({
      groupId: 'billing',
      topics: [{ name: 'orders', partitionIndexes: [0] }]
    })
    expect(again.topics[0].partitions[0].committedOffset).toBe(-1)
  })
})
