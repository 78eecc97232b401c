// Transactions through a crash: a process serving the cluster is SIGKILLed with one transaction
// committed, one aborted and one open (its records acknowledged, no EndTxn), and another
// committed after the open one began. After a restart on the same data, a read_committed
// consumer sees every committed record once and nothing of the aborted or open transaction (the
// open one is aborted by its transaction.timeout.ms, which releases the last stable offset).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { startTestCluster } from '../support/cluster'
import { waitFor } from '../support/wait-for'

const CHILD = fileURLToPath(new URL('../crash/cluster-child.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'logdeck-txn-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const TOPIC = 'crash-txn'

function startChild(): Promise<{ bootstrap: string; kill: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('exit', (code, signal) => {
      if (signal === null) reject(new Error(`child exited ${code}: ${err}`))
    })
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /ready (\S+)\n/.exec(out)
      if (m)
        resolve({
          bootstrap: m[1],
          kill: () =>
            new Promise((done) => {
              child.once('exit', () => done())
              child.kill('SIGKILL')
            })
        })
    })
  })
}

function client(bootstrap: string) {
  return new Kafka({
    clientId: 'it-txn-crash',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 10 }
  })
}

describe('transactions through a SIGKILL', () => {
  it('after a restart read_committed sees all committed records and nothing aborted or open', async () => {
    const child = await startChild()
    const kafka = client(child.bootstrap)
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2, replicationFactor: 2 }] })
    await admin.disconnect()
    const send = async (
      id: string,
      values: string[],
      end: 'commit' | 'abort' | 'open',
      timeout = 60_000
    ) => {
      const p = kafka.producer({
        transactionalId: id,
        maxInFlightRequests: 1,
        transactionTimeout: timeout
      })
      await p.connect()
      const txn = await p.transaction()
      await txn.send({ topic: TOPIC, messages: values.map((value) => ({ key: value, value })) })
      if (end === 'commit') await txn.commit()
      if (end === 'abort') await txn.abort()
      return p
    }
    const committed = Array.from({ length: 40 }, (_, i) => `committed-${i}`)
    await send('crash-a', committed.slice(0, 20), 'commit')
    await send('crash-b', ['aborted-0', 'aborted-1', 'aborted-2'], 'abort')
    await send('crash-c', ['open-0', 'open-1', 'open-2', 'open-3'], 'open', 3000)
    await send('crash-d', committed.slice(20), 'commit')
    await child.kill()

    const cluster = await startTestCluster({ dataDir: dir })
    try {
      const reader = client(cluster.bootstrap).consumer({
        groupId: 'crash-reader',
        maxWaitTimeInMs: 100
      })
      const seen: string[] = []
      await reader.connect()
      await reader.subscribe({ topics: [TOPIC], fromBeginning: true })
      await reader.run({
        eachMessage: async ({ message }) => {
          seen.push(String(message.value))
        }
      })
      await waitFor('every committed record read', () => seen.length >= committed.length)
      await reader.disconnect()
      expect(seen.filter((v) => !v.startsWith('committed-'))).toEqual([])
      expect(seen.sort()).toEqual([...committed].sort())
      expect(cluster.engine.describeTransaction('crash-c')?.state).toBe('CompleteAbort')
    } finally {
      await cluster.close()
    }
  })
})
