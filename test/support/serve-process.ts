// Starts the built `logdeck serve` as a child process and waits for its `ready` line;
// used by integration and end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

export interface ServeProcess {
  child: ChildProcess
  uiUrl: string | null
  apiBase: string | null
  token: string
  bootstrap: string
  /** The schema registry's base URL, or null when it is off. */
  registryUrl: string | null
  output: () => string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

const ROOT = join(__dirname, '..', '..')

export function startServe(args: string[], timeoutMs = 30_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'logdeck.cjs'), 'serve', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s))
  child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code))
  )

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`logdeck serve did not print ready in ${timeoutMs} ms:\n${out}`))
    }, timeoutMs)
    const onData = () => {
      if (!/^ready$/m.test(out)) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      const ui = /^UI: (http\S+)$/m.exec(out)?.[1] ?? null
      const token = ui ? (new URL(ui).searchParams.get('token') ?? '') : ''
      resolve({
        child,
        uiUrl: ui,
        apiBase: ui ? new URL(ui).origin : null,
        token,
        bootstrap: /^Bootstrap servers: (\S+)$/m.exec(out)?.[1] ?? '',
        registryUrl: /^Schema registry: (http\S+)$/m.exec(out)?.[1] ?? null,
        output: () => out,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null) child.kill(signal)
          return exited
        }
      })
    }
    child.stdout.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`logdeck serve exited with ${code} before ready:\n${out}`))
    })
  })
}

/** The bootstrap list of one named listener, from the `Kafka listener NAME (...)` lines. */
export function listenerBootstrap(server: ServeProcess, listener: string): string {
  const line = new RegExp(`^Kafka listener ${listener} \\(\\w+\\): broker \\d+ at (\\S+)$`, 'gm')
  const ports = [...server.output().matchAll(line)].map((m) => m[1])
  if (ports.length === 0) throw new Error(`no listener ${listener} in:\n${server.output()}`)
  return ports.join(',')
}

/** Calls a method of the contract over the HTTP API of a `logdeck serve` started with a UI. */
export async function callApi<T>(
  server: ServeProcess,
  method: string,
  params: unknown = {}
): Promise<T> {
  const res = await fetch(`${server.apiBase}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(params)
  })
  const body = (await res.json()) as T
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(body)}`)
  return body
}
