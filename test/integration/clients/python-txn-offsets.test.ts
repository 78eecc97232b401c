// Transactional offsets with confluent-kafka-python (librdkafka): a read_committed consumer asks
// for stable offsets (OffsetFetch require_stable) and gets none while a transaction holds an
// offset of its group, then the committed one once the transaction commits; a read_uncommitted
// one is answered at once. A producer sending offsets for a consumer whose generation has moved
// on is refused (TxnOffsetCommit v3, KIP-447) and must abort.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { python } from '../../support/external-clients'

const SCRIPT = `
import json, sys, time
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

mode, bootstrap, topic = sys.argv[1:4]

def consumer(group, isolation, **extra):
    conf = {'bootstrap.servers': bootstrap, 'group.id': group, 'isolation.level': isolation,
            'enable.auto.commit': False, 'auto.offset.reset': 'earliest'}
    conf.update(extra)
    return Consumer(conf)

def committed(c, timeout):
    try:
        return c.committed([TopicPartition(topic, 0)], timeout)[0].offset
    except KafkaException as e:
        return e.args[0].name()

if mode == 'pending':
    group = 'py-stable'
    owner = consumer(group, 'read_committed')
    p = Producer({'bootstrap.servers': bootstrap, 'transactional.id': 'py-stable-tx'})
    p.init_transactions(30)
    p.begin_transaction()
    p.send_offsets_to_transaction([TopicPartition(topic, 0, 10)], owner.consumer_group_metadata(), 30)
    rc, ru = consumer(group, 'read_committed'), consumer(group, 'read_uncommitted')
    during = {'read_committed': committed(rc, 3), 'read_uncommitted': committed(ru, 10)}
    p.commit_transaction(30)
    after = {'read_committed': committed(rc, 10), 'read_uncommitted': committed(ru, 10)}
    print(json.dumps({'during': during, 'after': after}))
elif mode == 'stale':
    group = 'py-stale'
    first = consumer(group, 'read_committed', **{'session.timeout.ms': 6000})
    first.subscribe([topic])
    while not first.assignment():
        first.poll(0.2)
    stale = first.consumer_group_metadata()
    second = consumer(group, 'read_committed', **{'session.timeout.ms': 6000})
    second.subscribe([topic])
    deadline = time.time() + 30
    while not second.assignment() and time.time() < deadline:
        first.poll(0.2)
        second.poll(0.2)
    p = Producer({'bootstrap.servers': bootstrap, 'transactional.id': 'py-stale-tx'})
    p.init_transactions(30)
    p.begin_transaction()
    refused = None
    try:
        p.send_offsets_to_transaction([TopicPartition(topic, 0, 5)], stale, 30)
    except KafkaException as e:
        refused = {'name': e.args[0].name(), 'abort': e.args[0].txn_requires_abort()}
    p.abort_transaction(30)
    p.begin_transaction()
    p.send_offsets_to_transaction([TopicPartition(topic, 0, 7)], first.consumer_group_metadata(), 30)
    p.commit_transaction(30)
    print(json.dumps({'refused': refused, 'committed': committed(first, 10)}))
    second.close()
    first.close()
`

let cluster: TestCluster

beforeAll(async () => {
  cluster = await startTestCluster()
  cluster.engine.createTopic({ name: 'py-offsets', partitions: 2, replicationFactor: 1 })
})
afterAll(async () => {
  await cluster?.close()
})

async function py(mode: string) {
  const res = await python(SCRIPT, [mode, cluster.bootstrap, 'py-offsets'], 120_000)
  expect(res.code, res.stderr).toBe(0)
  return JSON.parse(res.stdout.trim().split('\n').at(-1) ?? 'null') as Record<string, unknown>
}

describe('confluent-kafka-python: transactional offsets', () => {
  it('a read_committed consumer gets no offset while a transaction holds one, then the committed one', async () => {
    const r = await py('pending')
    // librdkafka retries UNSTABLE_OFFSET_COMMIT until its timeout.
    expect(r.during).toEqual({
      read_committed: expect.stringMatching(/TIMED_OUT|UNSTABLE/),
      read_uncommitted: -1001
    })
    expect(r.after).toEqual({ read_committed: 10, read_uncommitted: 10 })
  })

  it('offsets sent for a consumer generation that has moved on are refused and the transaction aborts', async () => {
    const r = await py('stale')
    expect(r.refused).toEqual({ name: 'ILLEGAL_GENERATION', abort: true })
    expect(r.committed).toBe(7)
  })
})
