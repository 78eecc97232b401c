// The `logdeck` command line.
import { join } from 'node:path'
import { existsSync } from 'node:fs'
import { parseServeArgs, UsageError, USAGE } from './cli-args'
import { serve } from './serve'

function rendererDir(): string | undefined {
  // Built layout: out/main/cli.js beside out/renderer/index.html.
  const dir = join(__dirname, '..', 'renderer')
  return existsSync(join(dir, 'index.html')) ? dir : undefined
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE)
    return command === undefined ? 1 : 0
  }
  if (command !== 'serve') {
    console.error(`logdeck: unknown command '${command}'\n${USAGE}`)
    return 2
  }
  let opts
  try {
    opts = parseServeArgs(rest)
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`logdeck serve: ${err.message}\n${USAGE}`)
      return 2
    }
    throw err
  }
  const staticDir = rendererDir()
  if (opts.uiPort !== null && !staticDir)
    console.error('logdeck: the UI is not built (run npm run build); serving the API only')
  // Signal handlers go in before anything listens, so that a signal at any point after
  // `ready` shuts down cleanly instead of killing the process with ports half-closed.
  let signalled: string | null = null
  let onSignal: (signal: string) => void = (signal) => (signalled = signal)
  process.once('SIGINT', () => onSignal('SIGINT'))
  process.once('SIGTERM', () => onSignal('SIGTERM'))
  let running: Awaited<ReturnType<typeof serve>>
  try {
    running = await serve({ ...opts, staticDir }, (line) => console.log(line))
  } catch (err) {
    console.error(`logdeck: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
  console.log('ready')
  return new Promise<number>((resolve) => {
    onSignal = (signal) => {
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
