// Exactly-once through a leader broker stop: confluent-kafka-python (librdkafka) runs the
// consume-transform-produce loop over 10,000 records while the broker leading the input and output
// partitions, and coordinating both the transactional id and the group, is stopped through the
// contract (brokers.stop) and started again. The loop handles errors as Confluent's guide says
// (retry a retriable commit, abort and rewind to the committed offsets on an abortable error);
// a read_committed reader then finds each input exactly once in the output.
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat, python } from '../../support/external-clients'
import { kafkaRequest } from '../../support/kafka-request'
import { waitFor } from '../../support/wait-for'
import { ApiKey } from '../../../src/engine/kafka/protocol'

const INPUT = 'eos-input'
const OUTPUT = 'eos-output'
const COUNT = 10_000
const TRANSACTIONAL_ID = 'eos-transformer'

const SCRIPT = `
import json, sys
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

mode, bootstrap = sys.argv[1:3]

if mode == 'transform':
    src, dst, group, txn_id = sys.argv[3:7]
    count, hold_at, pause_at = int(sys.argv[7]), int(sys.argv[8]), int(sys.argv[9])
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'earliest',
                  'enable.auto.commit': False, 'isolation.level': 'read_committed',
                  'session.timeout.ms': 30000})
    c.subscribe([src])
    p = Producer({'bootstrap.servers': bootstrap, 'transactional.id': txn_id, 'linger.ms': 5,
                  'transaction.timeout.ms': 60000})
    p.init_transactions(60)
    committed = 0
    stats = {'commits': 0, 'aborts': 0, 'retries': 0, 'errors': []}

    def rewind():
        # Back to what the group committed: the aborted batch is read and sent again.
        assignment = c.assignment()
        for tp in c.committed(assignment, 30):
            c.seek(TopicPartition(tp.topic, tp.partition, tp.offset if tp.offset >= 0 else 0))

    while committed < count:
        batch = [m for m in c.consume(250, 1) if not m.error()]
        if not batch:
            continue
        try:
            p.begin_transaction()
            for m in batch:
                p.produce(dst, key=m.key(), value=b'out-' + m.value())
            p.send_offsets_to_transaction(c.position(c.assignment()), c.consumer_group_metadata(), 60)
            if hold_at and committed >= hold_at:
                # Holds this transaction open (records sent, offsets added, no EndTxn yet) until
                # told to go on, so the broker is stopped in the middle of it.
                hold_at = 0
                print('holding', flush=True)
                sys.stdin.readline()
            while True:
                try:
                    p.commit_transaction(60)
                    break
                except KafkaException as e:
                    if not e.args[0].retriable():
                        raise
                    stats['retries'] += 1
                    stats['errors'].append(e.args[0].name())
            stats['commits'] += 1
            committed = sum(max(tp.offset, 0) for tp in c.position(c.assignment()))
            if pause_at and committed >= pause_at:
                # Holds still until told to go on, so the rest runs after the broker's restart.
                pause_at = 0
                print('paused', flush=True)
                sys.stdin.readline()
        except KafkaException as e:
            err = e.args[0]
            stats['errors'].append(err.name())
            if not err.txn_requires_abort():
                raise
            p.abort_transaction(60)
            stats['aborts'] += 1
            rewind()
    c.close()
    print(json.dumps(stats), flush=True)
elif mode == 'read':
    topic, partitions = sys.argv[3], int(sys.argv[4])
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'eos-reader',
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
    print(json.dumps(values))
`

let cluster: TestCluster

/**
 * The broker FindCoordinator names for a key (0: a group, 1: a transactional id), asked of a
 * running broker other than the one the test stops (which may be any: the coordinators are the
 * leaders of the internal topics' partitions, placed anew each run).
 */
async function coordinatorOf(keyType: number, key: string): Promise<number> {
  const asked = cluster.listeners.find((l) => l.brokerId !== stopped) ?? cluster.listeners[0]
  const { body } = await kafkaRequest(asked.port, ApiKey.FindCoordinator, 4, {
    keyType,
    coordinatorKeys: [key]
  })
  return body.coordinators[0].nodeId
}

async function committedOffset(groupId: string): Promise<number> {
  const g = await cluster.service.call('groups.describe', { groupId }).catch(() => null)
  return g?.offsets.reduce((sum, o) => sum + Math.max(o.committedOffset, 0), 0) ?? 0
}

let group = ''
let stopped = -1

