// A data directory opened without one of the brokers it keeps is refused by the engine, which
// names the ids that open it; `logdeck serve` and startCluster each say how to give them in
// their own words: the serve flag (--broker-ids 1,2,3, or --brokers 5 for brokers 0 to 4), the
// library option (brokerIds: [1, 2, 3], or brokers: 5).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { serve } from '../../../src/server/serve'
import { startCluster, ApiError } from '../../../src/server/library'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-data-dir-ids-'))
  dirs.push(dir)
  return dir
}

/** `logdeck serve FLAGS` on the data directory, closed at once; rejects as serve does. */
async function serveOnce(dir: string, ...flags: string[]): Promise<void> {
  const opts = parseServeArgs([
    '--data-dir',
    dir,
    '--port',
    '0',
    '--no-ui',
    '--no-schema-registry',
    ...flags
  ])
  const running = await serve(opts, () => undefined)
  await running.close()
}

async function refusal(start: Promise<unknown>): Promise<unknown> {
  return start.then(
    () => {
      throw new Error('opened')
    },
    (err: unknown) => err
  )
}

describe('logdeck serve on a data directory without one of its brokers', () => {
  it('names --broker-ids for brokers of their own ids', async () => {
    const dir = dataDir()
    await serveOnce(dir, '--broker-ids', '1,2,3')
    const err = await refusal(serveOnce(dir))
    expect((err as Error).message).toBe(
      'The data directory holds a cluster of brokers 1, 2, 3, but it is opened with brokers 0, 1, 2, without broker 3: open it with broker ids 1,2,3 (logdeck serve --broker-ids 1,2,3), or use another data directory'
    )
  })

  it('names --brokers N for brokers 0 to N-1', async () => {
    const dir = dataDir()
    await serveOnce(dir, '--brokers', '5')
    const err = await refusal(serveOnce(dir))
    expect((err as Error).message).toBe(
      'The data directory holds a cluster of brokers 0, 1, 2, 3, 4, but it is opened with brokers 0, 1, 2, without brokers 3, 4: open it with broker ids 0,1,2,3,4 (logdeck serve --brokers 5), or use another data directory'
    )
  })
})

describe('startCluster on a data directory without one of its brokers', () => {
  it('names the brokerIds option for brokers of their own ids, as a BAD_REQUEST on brokerIds', async () => {
    const dir = dataDir()
    await (await startCluster({ dataDir: dir, brokerIds: [1, 2, 3] })).close()
    const err = await refusal(startCluster({ dataDir: dir, brokers: 3 }))
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'BAD_REQUEST', field: 'brokerIds' })
    expect((err as Error).message).toBe(
      'The data directory holds a cluster of brokers 1, 2, 3, but it is opened with brokers 0, 1, 2, without broker 3: open it with broker ids 1,2,3 (startCluster({ brokerIds: [1, 2, 3] })), or use another data directory'
    )
    expect((err as Error).message).not.toContain('--')
    // Opened with them, it starts.
    await (await startCluster({ dataDir: dir, brokerIds: [1, 2, 3] })).close()
  })

  it('names the brokers option for brokers 0 to N-1, as a BAD_REQUEST on brokers', async () => {
    const dir = dataDir()
    await (await startCluster({ dataDir: dir, brokers: 5 })).close()
    const err = await refusal(startCluster({ dataDir: dir, brokerIds: [0, 1, 2] }))
    expect(err).toMatchObject({ code: 'BAD_REQUEST', field: 'brokers' })
    expect((err as Error).message).toBe(
      'The data directory holds a cluster of brokers 0, 1, 2, 3, 4, but it is opened with brokers 0, 1, 2, without brokers 3, 4: open it with broker ids 0,1,2,3,4 (startCluster({ brokers: 5 })), or use another data directory'
    )
  })
})
