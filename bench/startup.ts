// Start-to-ready time and idle memory of `logdeck serve`: the time from spawning
// `node bin/logdeck.cjs serve ...` to its `ready` line (every listener accepts connections),
// median of RUNS starts, in memory and on a data directory of 1,000 topics x 10 partitions; and
// the process's resident memory (VmRSS) once it has been idle for a while after ready. The CPU time
// the process spent up to ready (user + system, all threads) is reported beside the wall time:
// it hardly moves with the load of a shared machine.
//
//   node --import tsx bench/startup.ts [--runs N] [--idle-ms N] [--topics N] [--profile]
//
// --profile starts the broker once on the 1,000-topic directory under `node --cpu-prof`, stops it
// at ready and writes bench/results/startup-profile.json (the top frames up to ready) instead.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Engine } from '../src/engine/engine'
import { commandLine } from './lib/proc'
import { summarizeProfile } from './lib/profile'
import { RESULTS_DIR, Recorder, median, round } from './lib/results'
import { startServe } from './lib/serve'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const RUNS = arg('--runs', 5)
const IDLE_MS = arg('--idle-ms', 2000)
const TOPICS = arg('--topics', 1000)
const PARTITIONS = 10
const PROFILE = args.includes('--profile')

interface StartStats {
  readyMs: number[]
  readyCpuMs: number[]
  idleRssMiB: number[]
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function starts(serveArgs: string[]): Promise<StartStats> {
  const stats: StartStats = { readyMs: [], readyCpuMs: [], idleRssMiB: [] }
  for (let i = 0; i < RUNS; i++) {
    const s = await startServe(serveArgs)
    try {
      stats.readyCpuMs.push(s.cpuMs())
      await sleep(IDLE_MS)
      stats.readyMs.push(round(s.readyMs, 1))
      stats.idleRssMiB.push(round(s.rssMiB(), 1))
    } finally {
      await s.stop()
    }
  }
  return stats
}

/** A data directory with TOPICS topics of PARTITIONS partitions (replication factor 3). */
async function bigDataDir(dir: string): Promise<number> {
  const started = performance.now()
  const engine = Engine.open({ dataDir: dir, brokers: 3, port: 0 })
  // One transaction for the thousand topics: the engine's database, past its facade.
  engine['parts'].db.transaction(() => {
    for (let t = 0; t < TOPICS; t++)
      engine.createTopic({ name: `topic-${t}`, partitions: PARTITIONS, replicationFactor: 3 })
  })()
  await engine.close()
  return performance.now() - started
}

async function profile(root: string): Promise<void> {
  const dir = join(root, 'topics')
  await bigDataDir(dir)
  const profDir = join(root, 'profile')
  const args = ['--data-dir', dir, '--no-ui', '--port', '0']
  const s = await startServe(args, ['--cpu-prof', '--cpu-prof-dir', profDir])
  await s.stop()
  const main = readdirSync(profDir).find((f) => f.split('.')[4] === '0')
  if (!main) throw new Error('no profile written')
  const file = join(RESULTS_DIR, 'startup-profile.json')
  const out = { readyMs: s.readyMs, args, mainThread: summarizeProfile(join(profDir, main), 40) }
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n')
  console.log(`  ready in ${round(s.readyMs)} ms under the profiler; summary in ${file}`)
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'logdeck-bench-startup-'))
  const rec = new Recorder('startup')
  try {
    if (PROFILE) return await profile(root)
    const memArgs = ['--in-memory', '--no-ui', '--port', '0']
    const memory = await starts(memArgs)
    const dir = join(root, 'topics')
    const buildMs = await bigDataDir(dir)
    const dirArgs = ['--data-dir', dir, '--no-ui', '--port', '0']
    const onDisk = await starts(dirArgs)
    const cmd = (a: string[]) => commandLine('node', ['bin/logdeck.cjs', 'serve', ...a])
    const bigCmd = cmd(['--data-dir', 'DIR_OF_1000_TOPICS', '--no-ui'])
    rec.figure({
      key: 'ready_in_memory_ms',
      label: 'start to ready, --in-memory --no-ui',
      value: median(memory.readyMs),
      unit: 'ms',
      target: { op: '<=', value: 300 },
      command: cmd(memArgs),
      note: `median of ${RUNS} starts: spawn of node to the ready line`
    })
    rec.figure({
      key: 'ready_1000_topics_ms',
      label: `start to ready, data dir of ${TOPICS.toLocaleString('en-US')} topics x ${PARTITIONS} partitions`,
      value: median(onDisk.readyMs),
      unit: 'ms',
      target: { op: '<=', value: 300 },
      command: bigCmd,
      note: `median of ${RUNS} starts`
    })
    rec.figure({
      key: 'ready_cpu_in_memory_ms',
      label: 'CPU time to ready, --in-memory --no-ui',
      value: median(memory.readyCpuMs),
      unit: 'ms',
      command: cmd(memArgs),
      note: `user + system time of the serve process (all threads) at its ready line, median of ${RUNS}`
    })
    rec.figure({
      key: 'ready_cpu_1000_topics_ms',
      label: `CPU time to ready, ${TOPICS.toLocaleString('en-US')} topics x ${PARTITIONS} partitions`,
      value: median(onDisk.readyCpuMs),
      unit: 'ms',
      command: bigCmd,
      note: `median of ${RUNS} starts`
    })
    rec.figure({
      key: 'idle_rss_in_memory_mib',
      label: `idle RSS after ready, --in-memory --no-ui`,
      value: median(memory.idleRssMiB),
      unit: 'MiB',
      target: { op: '<=', value: 120 },
      command: cmd(memArgs),
      note: `VmRSS of the serve process ${IDLE_MS} ms after ready, median of ${RUNS}`
    })
    rec.figure({
      key: 'idle_rss_1000_topics_mib',
      label: `idle RSS after ready, ${TOPICS.toLocaleString('en-US')} topics x ${PARTITIONS} partitions`,
      value: median(onDisk.idleRssMiB),
      unit: 'MiB',
      target: { op: '<=', value: 120 },
      command: bigCmd
    })
    Object.assign(rec.details, {
      runs: RUNS,
      idleMs: IDLE_MS,
      inMemory: memory,
      dataDir: { topics: TOPICS, partitions: PARTITIONS, buildMs: round(buildMs), ...onDisk }
    })
    rec.write()
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
