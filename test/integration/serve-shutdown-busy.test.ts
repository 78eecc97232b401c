// `logdeck serve` with a data directory, SIGTERMed while real clients keep its 3 brokers busy
// (kcat and kafkajs producing, a consumer group rebalancing, a Fetch long-poll, a share consumer,
// a transaction open), at a different moment in each round: it exits with code 0 and nothing on
// stderr looks like a stack trace, and the next start finds every record the producers had been
// told was written.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startServe } from '../support/serve-process'
import {
  createBusyTopics,
  missingAcknowledged,
  noneAcknowledged,
  startBusyClients
} from '../support/busy-clients'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-serve-shutdown-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** How long after every client is busy each round sends SIGTERM, in ms. */
const SIGTERM_AFTER = [0, 50, 300]

const serve = () =>
  startServe([
    '--data-dir',
    dir,
    '--brokers',
    '3',
    '--port',
    '0',
    '--ui-port',
    '0',
    '--schema-registry-port',
    '0'
  ])

describe('logdeck serve SIGTERMed with busy clients', () => {
  it('exits with code 0, prints no stack trace and keeps every acknowledged record', async () => {
    const acknowledged = noneAcknowledged()
    for (const [round, delay] of SIGTERM_AFTER.entries()) {
      const server = await serve()
      try {
        if (round === 0) await createBusyTopics(server.bootstrap)
        expect(await missingAcknowledged(server.bootstrap, acknowledged)).toEqual([])
        const clients = startBusyClients(server.bootstrap, round, acknowledged)
        let code: number | null
        try {
          await clients.busy()
          await new Promise((r) => setTimeout(r, delay))
          code = await server.stop('SIGTERM')
        } finally {
          await clients.stop()
        }
        expect({ code, output: server.output() }).toEqual({
          code: 0,
          output: expect.not.stringMatching(/\n\s+at |Error|request failed|not open/)
        })
        expect(server.output()).toMatch(/^stopped$/m)
      } finally {
        await server.stop('SIGKILL')
      }
    }
    const server = await serve()
    try {
      expect(await missingAcknowledged(server.bootstrap, acknowledged)).toEqual([])
      expect(acknowledged.kcat.size).toBeGreaterThan(0)
    } finally {
      await server.stop()
    }
  }, 600_000)
})
