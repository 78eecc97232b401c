// Crash safety of the partition log: a child appending batches is SIGKILLed at random points 20
// times; every acknowledged record must read back, with contiguous offsets and no duplicates.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { LogManager } from '../../src/engine/log/log-manager'
import { TopicRegistry } from '../../src/engine/log/topic-registry'
import { decodeBatch } from '../../src/engine/records'
import { openDatabase } from '../../src/engine/storage/database'

const CHILD = fileURLToPath(new URL('../crash/append-child.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'logdeck-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Ack {
  baseOffset: number
  lastOffset: number
  firstValue: string
}

/** Runs the child until it has acknowledged some appends, kills it, returns its acks. */
function runAndKill(run: number, cleaner: boolean): Promise<{ acks: Ack[]; startEnd: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, dir, String(run), cleaner ? '1' : '0'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    const acks: Ack[] = []
    let startEnd = -1
    let buffered = ''
    let stderr = ''
    let killAfter = 0
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const [kind, a, b, c] = line.split(' ')
        if (kind === 'ready') {
          startEnd = Number(a)
          // Kill at a random point: somewhere within the next ~300 acknowledged appends.
          killAfter = 1 + Math.floor(Math.random() * 300)
        } else if (kind === 'ack') {
          acks.push({ baseOffset: Number(a), lastOffset: Number(b), firstValue: c })
          if (acks.length === killAfter) child.kill('SIGKILL')
        }
      }
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ acks, startEnd })
      else reject(new Error(`child exited with ${code}: ${stderr}`))
    })
  })
}

describe('partition log crash safety', () => {
  it('keeps every acknowledged append across 20 SIGKILLs', async () => {
    const acked: Ack[] = []
    for (let run = 0; run < 20; run++) {
      const { acks, startEnd } = await runAndKill(run, run % 2 === 1)
      expect(acks.length).toBeGreaterThan(0)
      // Each run continues exactly where the committed log ended.
      expect(acks[0].baseOffset).toBe(startEnd)
      acked.push(...acks)

      const db = openDatabase({ dataDir: dir })
      try {
        const topic = new TopicRegistry(db).require('crash')
        const log = new LogManager(db).log(topic.id, 0)
        expect(log.logStartOffset).toBe(0)
        const values = new Map<number, string>()
        let expected = 0
        for (const b of log.read(0, 1 << 30)) {
          for (const r of decodeBatch(b).records) {
            // Contiguous offsets, each once.
            expect(r.offset).toBe(expected++)
            values.set(r.offset, r.value!.toString())
          }
        }
        expect(expected).toBe(log.logEndOffset)
        expect(new Set(values.values()).size).toBe(values.size)
        for (const ack of acked) {
          expect(ack.lastOffset).toBeLessThan(log.logEndOffset)
          expect(values.get(ack.baseOffset)).toBe(ack.firstValue)
        }
      } finally {
        db.close()
      }
    }
  })
})
