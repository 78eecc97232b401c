// Runs a client (kcat, Python) as a child process: wall time from spawn to exit, its CPU time
// (through GNU time when installed), stdin from a file.
import { spawn } from 'node:child_process'
import { existsSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const GNU_TIME = '/usr/bin/time'

export interface RunOptions {
  /** A file fed to stdin (opened as the child's fd 0, not piped through this process). */
  stdinFile?: string
  timeoutMs?: number
  env?: NodeJS.ProcessEnv
}

export interface RunOutcome {
  code: number | null
  wallMs: number
  /** User + system CPU seconds of the child, when GNU time is installed. */
  cpuMs: number | null
  stdout: string
  stderr: string
}

/** The command line as a person would type it (for the results table). */
export function commandLine(cmd: string, args: string[], stdinFile?: string): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)
  return [cmd, ...args].map(quote).join(' ') + (stdinFile ? ` < ${stdinFile}` : '')
}

export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunOutcome> {
  const timing = existsSync(GNU_TIME)
  const timeFile = join(tmpdir(), `logdeck-bench-time-${process.pid}-${Date.now()}`)
  const argv = timing ? ['-f', '%U %S', '-o', timeFile, cmd, ...args] : args
  const stdin = opts.stdinFile ? openSync(opts.stdinFile, 'r') : 'ignore'
  const started = performance.now()
  const child = spawn(timing ? GNU_TIME : cmd, argv, {
    stdio: [stdin, 'pipe', 'pipe'],
    env: opts.env ?? process.env
  })
  if (typeof stdin === 'number') closeSync(stdin)
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s))
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${commandLine(cmd, args)} timed out:\n${stderr}`))
    }, opts.timeoutMs ?? 120_000)
    child.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    child.on('close', (code) => {
      const wallMs = performance.now() - started
      clearTimeout(timer)
      let cpuMs: number | null = null
      if (timing && existsSync(timeFile)) {
        const m = /([\d.]+) ([\d.]+)\s*$/.exec(readFileSync(timeFile, 'utf8'))
        if (m) cpuMs = (Number(m[1]) + Number(m[2])) * 1000
        rmSync(timeFile, { force: true })
      }
      resolve({ code, wallMs, cpuMs, stdout, stderr })
    })
  })
}

/** Runs a client and fails with its output when it exits non-zero. */
export async function runOk(cmd: string, args: string[], opts: RunOptions = {}) {
  const r = await run(cmd, args, opts)
  if (r.code !== 0)
    throw new Error(`${commandLine(cmd, args)} exited with ${r.code}:\n${r.stderr}\n${r.stdout}`)
  return r
}

export const PYTHON = '/usr/bin/python3'
