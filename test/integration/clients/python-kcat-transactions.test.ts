// confluent-kafka-python (librdkafka) transactions against the embedded cluster: the
// consume-transform-produce loop (init_transactions, begin, produce, send_offsets_to_transaction,
// commit) with an aborted attempt per batch, a read_committed consumer that sees each committed
// record exactly once, a zombie producer fenced by a newer instance of its transactional id, and
// kcat with isolation.level=read_committed reading only committed records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat, python } from '../../support/external-clients'

const INPUT = 'py-txn-input'
const OUTPUT = 'py-txn-output'
const GROUP = 'py-txn-transformer'
const COUNT = 200

const SCRIPT = `
import json, sys
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

mode, bootstrap = sys.argv[1:3]

def read_committed(topic, partitions):
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'py-reader-' + topic,
                  'isolation.level': 'read_committed', 'enable.auto.commit': False,
                  'enable.partition.eof': True})
    c.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
    values, eof = [], set()
    while len(eof) < partitions:
        m = c.poll(10)
        if m is None:
            raise SystemExit('no record or end of partition within 10 s')
        if m.error():
            if m.error().code() == -191:  # _PARTITION_EOF
                eof.add(m.partition())
                continue
            raise KafkaException(m.error())
        values.append(m.value().decode())
    c.close()
    return values

if mode == 'transform':
    src, dst, group, count = sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'earliest',
                  'enable.auto.commit': False, 'isolation.level': 'read_committed'})
    c.subscribe([src])
    p = Producer({'bootstrap.servers': bootstrap, 'transactional.id': 'py-transformer',
                  'linger.ms': 5})
    p.init_transactions(30)
    done = aborted = 0
    while done < count:
        batch = c.consume(50, 2)
        batch = [m for m in batch if not m.error()]
        if not batch:
            continue
        p.begin_transaction()
        for m in batch:
            p.produce(dst, key=m.key(), value=b'aborted-' + m.value())
        p.flush(30)  # in the log before the abort, not purged from the client's queue
        p.abort_transaction(30)
        aborted += 1
        p.begin_transaction()
        for m in batch:
            p.produce(dst, key=m.key(), value=b'out-' + m.value())
        p.send_offsets_to_transaction(c.position(c.assignment()), c.consumer_group_metadata(), 30)
        p.commit_transaction(30)
        done += len(batch)
    committed = c.committed([TopicPartition(src, i) for i in range(3)], 10)
    c.close()
    print(json.dumps({'done': done, 'aborted': aborted,
                      'committed': sum(tp.offset for tp in committed)}))
elif mode == 'read':
    print(json.dumps(read_committed(sys.argv[3], int(sys.argv[4]))))
elif mode == 'zombie':
    dst = sys.argv[3]
    old = Producer({'bootstrap.servers': bootstrap, 'transactional.id': 'py-zombie'})
    old.init_transactions(30)
    old.begin_transaction()
    old.produce(dst, value=b'zombie-open')
    old.flush(10)
    new = Producer({'bootstrap.servers': bootstrap, 'transactional.id': 'py-zombie'})
    new.init_transactions(30)
    fenced = None
    try:
        old.commit_transaction(30)
    except KafkaException as e:
        fenced = {'fatal': e.args[0].fatal(), 'name': e.args[0].name()}
    new.begin_transaction()
    new.produce(dst, value=b'successor')
    new.commit_transaction(30)
    print(json.dumps({'fenced': fenced}))
`

let cluster: TestCluster

beforeAll(async () => {
  cluster = await startTestCluster()
  for (const topic of [INPUT, OUTPUT])
    cluster.engine.createTopic({ name: topic, partitions: 3, replicationFactor: 2 })
  // Batched, as librdkafka sends them.
  const lines = Array.from({ length: COUNT }, (_, i) => `k${i}:in-${i}`).join('\n') + '\n'
  const res = await kcat(
    [
      '-P',
      '-b',
      cluster.bootstrap,
      '-t',
      INPUT,
      '-K',
      ':',
      '-X',
      'linger.ms=50',
      '-X',
      'batch.num.messages=40'
    ],
    lines
  )
  expect(res.code, res.stderr).toBe(0)
})
afterAll(async () => {
  await cluster?.close()
})

async function py(args: string[]): Promise<unknown> {
  const res = await python(SCRIPT, args, 120_000)
  expect(res.code, res.stderr).toBe(0)
  return JSON.parse(res.stdout.trim().split('\n').at(-1) ?? 'null')
}

describe('confluent-kafka-python and kcat transactions', () => {
  it('consume-transform-produce: each input once in the output, the group offsets at the input ends', async () => {
    const r = (await py(['transform', cluster.bootstrap, INPUT, OUTPUT, GROUP, String(COUNT)])) as {
      done: number
      aborted: number
      committed: number
    }
    expect(r.done).toBe(COUNT)
    expect(r.aborted).toBeGreaterThan(0)
    expect(r.committed).toBe(COUNT)
    const values = (await py(['read', cluster.bootstrap, OUTPUT, '3'])) as string[]
    expect(values.filter((v) => !v.startsWith('out-'))).toEqual([])
    expect(values.sort()).toEqual(Array.from({ length: COUNT }, (_, i) => `out-in-${i}`).sort())
  })

  it('kcat with isolation.level=read_committed reads only committed records', async () => {
    const read = async (isolation: string) => {
      const res = await kcat([
        '-C',
        '-b',
        cluster.bootstrap,
        '-t',
        OUTPUT,
        '-o',
        'beginning',
        '-e',
        '-q',
        '-X',
        `isolation.level=${isolation}`,
        '-f',
        '%s\\n'
      ])
      expect(res.code, res.stderr).toBe(0)
      return res.stdout.split('\n').filter((l) => l !== '')
    }
    const committed = await read('read_committed')
    expect(committed.length).toBeGreaterThanOrEqual(COUNT)
    expect(committed.filter((v) => v.startsWith('aborted-'))).toEqual([])
    // The aborted records are in the log: read_uncommitted shows them.
    expect((await read('read_uncommitted')).filter((v) => v.startsWith('aborted-')).length).toBe(
      COUNT
    )
  })

  it('a newer instance of a transactional id fences the zombie; its open records never show', async () => {
    const r = (await py(['zombie', cluster.bootstrap, OUTPUT])) as {
      fenced: { fatal: boolean; name: string } | null
    }
    expect(r.fenced).not.toBeNull()
    expect(r.fenced?.name).toMatch(/FENCED|EPOCH/)
    const values = (await py(['read', cluster.bootstrap, OUTPUT, '3'])) as string[]
    expect(values).toContain('successor')
    expect(values).not.toContain('zombie-open')
  })
})
