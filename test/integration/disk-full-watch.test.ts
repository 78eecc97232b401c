// The storage state follows the disk's free space, not only failed writes: when another file
// takes the last of a 20 MiB tmpfs, the cluster reports full and refuses records with
// KAFKA_STORAGE_ERROR before any write has failed, and takes them again once the file is gone.
// Linux only, and only where a tmpfs can be mounted (root); skipped elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { encodeBatch } from '../../src/engine/records'
import { ErrorCode } from '../../src/shared/kafka/error-codes'
import { waitForValue } from '../support/wait-for'
import { MiB } from '../support/full-disk'
import { mountTmpfs } from '../support/tmpfs'

const disk = mountTmpfs('full-watch', 20)
const mounted = disk.mounted

let cluster: TestCluster

beforeAll(async () => {
  if (!mounted) return
  const dataDir = join(disk.dir, 'data')
  mkdirSync(dataDir)
  cluster = await startTestCluster({
    dataDir,
    brokers: 1,
    storage: { reserveBytes: 2 * MiB, checkIntervalMs: 50 }
  })
  await cluster.service.call('topics.create', {
    name: 'watched',
    partitions: 1,
    replicationFactor: 1
  })
})

afterAll(async () => {
  try {
    await cluster?.close()
  } finally {
    disk.unmount()
  }
})

const storageState = async () => (await cluster.service.call('cluster.describe', {})).storage?.state

function produce(): number {
  const batch = encodeBatch([{ value: 'after the disk filled up' }], { now: Date.now() })
  return cluster.engine.appendAsLeader(cluster.engine.requireTopic('watched'), 0, batch, 1)
    .errorCode
}

describe.skipIf(!mounted)('free space watched (20 MiB tmpfs)', () => {
  it('reports full before any write fails, refuses records, and resumes when space returns', async () => {
    expect(await storageState()).toBe('ok')
    const ballast = disk.fill()
    // Nothing has been written since: the state comes from the free space alone.
    await waitForValue('the storage state to turn full', async () =>
      (await storageState()) === 'full' ? true : undefined
    )
    const status = cluster.engine.storageStatus()
    expect(status.freeBytes).toBeLessThan(MiB)
    expect(status.reserveBytes).toBe(2 * MiB)
    expect(produce()).toBe(ErrorCode.KAFKA_STORAGE_ERROR)

    rmSync(ballast)
    await waitForValue('the storage state to leave full', async () =>
      (await storageState()) !== 'full' ? true : undefined
    )
    expect(produce()).toBe(ErrorCode.NONE)
  })
})
