// Runs the KIP-932 share consumer of test/support/share-consumer.c (librdkafka 2.15.1), built
// once and cached by scripts/build-share-consumer.sh, as a child process: against a Logdeck
// broker or against librdkafka's own mock cluster, which the same program serves (--mock).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { waitFor } from './wait-for'

const ROOT = join(__dirname, '..', '..')
let built: string | null = null

/** The share consumer's path, built first when missing or out of date (about a minute). */
function shareConsumerPath(): string {
  built ??=
    execFileSync('bash', [join(ROOT, 'scripts', 'build-share-consumer.sh')], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 600_000
    })
      .trim()
      .split('\n')
      .pop() ?? ''
  return built
}

export interface ShareRecord {
  topic: string
  partition: number
  offset: number
  key: string | null
  value: string | null
  delivery_count: number
  /** How this consumer acknowledged it; `none`: it stopped (--crash-after) before acknowledging. */
  ack: 'implicit' | 'accept' | 'release' | 'reject' | 'none'
}

interface ShareError {
  error: string
  /** librdkafka's error name, e.g. UNKNOWN_TOPIC_OR_PART, _TRANSPORT. */
  code: string
  fatal: boolean
}

interface ShareAcknowledged {
  acknowledged: { topic: string; partition: number; offsets: number[] }
  error: string | null
}

interface ShareEvent {
  event: 'subscribed' | 'idle' | 'count' | 'closed' | 'crash' | 'mock'
  records?: number
  bootstrap?: string
}

type ShareLine = ShareRecord | ShareError | ShareAcknowledged | ShareEvent

export interface ShareConsumerOptions {
  bootstrap: string
  group: string
  topics: string[]
  /** librdkafka properties (-X). */
  config?: Record<string, string | number>
  /** Group configs set with IncrementalAlterConfigs before subscribing (share.auto.offset.reset ...). */
  groupConfigs?: Record<string, string | number>
  /** explicit: this program acknowledges each record (ACCEPT unless an option below says otherwise). */
  ack?: 'implicit' | 'explicit'
  releaseEvery?: number
  rejectEvery?: number
  /** RELEASE records whose delivery count is below this. */
  releaseBelow?: number
  commit?: 'sync' | 'async'
  /** Exit after this many records: close, sending their acknowledgements (unless commit did), and leave. */
  count?: number
  /** Exit after this long without records. */
  idleMs?: number
  /** Exit at once (code 3) after this many records, without acknowledging them or leaving. */
  crashAfter?: number
}

function consumerArgs(o: ShareConsumerOptions): string[] {
  const args = ['-b', o.bootstrap, '-G', o.group, '-A', o.ack ?? 'implicit']
  for (const [k, v] of Object.entries(o.config ?? {})) args.push('-X', `${k}=${v}`)
  for (const [k, v] of Object.entries(o.groupConfigs ?? {}))
    args.push('--group-config', `${k}=${v}`)
  const numbers: [string, number | undefined][] = [
    ['--release-every', o.releaseEvery],
    ['--reject-every', o.rejectEvery],
    ['--release-below', o.releaseBelow],
    ['-c', o.count],
    ['-e', o.idleMs],
    ['--crash-after', o.crashAfter]
  ]
  for (const [flag, n] of numbers) if (n !== undefined) args.push(flag, String(n))
  if (o.commit) args.push('--commit', o.commit)
  return [...args, ...o.topics]
}

export interface ShareConsumerProcess {
  child: ChildProcess
  lines(): ShareLine[]
  records(): ShareRecord[]
  errors(): ShareError[]
  acknowledged(): ShareAcknowledged[]
  stderr(): string
  /** Waits until the lines printed so far satisfy `check`. */
  waitFor(
    what: string,
    check: (p: ShareConsumerProcess) => boolean,
    timeoutMs?: number
  ): Promise<void>
  /** The exit code once it has exited (null when a signal ended it). */
  exited: Promise<number | null>
  /** SIGTERM: it closes (sending pending acknowledgements, leaving the group) and exits. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

function startProgram(args: string[]): ShareConsumerProcess {
  const child = spawn(shareConsumerPath(), args, { stdio: ['pipe', 'pipe', 'pipe'] })
  const lines: ShareLine[] = []
  let pending = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    pending += d
    const complete = pending.split('\n')
    pending = complete.pop() ?? ''
    for (const line of complete) if (line) lines.push(JSON.parse(line) as ShareLine)
  })
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code))
  )
  const p: ShareConsumerProcess = {
    child,
    lines: () => lines,
    records: () => lines.filter((l): l is ShareRecord => 'offset' in l),
    errors: () => lines.filter((l): l is ShareError => 'error' in l && 'code' in l),
    acknowledged: () => lines.filter((l): l is ShareAcknowledged => 'acknowledged' in l),
    stderr: () => stderr,
    waitFor: (what, check, timeoutMs = 90_000) =>
      waitFor(
        what,
        () => {
          if (check(p)) return true
          if (child.exitCode !== null)
            throw new Error(
              `share consumer exited (${child.exitCode}) before ${what}:\n${describe(p)}`
            )
          return false
        },
        timeoutMs
      ).catch((err: Error) => {
        throw new Error(`${err.message}\n${describe(p)}`)
      }),
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    }
  }
  return p
}

function describe(p: ShareConsumerProcess): string {
  const out = p.lines().map((l) => JSON.stringify(l))
  return `stdout (${out.length} lines, last 20):\n${out.slice(-20).join('\n')}\nstderr:\n${p.stderr().slice(-3000)}`
}

/** Starts a share consumer; stop it with stop() (or let count / idleMs / crashAfter end it). */
export function startShareConsumer(o: ShareConsumerOptions): ShareConsumerProcess {
  return startProgram(consumerArgs(o))
}

/**
 * librdkafka's mock cluster (share.auto.offset.reset earliest; record locks of `lockMs`, member
 * sessions of `sessionMs` when given) serving until stop().
 */
export async function startShareMock(
  brokers: number,
  topics: Record<string, number>,
  lockMs?: number,
  sessionMs?: number
): Promise<{ bootstrap: string; stop(): Promise<number | null> }> {
  const args = ['--mock', String(brokers)]
  for (const [name, partitions] of Object.entries(topics))
    args.push('--mock-topic', `${name}:${partitions}`)
  if (lockMs !== undefined) args.push('--mock-lock-ms', String(lockMs))
  if (sessionMs !== undefined) args.push('--mock-session-ms', String(sessionMs))
  const p = startProgram(args)
  await p.waitFor('the mock cluster', (q) => q.lines().some((l) => 'bootstrap' in l), 30_000)
  const line = p.lines().find((l): l is ShareEvent => 'bootstrap' in l)
  return {
    bootstrap: line?.bootstrap ?? '',
    stop: () => {
      p.child.stdin?.end()
      return p.exited
    }
  }
}
