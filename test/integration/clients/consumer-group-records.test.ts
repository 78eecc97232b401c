// A consumer-protocol group's own records in __consumer_offsets (KIP-848), as Kafka 4.2's group
// coordinator writes them: two librdkafka 2.15.1 members (group.protocol=consumer) share a topic
// kcat filled in batches, commit and leave; kafka-python reads the topic and decodes the records
// with its own reading of Kafka's schemas (test/support/group-records-reader.ts), kcat reads as
// many, and they agree with what the coordinator says of the group (the epoch records' KIP-1101
// hash of the subscribed topic, no ConsumerGroupPartitionMetadata) and with the console's
// decoding; deleting the group leaves tombstones of every key.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { kcat, python } from '../../support/external-clients'
import { apiPost, readTopic } from '../../support/internal-topic-clients'
import {
  READ_GROUP_RECORDS as READ_OFFSETS,
  type DecodedRecord as Decoded
} from '../../support/group-records-reader'
import { killGroupConsumers, runGroupConsumer } from '../../support/group-consumer'
import { groupHash, topicHash } from '../../../src/engine/groups/metadata-hash'

const TOPIC = 'kip848-orders'
const GROUP = 'kip848-ledger'
const OFFSETS = '__consumer_offsets'
const TOKEN = 'kip848-records-token'
const RECORDS = 400

let dir: string
let server: ServeProcess

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'logdeck-kip848-records-'))
  server = await startServe([
    ...['--data-dir', dir, '--port', '0', '--brokers', '1', '--token', TOKEN, '--ui-port', '0'],
    ...['--broker-config', 'offsets.topic.num.partitions=3']
  ])
})

