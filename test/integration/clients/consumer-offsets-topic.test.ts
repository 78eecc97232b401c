// __consumer_offsets as real clients find it: a kafkajs group (fed by sendBatch batches) commits,
// rebalances and is deleted; kafka-python reads the topic and decodes its records with its own
// reading of Kafka's schemas (below, in Python), kcat reads the same records, and both agree with
// what OffsetFetch and DescribeGroups say, tombstones included. Metadata flags the topic internal,
// a producer is refused as Kafka refuses it, and a restart keeps it all.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { kcat, python } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'
import {
  apiPost,
  produceOne,
  readTopic,
  readTopicScript
} from '../../support/internal-topic-clients'

const TOPIC = 'ledger-entries'
const GROUP = 'ledger'
const OFFSETS = '__consumer_offsets'
const PARTITIONS = 6
const TOKEN = 'offsets-token'

let dir: string
let server: ServeProcess
let kafka: Kafka
let admin: Admin
const consumers: Consumer[] = []

const serveArgs = () => [
  ...['--data-dir', dir, '--port', '0', '--brokers', '3', '--token', TOKEN, '--ui-port', '0'],
  ...['--broker-config', `offsets.topic.num.partitions=${PARTITIONS}`]
]

async function connect(): Promise<void> {
  kafka = new Kafka({ brokers: server.bootstrap.split(','), logLevel: logLevel.NOTHING })
  admin = kafka.admin()
  await admin.connect()
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'logdeck-offsets-topic-'))
  server = await startServe(serveArgs())
  await connect()
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }] })
})

afterAll(async () => {
  for (const c of consumers) await c.disconnect().catch(() => {})
  await admin?.disconnect()
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** Sends `batches` sendBatch calls of `size` keyed records each. */
async function produce(batches: number, size: number, tag: string): Promise<void> {
  const producer = kafka.producer()
  await producer.connect()
  for (let b = 0; b < batches; b++)
    await producer.sendBatch({
      topicMessages: [
        {
          topic: TOPIC,
          messages: Array.from({ length: size }, (_, i) => ({
            key: `k${(b * size + i) % 17}`,
            value: `${tag}-${b}-${i}`
          }))
        }
      ]
    })
  await producer.disconnect()
}

async function committedTotal(): Promise<number> {
  const [t] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] })
  return t.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0)
}

async function startConsumer(): Promise<Consumer> {
  const c = kafka.consumer({ groupId: GROUP, sessionTimeout: 10_000, heartbeatInterval: 500 })
  consumers.push(c)
  await c.connect()
  await c.subscribe({ topic: TOPIC, fromBeginning: true })
  await c.run({ autoCommitInterval: 200, eachMessage: async () => {} })
  return c
}

interface Decoded {
  partition: number
  offset: number
  key: { type: number; data: Record<string, unknown> }
  value: { version: number; data: Record<string, unknown> } | null
}

// kafka-python reads every partition to its end and decodes each record as Kafka's schemas lay
// it out (OffsetCommitKey/Value, GroupMetadataKey/Value), independently of Logdeck's codec.
const READ_OFFSETS = readTopicScript(
  OFFSETS,
  String.raw`
def key(b):
    r = R(b); t = r.i16()
    if t in (0, 1): return {'type': t, 'data': {'group': r.str(), 'topic': r.str(), 'partition': r.i32()}}
    if t == 2: return {'type': t, 'data': {'group': r.str()}}
    raise SystemExit('record type %d' % t)

def value(t, b):
    if b is None: return None
    r = R(b); v = r.i16(); d = {}
    if t in (0, 1):
        d = r.offset_commit(v)
    else:
        d['protocolType'] = r.str(); d['generation'] = r.i32()
        d['protocol'] = r.str(); d['leader'] = r.str()
        if v >= 2: d['currentStateTimestamp'] = r.i64()
        members = []
        for _ in range(r.i32()):
            m = {'memberId': r.str()}
            if v >= 3: m['groupInstanceId'] = r.str()
            m['clientId'] = r.str(); m['clientHost'] = r.str()
            if v >= 1: m['rebalanceTimeout'] = r.i32()
            m['sessionTimeout'] = r.i32()
            m['subscription'] = r.bytes(); m['assignment'] = r.bytes()
            members.append(m)
        d['members'] = members
    r.done()
    return {'version': v, 'data': d}

def record(m):
    k = key(m.key)
    return {'key': k, 'value': value(k['type'], m.value)}
`
)

