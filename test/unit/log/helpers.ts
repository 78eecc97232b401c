// Shared set-up for the partition log tests: a database with topics, logs and batch builders.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { LogManager } from '../../../src/engine/log/log-manager'
import { TopicRegistry } from '../../../src/engine/log/topic-registry'
import {
  type EncodeBatchOptions,
  type RecordInput,
  decodeBatch,
  encodeBatch
} from '../../../src/engine/records'
import { type Db, openDatabase } from '../../../src/engine/storage/database'

export interface Harness {
  db: Db
  topics: TopicRegistry
  logs: LogManager
  dataDir: string
  /** Creates a topic and configures its logs; returns its id. */
  topic(name: string, partitions?: number, configs?: Record<string, string>): number
  /** Closes and reopens the same data directory (file databases only). */
  reopen(): Harness
  close(): void
}

const cleanups: Array<() => void> = []

/** Closes every harness and removes temp directories; call from afterEach. */
export function cleanup(): void {
  for (const c of cleanups.splice(0).reverse()) c()
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-log-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export function harness(dataDir = ':memory:'): Harness {
  const db = openDatabase({ dataDir })
  const topics = new TopicRegistry(db)
  const logs = new LogManager(db)
  for (const t of topics.list()) logs.configureTopic(t.id, topics.effectiveConfigs(t))
  let closed = false
  const h: Harness = {
    db,
    topics,
    logs,
    dataDir,
    topic(name, partitions = 1, configs = {}) {
      const t = topics.create({
        name,
        replicaAssignment: Array.from({ length: partitions }, () => [0]),
        configs
      })
      logs.configureTopic(t.id, topics.effectiveConfigs(t))
      return t.id
    },
    reopen() {
      h.close()
      return harness(dataDir)
    },
    close() {
      if (closed) return
      closed = true
      db.close()
    }
  }
  cleanups.push(() => h.close())
  return h
}

/** `count` records `k<i>` / `v<i>` (or the given values), timestamped `timestamp`. */
export function records(
  count: number,
  opts: { from?: number; timestamp?: number } = {}
): RecordInput[] {
  const from = opts.from ?? 0
  return Array.from({ length: count }, (_, i) => ({
    key: `k${from + i}`,
    value: `v${from + i}`,
    timestamp: opts.timestamp
  }))
}

/** One produced batch, as a client would send it (baseOffset 0). */
export function batch(input: RecordInput[], options: EncodeBatchOptions = {}): Buffer {
  return encodeBatch(input, { now: options.now ?? Date.now(), ...options })
}

/** Records of the stored batches as [offset, key, value] triples (null value: tombstone). */
export function contents(batches: Buffer[]): Array<[number, string | null, string | null]> {
  return batches.flatMap((b) =>
    decodeBatch(b).records.map((r): [number, string | null, string | null] => [
      r.offset,
      r.key?.toString() ?? null,
      r.value?.toString() ?? null
    ])
  )
}

/** Runs `fn` and returns the error's Kafka code, failing when it does not throw. */
export function errorCode(fn: () => unknown): number {
  try {
    fn()
  } catch (err) {
    const code = (err as { code?: unknown }).code
    expect(typeof code).toBe('number')
    return code as number
  }
  throw new Error('expected a failure')
}