afterAll(async () => {
  killGroupConsumers()
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const post = <T>(method: string, body: unknown) => apiPost<T>(server, TOKEN, method, body)

const NAMES: Record<number, string> = {
  1: 'OffsetCommit',
  3: 'ConsumerGroupMetadata',
  4: 'ConsumerGroupPartitionMetadata',
  5: 'ConsumerGroupMemberMetadata',
  6: 'ConsumerGroupTargetAssignmentMetadata',
  7: 'ConsumerGroupTargetAssignmentMember',
  8: 'ConsumerGroupCurrentMemberAssignment',
  16: 'ConsumerGroupRegularExpression'
}

/** The records of the group, in the order written (one partition holds them all). */
async function groupRecords(): Promise<Decoded[]> {
  const all = await readTopic<Decoded>(server.bootstrap, READ_OFFSETS)
  const mine = all.filter((r) => (r.key.data.groupId ?? r.key.data.group) === GROUP)
  expect(new Set(mine.map((r) => r.partition)).size).toBe(1)
  return mine.sort((a, b) => a.offset - b.offset)
}

function latest(records: Decoded[]): Map<string, Decoded> {
  const byKey = new Map<string, Decoded>()
  for (const r of records) byKey.set(JSON.stringify(r.key), r)
  return byKey
}

describe("a consumer-protocol group's records", () => {
  let written: Decoded[]

  it('follow two librdkafka members as they share the topic, commit and leave', async () => {
    await post('topics.create', { name: TOPIC, partitions: 4, replicationFactor: 1 })
    const input = Array.from({ length: RECORDS }, (_, i) => `k${i % 13}:v${i}`).join('\n') + '\n'
    const produced = await kcat(
      [...['-P', '-b', server.bootstrap, '-t', TOPIC, '-K', ':', '-X', 'linger.ms=100']],
      input
    )
    expect(produced.code, produced.stderr).toBe(0)

    const member = () =>
      runGroupConsumer({
        bootstrap: server.bootstrap,
        group: GROUP,
        topics: [TOPIC],
        config: {
          'group.protocol': 'consumer',
          'auto.offset.reset': 'earliest',
          'client.id': 'kip848-member'
        },
        idleMs: 4000
      })
    const [a, b] = await Promise.all([member(), member()])
    expect(a.code, a.stderr.slice(-2000)).toBe(0)
    expect(b.code, b.stderr.slice(-2000)).toBe(0)
    // Each record once between them.
    const read = [...a.records, ...b.records].map((r) => `${r.partition}:${r.offset}`)
    expect(new Set(read).size).toBe(RECORDS)

    written = await groupRecords()
    const members = new Set(
      written.filter((r) => r.key.type === 5).map((r) => r.key.data.memberId as string)
    )
    expect(members.size).toBe(2)
    for (const r of written.filter((r) => r.key.type === 5 && r.value)) {
      expect(r.value?.version).toBe(0)
      expect(r.value?.data).toMatchObject({
        instanceId: null,
        rackId: null,
        clientId: 'kip848-member',
        subscribedTopicNames: [TOPIC],
        subscribedTopicRegex: null
      })
    }
    // No ConsumerGroupPartitionMetadata (Kafka 4.0's): the epoch records hash the subscribed
    // topic instead, its id (the one every assignment names), name and four partitions (the
    // broker has no rack).
    expect(written.filter((r) => r.key.type === 4)).toEqual([])
    const topicId = written.find((r) => r.key.type === 7 && r.value)?.value?.data
      .topicPartitions as { topicId: string }[]
    const rfcId = Buffer.from(topicId[0].topicId, 'base64url').toString('hex')
    const hash = groupHash(
      new Map([[TOPIC, topicHash({ id: rfcId, name: TOPIC, partitionRacks: [[], [], [], []] })]])
    )
    const hashes = written
      .filter((r) => r.key.type === 3 && r.value)
      .map((r) => r.value?.data.metadataHash)
    expect(hashes).toContain(hash.toString())
    expect(hashes.every((h) => h === hash.toString() || h === undefined)).toBe(true)
    // Each member was given partitions at some epoch, and between them all four.
    const owned = new Map<string, Set<number>>()
    for (const r of written.filter((r) => r.key.type === 8 && r.value)) {
      const data = r.value?.data as {
        memberEpoch: number
        assignedPartitions: { topicId: string; partitions: number[] }[]
      }
      expect(data.memberEpoch).toBeGreaterThan(0)
      for (const t of data.assignedPartitions) {
        expect(t.topicId).toBe(topicId[0].topicId)
        const set = owned.get(r.key.data.memberId as string) ?? new Set()
        t.partitions.forEach((p) => set.add(p))
        owned.set(r.key.data.memberId as string, set)
      }
    }
    expect([...owned.keys()].sort()).toEqual([...members].sort())
    expect(new Set([...owned.values()].flatMap((s) => [...s]))).toEqual(new Set([0, 1, 2, 3]))

    // Both left: each member's records end in tombstones, current assignment first; the group
    // stays, Empty, at the epochs the coordinator describes.
    const last = latest(written)
    for (const id of members) {
      const tombstones = written
        .filter((r) => r.key.data.memberId === id)
        .slice(-3)
        .map((r) => `${NAMES[r.key.type]} ${r.value === null ? 'tombstone' : 'record'}`)
      expect(tombstones).toEqual([
        'ConsumerGroupCurrentMemberAssignment tombstone',
        'ConsumerGroupTargetAssignmentMember tombstone',
        'ConsumerGroupMemberMetadata tombstone'
      ])
    }
    const described = await post<{
      groupType: string
      state: string
      groupEpoch: number
      assignmentEpoch: number
    }>('groups.describe', { groupId: GROUP })
    expect(described).toMatchObject({ groupType: 'consumer', state: 'Empty' })
    // Nobody subscribes any more: a hash of 0, which the record leaves out.
    const epoch = [...last.values()].find((r) => r.key.type === 3)
    expect(epoch?.value?.data).toEqual({ epoch: described.groupEpoch })
    const assignmentEpoch = [...last.values()].find((r) => r.key.type === 6)
    expect(assignmentEpoch?.value?.data).toEqual({ assignmentEpoch: described.assignmentEpoch })
    // The commits: every record read, as OffsetFetch says.
    const committed = [...last.values()]
      .filter((r) => r.key.type === 1)
      .reduce((n, r) => n + Number(r.value?.data.offset), 0)
    expect(committed).toBe(RECORDS)

    // kcat (librdkafka) reads as many records in that partition.
    const partition = written[0].partition
    const k = await kcat([
      ...['-C', '-b', server.bootstrap, '-t', OFFSETS, '-p', String(partition), '-e', '-q'],
      ...['-o', 'beginning', '-f', '%o\n']
    ])
    expect(k.code, k.stderr).toBe(0)
    const all = await readTopic<Decoded>(server.bootstrap, READ_OFFSETS)
    expect(k.stdout.trim().split('\n')).toHaveLength(
      all.filter((r) => r.partition === partition).length
    )

    // The console's message browser decodes them as kafka-python does.
    const page = await post<{
      records: {
        offset: number
        key: string
        value: string | null
        coordinatorRecord?: { type: string }
      }[]
    }>('messages.read', { topic: OFFSETS, partition, from: 'earliest', limit: 2000 })
    const byOffset = new Map(page.records.map((r) => [r.offset, r]))
    for (const r of written) {
      const shown = byOffset.get(r.offset)
      expect(JSON.parse(shown?.key ?? 'null')).toEqual(r.key)
      expect(shown?.value == null ? null : JSON.parse(shown.value)).toEqual(r.value)
      expect(shown?.coordinatorRecord?.type).toBe(NAMES[r.key.type])
    }
  })

  it("tombstone a deleted topic's committed offsets, as Kafka's coordinator does", async () => {
    const scratch = 'kip848-scratch'
    await post('topics.create', { name: scratch, partitions: 2, replicationFactor: 1 })
    const input = Array.from({ length: 40 }, (_, i) => `k${i}:v${i}`).join('\n') + '\n'
    const produced = await kcat(
      ['-P', '-b', server.bootstrap, '-t', scratch, '-K', ':', '-X', 'linger.ms=100'],
      input
    )
    expect(produced.code, produced.stderr).toBe(0)
    const reader = await runGroupConsumer({
      bootstrap: server.bootstrap,
      group: 'kip848-scratch-reader',
      topics: [scratch],
      config: { 'group.protocol': 'consumer', 'auto.offset.reset': 'earliest' },
      count: 40
    })
    expect(reader.code, reader.stderr.slice(-2000)).toBe(0)
    const removed = await python(
      String.raw`
import sys, time
from kafka.admin import KafkaAdminClient
a = KafkaAdminClient(bootstrap_servers=sys.argv[1].split(','))
a.delete_topics(['${scratch}'])
print(a.list_consumer_group_offsets('kip848-scratch-reader'))
`,
      [server.bootstrap]
    )
    expect(removed.code, removed.stderr).toBe(0)
    // OffsetFetch has nothing left of the topic, and each committed partition has its tombstone.
    expect(removed.stdout.trim()).toBe('{}')
    const records = (await readTopic<Decoded>(server.bootstrap, READ_OFFSETS)).filter(
      (r) => r.key.type === 1 && r.key.data.topic === scratch
    )
    const last = latest(records)
    expect([...last.values()].map((r) => [r.key.data.partition, r.value])).toEqual(
      expect.arrayContaining([
        [0, null],
        [1, null]
      ])
    )
    expect(last.size).toBe(2)
  })

  it('end in tombstones of every key when the group is deleted', async () => {
    const deleted = await python(
      String.raw`
import sys
from kafka.admin import KafkaAdminClient
a = KafkaAdminClient(bootstrap_servers=sys.argv[1].split(','))
print(a.delete_consumer_groups(['${GROUP}']))
`,
      [server.bootstrap]
    )
    expect(deleted.code, deleted.stderr).toBe(0)
    const after = await groupRecords()
    const fresh = after.slice(written.length)
    // The offsets' tombstones first, then the group's, its epoch last.
    expect(fresh.every((r) => r.value === null)).toBe(true)
    expect(fresh.map((r) => NAMES[r.key.type])).toEqual([
      ...fresh.filter((r) => r.key.type === 1).map(() => 'OffsetCommit'),
      'ConsumerGroupTargetAssignmentMetadata',
      'ConsumerGroupPartitionMetadata',
      'ConsumerGroupMetadata'
    ])
    for (const r of latest(after).values()) expect(r.value, NAMES[r.key.type]).toBeNull()
  })
})
