// `logdeck serve` as a child process for the benchmarks: time to `ready`, its CPU time and
// resident memory from /proc, its HTTP API, and a clean stop.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './results'

export const CLI = join(ROOT, 'bin', 'logdeck.cjs')
const CLK_TCK = 100

export interface Serve {
  child: ChildProcess
  pid: number
  /** Milliseconds from spawn to the `ready` line. */
  readyMs: number
  bootstrap: string
  brokers: { id: number; address: string }[]
  apiBase: string | null
  token: string | null
  output(): string
  /** Log lines of connections the broker closed since start. */
  closedConnections(): string[]
  /** User + system CPU time of the whole process (all threads), in ms. */
  cpuMs(): number
  /** VmRSS in MiB. */
  rssMiB(): number
  call<T = unknown>(method: string, params: unknown): Promise<T>
  stop(): Promise<void>
}

export function cliBuilt(): boolean {
  return existsSync(join(ROOT, 'out', 'main', 'cli.js'))
}

export function startServe(args: string[], nodeArgs: string[] = []): Promise<Serve> {
  const started = performance.now()
  const child = spawn(process.execPath, [...nodeArgs, CLI, 'serve', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s))
  child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`logdeck serve did not print ready in 60 s:\n${out}`))
    }, 60_000)
    const onExit = (code: number | null) => {
      clearTimeout(timer)
      reject(new Error(`logdeck serve exited with ${code} before ready:\n${out}`))
    }
    child.once('exit', onExit)
    const onData = () => {
      if (!/^ready$/m.test(out)) return
      const readyMs = performance.now() - started
      clearTimeout(timer)
      child.stdout.off('data', onData)
      child.off('exit', onExit)
      const api = /^API: POST (\S+)api\/<method> with Authorization: Bearer (\S+)$/m.exec(out)
      const pid = child.pid!
      const serve: Serve = {
        child,
        pid,
        readyMs,
        bootstrap: /^Bootstrap servers: (\S+)$/m.exec(out)?.[1] ?? '',
        brokers: [...out.matchAll(/^Kafka listener: broker (\d+) at (\S+)$/gm)].map((m) => ({
          id: Number(m[1]),
          address: m[2]
        })),
        apiBase: api?.[1] ?? null,
        token: api?.[2] ?? null,
        output: () => out,
        closedConnections: () => out.split('\n').filter((l) => / closing connection from /.test(l)),
        cpuMs: () => {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
          return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK
        },
        rssMiB: () => {
          const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
          return m ? Number(m[1]) / 1024 : NaN
        },
        call: async <T>(method: string, params: unknown): Promise<T> => {
          if (!serve.apiBase) throw new Error('serve runs without its HTTP API (--no-ui)')
          const res = await fetch(`${serve.apiBase}api/${method}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${serve.token}`
            },
            body: JSON.stringify(params)
          })
          const body = (await res.json()) as T
          if (!res.ok) throw new Error(`${method}: HTTP ${res.status} ${JSON.stringify(body)}`)
          return body
        },
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
          const t = setTimeout(() => child.kill('SIGKILL'), 15_000)
          await exited
          clearTimeout(t)
        }
      }
      resolve(serve)
    }
    child.stdout.on('data', onData)
  })
}

/** The partitions of a topic as topics.describe returns them. */
export interface PartitionInfo {
  partition: number
  leader: number
  replicas: number[]
  isr: number[]
  highWatermark: number
  logEndOffset: number
}

export async function describeTopic(serve: Serve, name: string): Promise<PartitionInfo[]> {
  const d = await serve.call<{ partitions: PartitionInfo[] }>('topics.describe', { name })
  return d.partitions
}

export async function createTopic(
  serve: Serve,
  name: string,
  partitions: number,
  replicationFactor: number,
  configs?: Record<string, string>
): Promise<void> {
  await serve.call('topics.create', { name, partitions, replicationFactor, configs })
}
