// Run as a process of its own by cleaner-worker-close.test.ts: starts the log cleaner's worker and
// closes it again and again, from at once to 60 ms later, each close coming while the worker may
// still be loading SQLite's native module. Prints "closed N" when every round is done.
import { mkdtempSync, rmSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/engine/storage/database'
import { WorkerRunner } from '../../src/engine/log/cleaner-runner'
import { findWorkerEntry } from '../../src/engine/workers/worker-entry'

const rounds = Number(process.argv[2] ?? 20)
const dataDir = mkdtempSync(join(tmpdir(), 'logdeck-cleaner-close-'))
const db = openDatabase({ dataDir })
const found = findWorkerEntry('cleaner')
if (!found) throw new Error('no cleaner worker entry')
const entry = found

async function main(): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const runner = new WorkerRunner(db, {
      entry,
      checkpointIntervalMs: 250,
      walRestartBytes: 64 << 20,
      onError: () => {}
    })
    runner.start()
    // Closed at another moment of the worker's start each round.
    await sleep(i % 60)
    await runner.close()
  }
  db.close()
  rmSync(dataDir, { recursive: true, force: true })
  console.log(`closed ${rounds}`)
}

void main()
