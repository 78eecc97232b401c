// Runs the Debian Kafka clients (kcat, confluent-kafka-python, kafka-python) as child processes.
import { spawn } from 'node:child_process'

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

export function run(
  cmd: string,
  args: string[],
  input?: string | Buffer,
  timeoutMs = 60_000
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${cmd} ${args.join(' ')} timed out after ${timeoutMs} ms\n${stderr}`))
    }, timeoutMs)
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    if (input !== undefined) child.stdin.end(input)
    else child.stdin.end()
  })
}

export function kcat(
  args: string[],
  input?: string | Buffer,
  timeoutMs?: number
): Promise<RunResult> {
  return run('kcat', args, input, timeoutMs)
}

/** kcat's flags for a SASL_PLAINTEXT login with `mechanism` as `user`. */
export function kcatSasl(mechanism: string, user: string, password: string): string[] {
  return [
    '-X',
    'security.protocol=sasl_plaintext',
    '-X',
    `sasl.mechanisms=${mechanism}`,
    '-X',
    `sasl.username=${user}`,
    '-X',
    `sasl.password=${password}`
  ]
}

/**
 * Asks for metadata with kcat (`-L`, waiting up to `seconds`) where the connection is to be
 * refused; the exit code is checked, and kcat's stderr, which says why, is returned.
 */
export async function kcatRefusal(
  bootstrap: string,
  flags: string[],
  seconds = 3
): Promise<string> {
  const r = await kcat(['-b', bootstrap, ...flags, '-L', '-m', String(seconds)])
  if (r.code === 0) throw new Error(`kcat was not refused by ${bootstrap}:\n${r.stdout}`)
  return r.stderr
}

/** Runs a Python script with Debian's interpreter, which sees python3-confluent-kafka and python3-kafka. */
export function python(
  script: string,
  args: string[] = [],
  timeoutMs?: number
): Promise<RunResult> {
  return run('/usr/bin/python3', ['-c', script, ...args], undefined, timeoutMs)
}
