// `logdeck serve` on a 20 MiB tmpfs, for the tests of what a full disk does. Linux only, and only
// where a tmpfs can be mounted (root): `mounted` says whether the tests can run.
import { afterAll, beforeAll } from 'vitest'
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Kafka, logLevel, type Producer } from 'kafkajs'
import { startServe, type ServeProcess } from './serve-process'
import { mountTmpfs } from './tmpfs'

export const MiB = 1024 * 1024

export type Storage = { state: string; advice: string; freeBytes: number | null }

export interface FullDiskServe {
  readonly mounted: boolean
  /** The running server (set once the file's beforeAll ran). */
  server(): ServeProcess
  /** A kafkajs client of it, without retries. */
  kafka(): Kafka
  api(method: string, params?: unknown): Promise<{ status: number; body: Record<string, unknown> }>
  storage(): Promise<Storage>
}

/**
 * Mounts the tmpfs now, and registers the file's hooks: one broker serving from the tmpfs with a
 * 4 MiB storage reserve, started before the tests and stopped and unmounted after them.
 */
export function fullDiskServe(name: string): FullDiskServe {
  const token = `${name}-token`
  const disk = mountTmpfs(name, 20)
  const mounted = disk.mounted
  let server: ServeProcess | undefined
  let kafka: Kafka | undefined

  beforeAll(async () => {
    if (!mounted) return
    const dataDir = join(disk.dir, 'data')
    mkdirSync(dataDir)
    server = await startServe([
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--ui-port',
      '0',
      '--brokers',
      '1',
      '--token',
      token,
      '--storage-reserve-bytes',
      String(4 * MiB)
    ])
    kafka = new Kafka({
      clientId: name,
      brokers: server.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 }
    })
  })

  afterAll(async () => {
    try {
      await server?.stop()
    } finally {
      disk.unmount()
    }
  })

  const api = async (method: string, params: unknown = {}) => {
    const res = await fetch(`${running().apiBase}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(params)
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  const running = (): ServeProcess => {
    if (!server) throw new Error('the full-disk server has not started')
    return server
  }
  return {
    mounted,
    server: running,
    kafka: () => {
      if (!kafka) throw new Error('the full-disk server has not started')
      return kafka
    },
    api,
    storage: async () => (await api('cluster.describe')).body.storage as Storage
  }
}

/** Kafka error type names along an error's cause chain (kafkajs wraps the broker's answer). */
export function errorTypes(err: unknown): string[] {
  const types: string[] = []
  for (let e = err as Record<string, unknown> | undefined; e;) {
    if (typeof e.type === 'string') types.push(e.type)
    e = (e.originalError ?? e.cause) as Record<string, unknown> | undefined
  }
  return types
}

/** Sends one batch of incompressible records; the error's Kafka types, or [] when it went in. */
export async function sendBatch(producer: Producer, topic: string, count: number, size: number) {
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: count }, () => ({ value: randomBytes(size) }))
    })
    return []
  } catch (err) {
    return errorTypes(err)
  }
}
