// The `logdeck` command line.
import { join } from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import { parseServeArgs, readFlags, wantsHelp } from './cli-args'
import { UsageError } from './cli-errors'
import { CERTS_FLAGS, certsHelp, GLOBAL_FLAGS, mainHelp, serveHelp } from './cli-flags'
import { dataDirProblem } from './data-dir-check'
import { serve } from './serve'

function rendererDir(): string | undefined {
  // Built layout: out/main/cli.js beside out/renderer/index.html.
  const dir = join(__dirname, '..', 'renderer')
  return existsSync(join(dir, 'index.html')) ? dir : undefined
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'))
    return String(pkg.version)
  } catch {
    return 'unknown'
  }
}

function usageError(prefix: string, message: string, helpCommand: string): number {
  console.error(`${prefix}: ${message} (see '${helpCommand}')`)
  return 2
}

async function certs(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    console.log(certsHelp())
    return 0
  }
  let values
  try {
    values = readFlags(argv, CERTS_FLAGS)
  } catch (err) {
    if (err instanceof UsageError)
      return usageError('logdeck certs', err.message, 'logdeck certs --help')
    throw err
  }
  const out = typeof values.out === 'string' ? values.out : 'logdeck-certs'
  // node-forge loads only for this command, not with every serve.
  const { writeDevCertificates } = await import('./dev-certificates')
  let paths
  try {
    paths = writeDevCertificates(out, values.force === true)
  } catch (err) {
    console.error(`logdeck certs: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
  console.log(`Wrote a development CA and certificates for 127.0.0.1, ::1 and localhost:`)
  for (const p of Object.values(paths)) console.log(`  ${p}`)
  console.log('')
  console.log('Serve TLS with them:')
  console.log(`  logdeck serve --security ssl --tls-cert ${paths.cert} --tls-key ${paths.key}`)
  console.log(`  (add --tls-ca ${paths.ca} to require client certificates)`)
  console.log('and give clients the CA, e.g.:')
  console.log(`  kcat -b 127.0.0.1:9092 -X security.protocol=ssl -X ssl.ca.location=${paths.ca} -L`)
  return 0
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined) {
    console.error(mainHelp())
    return 2
  }
  if (command === 'help') {
    if (rest[0] === 'serve') console.log(serveHelp())
    else if (rest[0] === 'certs') console.log(certsHelp())
    else if (rest[0] === undefined) console.log(mainHelp())
    else return usageError('logdeck', `unknown command '${rest[0]}'`, 'logdeck --help')
    return 0
  }
  if (command.startsWith('-')) {
    let values
    try {
      values = readFlags(argv, GLOBAL_FLAGS)
    } catch (err) {
      if (err instanceof UsageError) return usageError('logdeck', err.message, 'logdeck --help')
      throw err
    }
    if (values.version) console.log(version())
    else console.log(mainHelp())
    return 0
  }
  if (command === 'certs') return certs(rest)
  if (command !== 'serve')
    return usageError('logdeck', `unknown command '${command}'`, 'logdeck --help')
  if (wantsHelp(rest)) {
    console.log(serveHelp())
    return 0
  }
  let opts
  try {
    opts = parseServeArgs(rest)
  } catch (err) {
    if (err instanceof UsageError)
      return usageError('logdeck serve', err.message, 'logdeck serve --help')
    throw err
  }
  if (opts.dataDir !== ':memory:') {
    const problem = dataDirProblem(opts.dataDir)
    if (problem) {
      const named = rest.some((a) => a === '--data-dir' || a.startsWith('--data-dir='))
      const what = named ? `--data-dir ${opts.dataDir}` : `the data folder ${opts.dataDir}`
      return usageError('logdeck serve', `${what} ${problem}`, 'logdeck serve --help')
    }
  }
  const staticDir = rendererDir()
  if (opts.uiPort !== null && !staticDir)
    console.error('logdeck: the UI is not built (run npm run build); serving the API only')
  // Signal handlers go in before anything listens, so that a signal at any point after
  // `ready` shuts down cleanly instead of killing the process with ports half-closed. They
  // stay in place: Ctrl-C under `npm start` arrives twice (from the terminal and forwarded by
  // the start script), and the second must not cut the shutdown short.
  let signalled: string | null = null
  let onSignal: (signal: string) => void = (signal) => (signalled ??= signal)
  process.on('SIGINT', () => onSignal('SIGINT'))
  process.on('SIGTERM', () => onSignal('SIGTERM'))
  let running: Awaited<ReturnType<typeof serve>>
  try {
    running = await serve({ ...opts, staticDir }, (line) => console.log(line))
  } catch (err) {
    console.error(`logdeck: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
  console.log('ready')
  return new Promise<number>((resolve) => {
    let stopping = false
    onSignal = (signal) => {
      if (stopping) return
      stopping = true
      console.log(`${signal}: shutting down`)
      running.close().then(
        () => {
          console.log('stopped')
          resolve(0)
        },
        (err: unknown) => {
          console.error(`logdeck: shutdown failed: ${String(err)}`)
          resolve(1)
        }
      )
    }
    if (signalled) onSignal(signalled)
  })
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  }
)
