// A share group's own records in __consumer_offsets (KIP-932), as Kafka 4.2's group coordinator
// writes them: two librdkafka 2.15.1 share consumers read what kcat produced in batches and
// leave; kafka-python reads the topic and decodes the records with its own reading of Kafka's
// schemas (test/support/group-records-reader.ts) and finds both members' subscriptions and
// assignments, their tombstones in Kafka's order, the epochs ShareGroupDescribe's view shows and
// the epoch records' KIP-1101 hash of the subscribed topic, the console decoding the same;
// deleting the group leaves tombstones of every key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { kcat, python } from '../../support/external-clients'
import { apiPost, readTopic } from '../../support/internal-topic-clients'
import { startShareConsumer, type ShareConsumerProcess } from '../../support/share-consumer'
import { READ_GROUP_RECORDS, type DecodedRecord } from '../../support/group-records-reader'
import { groupHash, topicHash } from '../../../src/engine/groups/metadata-hash'

const TOPIC = 'share-records'
const GROUP = 'share-records-group'
const TOKEN = 'share-records-token'
const RECORDS = 300

let server: ServeProcess
const members: ShareConsumerProcess[] = []

beforeAll(async () => {
  server = await startServe([
    ...['--in-memory', '--port', '0', '--brokers', '1', '--token', TOKEN, '--ui-port', '0'],
    ...['--broker-config', 'offsets.topic.num.partitions=3'],
    ...['--broker-config', 'group.share.min.heartbeat.interval.ms=1000']
  ])
})

afterAll(async () => {
  for (const m of members) m.child.kill('SIGKILL')
  await server?.stop()
})

const post = <T>(method: string, body: unknown) => apiPost<T>(server, TOKEN, method, body)

const NAMES: Record<number, string> = {
  10: 'ShareGroupMemberMetadata',
  11: 'ShareGroupMetadata',
  12: 'ShareGroupTargetAssignmentMetadata',
  13: 'ShareGroupTargetAssignmentMember',
  14: 'ShareGroupCurrentMemberAssignment'
}

async function groupRecords(): Promise<DecodedRecord[]> {
  const all = await readTopic<DecodedRecord>(server.bootstrap, READ_GROUP_RECORDS)
  return all.filter((r) => r.key.data.groupId === GROUP).sort((a, b) => a.offset - b.offset)
}

describe("a share group's records", () => {
  let written: DecodedRecord[]

  it('follow two librdkafka share consumers as they read and leave', async () => {
    await post('topics.create', { name: TOPIC, partitions: 3, replicationFactor: 1 })
    const lines = Array.from({ length: RECORDS }, (_, i) => `k${i}:v${i}`).join('\n') + '\n'
    const produced = await kcat(
      ['-P', '-b', server.bootstrap, '-t', TOPIC, '-K:', '-X', 'linger.ms=100'],
      lines
    )
    expect(produced.code, produced.stderr).toBe(0)
    const member = () => {
      const m = startShareConsumer({
        bootstrap: server.bootstrap,
        group: GROUP,
        topics: [TOPIC],
        groupConfigs: {
          'share.auto.offset.reset': 'earliest',
          'share.heartbeat.interval.ms': 1000
        },
        config: { 'client.id': 'share-records-member' }
      })
      members.push(m)
      return m
    }
    const a = member()
    const b = member()
    const all = () =>
      new Set([...a.records(), ...b.records()].map((r) => `${r.partition}:${r.offset}`))
    await a.waitFor(`${RECORDS} records between both members`, () => all().size >= RECORDS)
    expect(await a.stop()).toBe(0)
    expect(await b.stop()).toBe(0)

    written = await groupRecords()
    const ids = new Set(written.filter((r) => r.key.type === 10).map((r) => r.key.data.memberId))
    expect(ids.size).toBe(2)
    for (const r of written.filter((r) => r.key.type === 10 && r.value))
      expect(r.value?.data).toMatchObject({
        rackId: null,
        clientId: 'share-records-member',
        subscribedTopicNames: [TOPIC]
      })
    const owned = new Set<number>()
    for (const r of written.filter((r) => r.key.type === 14 && r.value)) {
      const data = r.value?.data as {
        memberEpoch: number
        state: number
        assignedPartitions: { partitions: number[] }[]
      }
      expect(data.memberEpoch).toBeGreaterThan(0)
      expect(data.state).toBe(0)
      for (const t of data.assignedPartitions) t.partitions.forEach((p) => owned.add(p))
    }
    expect(owned).toEqual(new Set([0, 1, 2]))
    // While the members subscribed, the epoch records hash the topic: its id (the one the
    // assignments name), name and three partitions (the broker has no rack).
    const topicId = written.find((r) => r.key.type === 13 && r.value)?.value?.data
      .topicPartitions as { topicId: string }[]
    const rfcId = Buffer.from(topicId[0].topicId, 'base64url').toString('hex')
    const hash = groupHash(
      new Map([[TOPIC, topicHash({ id: rfcId, name: TOPIC, partitionRacks: [[], [], []] })]])
    )
    const hashes = written
      .filter((r) => r.key.type === 11 && r.value)
      .map((r) => r.value?.data.metadataHash)
    expect(hashes).toContain(hash.toString())
    expect(hashes.every((h) => h === hash.toString() || h === 0)).toBe(true)
    for (const id of ids)
      expect(
        written
          .filter((r) => r.key.data.memberId === id)
          .slice(-3)
          .map((r) => `${NAMES[r.key.type]} ${r.value === null ? 'tombstone' : 'record'}`)
      ).toEqual([
        'ShareGroupCurrentMemberAssignment tombstone',
        'ShareGroupTargetAssignmentMember tombstone',
        'ShareGroupMemberMetadata tombstone'
      ])
    const described = await post<{ groupEpoch: number; assignmentEpoch: number; state: string }>(
      'groups.describe',
      { groupId: GROUP }
    )
    const last = new Map(written.map((r) => [JSON.stringify(r.key), r]))
    const epoch = [...last.values()].find((r) => r.key.type === 11)
    // Nobody subscribes any more: a hash of 0.
    expect(epoch?.value?.data).toEqual({ epoch: described.groupEpoch, metadataHash: 0 })
    const target = [...last.values()].find((r) => r.key.type === 12)
    expect(target?.value?.data).toEqual({ assignmentEpoch: described.assignmentEpoch })

    // The console's message browser decodes them as kafka-python does.
    const partition = written[0].partition
    const page = await post<{
      records: {
        offset: number
        key: string
        value: string | null
        coordinatorRecord?: { type: string }
      }[]
    }>('messages.read', { topic: '__consumer_offsets', partition, from: 'earliest', limit: 2000 })
    const byOffset = new Map(page.records.map((r) => [r.offset, r]))
    for (const r of written) {
      const shown = byOffset.get(r.offset)
      expect(JSON.parse(shown?.key ?? 'null')).toEqual(r.key)
      expect(shown?.value == null ? null : JSON.parse(shown.value)).toEqual(r.value)
      expect(shown?.coordinatorRecord?.type).toBe(NAMES[r.key.type])
    }
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
    expect(after.slice(written.length).map((r) => [NAMES[r.key.type], r.value])).toEqual([
      ['ShareGroupTargetAssignmentMetadata', null],
      ['ShareGroupMetadata', null]
    ])
  })
})
