// Runs the consumer group member of test/support/group-consumer.c (librdkafka 2.15.1, built
// beside the share consumer by scripts/build-share-consumer.sh) as a child process: with
// group.protocol=consumer, a member of Kafka 4's consumer protocol (KIP-848).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
let built: string | null = null
const running = new Set<ChildProcess>()

/** Kills the members still running (a test that failed before they exited). */
export function killGroupConsumers(): void {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
}

/** The program's path, built first when missing or out of date (about a minute). */
function groupConsumerPath(): string {
  built ??= join(
    dirname(
      execFileSync('bash', [join(ROOT, 'scripts', 'build-share-consumer.sh')], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        timeout: 600_000
      })
        .trim()
        .split('\n')
        .pop() ?? ''
    ),
    'group-consumer'
  )
  return built
}

export interface GroupConsumerOptions {
  bootstrap: string
  group: string
  topics: string[]
  /** librdkafka properties (-X). */
  config?: Record<string, string | number>
  /** Commit, leave and exit after this many records. */
  count?: number
  /** The same after this long without records, once one was read. */
  idleMs?: number
}

export interface GroupConsumerRun {
  code: number | null
  records: { topic: string; partition: number; offset: number }[]
  lines: Record<string, unknown>[]
  stderr: string
}

/** Runs the member until it exits (after `count` records or `idleMs` idle). */
export function runGroupConsumer(o: GroupConsumerOptions): Promise<GroupConsumerRun> {
  const args = ['-b', o.bootstrap, '-G', o.group]
  for (const [k, v] of Object.entries(o.config ?? {})) args.push('-X', `${k}=${v}`)
  if (o.count !== undefined) args.push('-c', String(o.count))
  if (o.idleMs !== undefined) args.push('-e', String(o.idleMs))
  args.push(...o.topics)
  const child = spawn(groupConsumerPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d.slice(-20_000)))
  return new Promise((resolve) =>
    child.on('close', (code) => {
      running.delete(child)
      const lines = stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
      resolve({
        code,
        lines,
        records: lines.filter((l) => 'offset' in l) as GroupConsumerRun['records'],
        stderr
      })
    })
  )
}
