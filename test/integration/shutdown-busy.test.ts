// A 3-broker cluster with a data directory closed while real clients keep it busy (kcat and
// kafkajs producing, a consumer group rebalancing, a Fetch long-poll, a share consumer, a
// transaction open), at a different moment in each round: nothing throws (no uncaught exception
// or unhandled rejection in this process), and after a restart from the data directory every
// record the producers had acknowledged is in the log.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startTestCluster } from '../support/cluster'
import {
  createBusyTopics,
  missingAcknowledged,
  noneAcknowledged,
  startBusyClients
} from '../support/busy-clients'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-shutdown-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** How long after every client is busy each round closes the cluster, in ms. */
const CLOSE_AFTER = [0, 5, 20, 50, 100, 150, 250, 400, 600, 900]

describe('closing a cluster with busy clients', () => {
  it('throws nothing and keeps every acknowledged record', async () => {
    const thrown: string[] = []
    const onError = (err: unknown) =>
      thrown.push(err instanceof Error ? (err.stack ?? err.message) : String(err))
    process.on('uncaughtException', onError)
    process.on('unhandledRejection', onError)
    const acknowledged = noneAcknowledged()
    try {
      for (const [round, delay] of CLOSE_AFTER.entries()) {
        const cluster = await startTestCluster({ dataDir: dir })
        let closed = false
        try {
          if (round === 0) await createBusyTopics(cluster.bootstrap)
          // What earlier rounds were told is written came back with the restart.
          expect(await missingAcknowledged(cluster.bootstrap, acknowledged)).toEqual([])
          const clients = startBusyClients(cluster.bootstrap, round, acknowledged)
          try {
            await clients.busy()
            await new Promise((r) => setTimeout(r, delay))
            await cluster.close()
            closed = true
          } finally {
            await clients.stop()
          }
          expect(thrown.join('\n---\n'), `round ${round}:\n${clients.describe()}`).toBe('')
          // A request the brokers took in is answered or dropped, never failed by a shut database.
          expect(cluster.logs.filter((l) => /request failed|not open/.test(l))).toEqual([])
        } finally {
          if (!closed) await cluster.close()
        }
      }
      const cluster = await startTestCluster({ dataDir: dir })
      try {
        expect(await missingAcknowledged(cluster.bootstrap, acknowledged)).toEqual([])
      } finally {
        await cluster.close()
      }
      expect(acknowledged.kcat.size).toBeGreaterThan(0)
      expect(thrown.join('\n---\n')).toBe('')
    } finally {
      process.off('uncaughtException', onError)
      process.off('unhandledRejection', onError)
    }
  }, 600_000)
})
