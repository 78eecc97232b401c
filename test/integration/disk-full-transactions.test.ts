// Ending a transaction on a full disk: `logdeck serve` on a 20 MiB tmpfs. A confluent-kafka-python
// producer's commit_transaction while the disk is full gets a retriable error and nothing of the
// commit is written (the transaction stays open, no marker); once a delete gives space back, the
// same commit goes through and read_committed readers see the records.
// Linux only, and only where a tmpfs can be mounted (root); skipped elsewhere.
import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { fullDiskServe, sendBatch } from '../support/full-disk'
import { waitFor } from '../support/wait-for'

const { mounted, server, kafka, api, storage } = fullDiskServe('disk-full-txn')

const SCRIPT = `
import json, sys
from confluent_kafka import KafkaException, Producer
bootstrap, topic = sys.argv[1:3]
p = Producer({'bootstrap.servers': bootstrap, 'transactional.id': 'full-disk-writer'})
p.init_transactions(30)
p.begin_transaction()
for i in range(50):
    p.produce(topic, value=b'txn-%d' % i, partition=0)
p.flush(30)
print('produced', flush=True)
sys.stdin.readline()
try:
    p.commit_transaction(5)
    print(json.dumps({'first': 'committed'}), flush=True)
except KafkaException as e:
    err = e.args[0]
    print(json.dumps({'first': err.name(), 'retriable': err.retriable(),
                      'abortable': err.txn_requires_abort(), 'fatal': err.fatal()}), flush=True)
sys.stdin.readline()
p.commit_transaction(60)
print(json.dumps({'second': 'committed'}), flush=True)
`

function startWriter(topic: string) {
  const child = spawn('/usr/bin/python3', ['-c', SCRIPT, server().bootstrap, topic], {
    stdio: 'pipe'
  })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d))
  const lines = () => out.split('\n').filter((l) => l.startsWith('{'))
  return {
    said: (what: string) => out.includes(what),
    last: () => JSON.parse(lines().at(-1) ?? 'null') as Record<string, unknown> | null,
    go: () => child.stdin.write('go\n'),
    output: () => `${out}\n${err}`,
    kill: () => child.kill('SIGKILL')
  }
}

type Row = { offset: number; value: string | null; marker?: { outcome: string } }
async function rows(topic: string, isolation: string) {
  const r = await api('messages.read', {
    topic,
    partition: 0,
    from: 'earliest',
    limit: 1000,
    isolation,
    controlMarkers: true
  })
  return r.body.records as Row[]
}

describe.skipIf(!mounted)('ending a transaction on a full disk (20 MiB tmpfs)', () => {
  it('EndTxn gets a retriable error and writes nothing; the commit goes through once space returns', async () => {
    for (const name of ['fill', 'ledger'])
      expect(
        (await api('topics.create', { name, partitions: 1, replicationFactor: 1 })).status
      ).toBe(200)
    const writer = startWriter('ledger')
    try {
      await waitFor('the transaction to be written', () => writer.said('produced\n'), 60_000)
      const producer = kafka().producer({ allowAutoTopicCreation: false })
      await producer.connect()
      let refused: string[] = []
      for (let i = 0; i < 400 && refused.length === 0; i++)
        refused = await sendBatch(producer, 'fill', 20, 16 * 1024)
      await producer.disconnect()
      expect(refused).toContain('KAFKA_STORAGE_ERROR')
      expect((await storage()).state).toBe('full')

      writer.go()
      await waitFor('the first commit to be answered', () => writer.last() !== null, 60_000)
      expect(writer.last()).toMatchObject({ retriable: true, abortable: false, fatal: false })
      // Nothing of the commit was written: still open, no marker, nothing for read_committed.
      const listed = (await api('transactions.list')).body.transactions as {
        transactionalId: string
        state: string
      }[]
      expect(listed.find((t) => t.transactionalId === 'full-disk-writer')?.state).toBe('Ongoing')
      const before = await rows('ledger', 'read_uncommitted')
      expect(before).toHaveLength(50)
      expect(before.filter((r) => r.marker)).toEqual([])
      expect(await rows('ledger', 'read_committed')).toEqual([])

      expect((await api('topics.delete', { name: 'fill' })).status).toBe(200)
      await waitFor('space to return', async () => (await storage()).state !== 'full')
      writer.go()
      await waitFor('the commit to go through', () => writer.said('"second"'), 60_000).catch(
        (e: Error) => {
          throw new Error(`${e.message}\n${writer.output()}`)
        }
      )
      const after = await rows('ledger', 'read_committed')
      expect(after.filter((r) => !r.marker).map((r) => r.value)).toEqual(
        Array.from({ length: 50 }, (_, i) => `txn-${i}`)
      )
      expect(after.filter((r) => r.marker).map((r) => r.marker?.outcome)).toEqual(['commit'])
    } finally {
      writer.kill()
    }
  })
})