beforeAll(async () => {
  cluster = await startTestCluster()
  // The broker to stop coordinates the transactional id; a group it coordinates too is chosen,
  // and it leads the input and every output partition.
  stopped = await coordinatorOf(1, TRANSACTIONAL_ID)
  for (let i = 0; group === ''; i++)
    if ((await coordinatorOf(0, `eos-group-${i}`)) === stopped) group = `eos-group-${i}`
  const others = [0, 1, 2].filter((b) => b !== stopped)
  cluster.engine.createTopic({
    name: INPUT,
    partitions: 1,
    replicationFactor: 3,
    assignment: [[stopped, ...others]]
  })
  cluster.engine.createTopic({
    name: OUTPUT,
    partitions: 3,
    replicationFactor: 3,
    assignment: [
      [stopped, ...others],
      [stopped, ...others.reverse()],
      [stopped, ...others]
    ]
  })
  const lines = Array.from({ length: COUNT }, (_, i) => `k${i}:in-${i}`).join('\n') + '\n'
  const res = await kcat(
    ['-P', '-b', cluster.bootstrap, '-t', INPUT, '-K', ':', '-X', 'linger.ms=20'],
    lines,
    120_000
  )
  expect(res.code, res.stderr).toBe(0)
})
afterAll(async () => {
  await cluster?.close()
})

/** The transformer as a child process that says when it holds or pauses, and goes on when told. */
function startTransformer(args: string[]) {
  const child = spawn('/usr/bin/python3', ['-c', SCRIPT, ...args], { stdio: 'pipe' })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  let code: number | null | undefined
  void exited.then((c) => (code = c))
  const failed = () => {
    if (code !== undefined && code !== 0)
      throw new Error(`the transformer exited ${code}: ${stderr}`)
  }
  return {
    holding: () => (failed(), stdout.includes('holding\n')),
    paused: () => (failed(), stdout.includes('paused\n')),
    goOn: () => child.stdin.write('go\n'),
    failed,
    done: async () => ({ code: await exited, stdout, stderr }),
    kill: () => child.kill('SIGKILL')
  }
}

describe('exactly-once through a leader broker stop', () => {
  it('confluent-kafka-python: 10,000 records transformed once each while the leader and coordinators stop and start', async () => {
    const transformer = startTransformer([
      'transform',
      cluster.bootstrap,
      INPUT,
      OUTPUT,
      group,
      TRANSACTIONAL_ID,
      String(COUNT),
      String(Math.round(COUNT / 3)),
      String(Math.round((2 * COUNT) / 3))
    ])
    try {
      // The stop comes while a transaction is open: records sent, offsets added, no EndTxn yet.
      await waitFor('an open transaction past a third of the input', transformer.holding, 300_000)
      const { transactions } = await cluster.service.call('transactions.list', {})
      const open = transactions.find((x) => x.transactionalId === TRANSACTIONAL_ID)
      expect(open?.state).toBe('Ongoing')
      expect(open?.partitions.length).toBeGreaterThan(0)
      expect(await committedOffset(group)).toBeGreaterThanOrEqual(COUNT / 3)
      await cluster.service.call('brokers.stop', { brokerId: stopped })
      transformer.goOn()
      const leaders = () => cluster.engine.topic(OUTPUT)!.partitions.map((p) => p.leader)
      expect(leaders()).not.toContain(stopped)
      const taking = await coordinatorOf(1, TRANSACTIONAL_ID)
      expect(taking).not.toBe(stopped)
      expect(await coordinatorOf(0, group)).not.toBe(stopped)
      // The rest of the second third goes through the other brokers, then the broker returns.
      await waitFor('two thirds transformed with the broker stopped', transformer.paused, 300_000)
      await cluster.service.call('brokers.start', { brokerId: stopped })
      // As in Kafka, the leader of the id's __transaction_state partition stays its coordinator
      // until a preferred leader election gives the partition back.
      expect(await coordinatorOf(1, TRANSACTIONAL_ID)).toBe(taking)
      transformer.goOn()
      const r = await transformer.done()
      expect(r.code, r.stderr).toBe(0)
      const stats = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? 'null') as {
        commits: number
        aborts: number
        retries: number
        errors: string[]
      }
      expect(stats.commits).toBeGreaterThan(0)
    } finally {
      transformer.kill()
    }
    expect(await committedOffset(group)).toBe(COUNT)

    const read = await python(SCRIPT, ['read', cluster.bootstrap, OUTPUT, '3'], 300_000)
    expect(read.code, read.stderr).toBe(0)
    const values = JSON.parse(read.stdout.trim()) as string[]
    const counts = new Map<string, number>()
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
    expect([...counts].filter(([, n]) => n > 1)).toEqual([])
    const expected = Array.from({ length: COUNT }, (_, i) => `out-in-${i}`)
    expect(expected.filter((v) => !counts.has(v))).toEqual([])
    expect(values).toHaveLength(COUNT)
    // Nothing is left open: the transactional id's last transaction completed.
    const { transactions } = await cluster.service.call('transactions.list', {})
    expect(transactions.find((t) => t.transactionalId === TRANSACTIONAL_ID)?.state).toBe(
      'CompleteCommit'
    )
  })
})