function readWithKafkaPython(): Promise<Decoded[]> {
  return readTopic<Decoded>(server.bootstrap, READ_OFFSETS)
}

/** The last record of each key, by key (Kafka's view once compacted). */
function latest(records: Decoded[]): Map<string, Decoded> {
  const byKey = new Map<string, Decoded>()
  for (const r of [...records].sort((a, b) => a.partition - b.partition || a.offset - b.offset))
    byKey.set(JSON.stringify(r.key), r)
  return byKey
}

const offsetKey = (topic: string, partition: number) =>
  JSON.stringify({ type: 1, data: { group: GROUP, topic, partition } })
const groupKey = JSON.stringify({ type: 2, data: { group: GROUP } })

const post = <T>(method: string, body: unknown) => apiPost<T>(server, TOKEN, method, body)

describe('__consumer_offsets', () => {
  let committed: Map<number, number>
  let before: Decoded[]

  it('holds a group’s commits and generations as Kafka writes them, agreeing with OffsetFetch and DescribeGroups', async () => {
    await produce(3, 50, 'first')
    await startConsumer()
    await waitFor(
      'the first member to commit 150 records',
      async () => (await committedTotal()) === 150,
      60_000
    )
    // A second member: a rebalance, a new generation.
    await startConsumer()
    await waitFor(
      'the group to be Stable with two members',
      async () => {
        const { groups } = await admin.describeGroups([GROUP])
        return groups[0].state === 'Stable' && groups[0].members.length === 2
      },
      60_000
    )
    await produce(2, 30, 'second')
    await waitFor(
      'both members to commit 210 records',
      async () => (await committedTotal()) === 210,
      60_000
    )
    const { groups } = await admin.describeGroups([GROUP])
    const [fetched] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] })
    committed = new Map(fetched.partitions.map((p) => [p.partition, Number(p.offset)]))

    before = await readWithKafkaPython()
    const last = latest(before)
    for (const [partition, offset] of committed) {
      const r = last.get(offsetKey(TOPIC, partition))
      expect(r?.value?.version, `offset of partition ${partition}`).toBe(4)
      expect(r?.value?.data.offset).toBe(offset)
      expect(r?.value?.data.metadata).toBe('')
    }
    // Every record of the group sits in its partition: abs(hashCode(group)) % partitions.
    const partitionsUsed = new Set(before.map((r) => r.partition))
    expect(partitionsUsed.size).toBe(1)
    const group = last.get(groupKey)
    expect(group?.value?.version).toBe(3)
    const data = group?.value?.data as {
      protocolType: string
      protocol: string
      generation: number
      leader: string
      members: { memberId: string; clientId: string; clientHost: string }[]
    }
    expect(data.protocolType).toBe('consumer')
    expect(data.protocol).toBe(groups[0].protocol)
    expect(data.generation).toBeGreaterThanOrEqual(2)
    expect(data.members.map((m) => m.memberId).sort()).toEqual(
      groups[0].members.map((m) => m.memberId).sort()
    )
    expect(data.members.map((m) => m.memberId)).toContain(data.leader)
    // Each generation was written: the one of the first member alone, then the one of two.
    const generations = before
      .filter((r) => JSON.stringify(r.key) === groupKey && r.value !== null)
      .map((r) => (r.value?.data as { members: unknown[] }).members.length)
    expect(generations).toContain(1)
    expect(generations).toContain(2)

    // kcat (librdkafka) reads the same records.
    const k = await kcat([
      ...['-C', '-b', server.bootstrap, '-t', OFFSETS, '-e', '-q', '-o', 'beginning'],
      ...['-f', '%p %o %K %S\n']
    ])
    expect(k.code, k.stderr).toBe(0)
    const lines = k.stdout.trim().split('\n')
    expect(lines).toHaveLength(before.length)

    // The console's message browser decodes them the same way (messages.read).
    const partition = before[0].partition
    const page = await post<{
      records: {
        offset: number
        key: string
        value: string | null
        coordinatorRecord?: { type: string }
      }[]
    }>('messages.read', { topic: OFFSETS, partition, from: 'earliest', limit: 1000 })
    const mine = before.filter((r) => r.partition === partition)
    expect(page.records.map((r) => r.offset)).toEqual(mine.map((r) => r.offset))
    page.records.forEach((r, i) => {
      expect(JSON.parse(r.key)).toEqual(mine[i].key)
      expect(r.value === null ? null : JSON.parse(r.value)).toEqual(mine[i].value)
      expect(r.coordinatorRecord?.type).toBe(
        mine[i].key.type === 2 ? 'GroupMetadata' : 'OffsetCommit'
      )
    })
  })

  it('writes tombstones when the group is deleted', async () => {
    for (const c of consumers.splice(0)) await c.disconnect()
    await waitFor(
      'the group to be Empty',
      async () => (await admin.describeGroups([GROUP])).groups[0].state === 'Empty',
      60_000
    )
    await admin.deleteGroups([GROUP])
    const after = await readWithKafkaPython()
    const last = latest(after)
    for (const partition of committed.keys())
      expect(last.get(offsetKey(TOPIC, partition))?.value, `partition ${partition}`).toBeNull()
    expect(last.get(groupKey)?.value).toBeNull()
    // The group went Empty first: a generation without members, then the tombstones.
    const empty = after.filter(
      (r) =>
        JSON.stringify(r.key) === groupKey &&
        r.value !== null &&
        (r.value.data as { members: unknown[] }).members.length === 0
    )
    expect(empty.length).toBeGreaterThan(0)
    const k = await kcat([
      ...['-C', '-b', server.bootstrap, '-t', OFFSETS, '-e', '-q', '-o', 'beginning'],
      ...['-f', '%S\n']
    ])
    const tombstones = k.stdout
      .trim()
      .split('\n')
      .filter((s) => s === '-1').length
    expect(tombstones).toBe(after.filter((r) => r.value === null).length)
    expect(tombstones).toBe(committed.size + 1)
  })

  it('is listed as internal, compacted, and refuses producers, deletion and new partitions', async () => {
    const meta = await python(
      String.raw`
import sys, json
from kafka.admin import KafkaAdminClient
from confluent_kafka.admin import AdminClient, ConfigResource
a = KafkaAdminClient(bootstrap_servers=sys.argv[1].split(','))
t = [t for t in a.describe_topics(['${OFFSETS}'])][0]
c = AdminClient({'bootstrap.servers': sys.argv[1]})
listed = c.list_topics(timeout=10).topics
configs = c.describe_configs([ConfigResource('topic', '${OFFSETS}')])
cfg = list(configs.values())[0].result(timeout=10)
print(json.dumps({'is_internal': t['is_internal'], 'partitions': len(t['partitions']),
  'replicas': len(t['partitions'][0]['replicas']), 'listed': len(listed['${OFFSETS}'].partitions),
  'cleanup': cfg['cleanup.policy'].value}))
`,
      [server.bootstrap]
    )
    expect(meta.code, meta.stderr).toBe(0)
    expect(JSON.parse(meta.stdout)).toEqual({
      is_internal: true,
      partitions: PARTITIONS,
      replicas: 3,
      listed: PARTITIONS,
      cleanup: 'compact'
    })

    const refused = await produceOne(server.bootstrap, OFFSETS)
    expect(refused.stdout.trim(), refused.stderr).toBe('TOPIC_EXCEPTION')

    await expect(admin.deleteTopics({ topics: [OFFSETS], timeout: 5000 })).rejects.toThrow()
    await expect(
      admin.createPartitions({ topicPartitions: [{ topic: OFFSETS, count: PARTITIONS + 1 }] })
    ).rejects.toThrow()
    expect(
      (await admin.fetchTopicMetadata({ topics: [OFFSETS] })).topics[0].partitions
    ).toHaveLength(PARTITIONS)
  })

  it('keeps its records across a restart', async () => {
    const beforeRestart = await readWithKafkaPython()
    await admin.disconnect()
    expect(await server.stop()).toBe(0)
    server = await startServe(serveArgs())
    await connect()
    expect(await readWithKafkaPython()).toEqual(beforeRestart)
  })
})
