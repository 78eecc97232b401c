// Where each worker thread's entry file is: the TypeScript source (through tsx) when the engine
// runs from source (vitest, tsx), the file electron-vite builds beside the bundle's chunk (or its
// parent: out/main/ for out/main/chunks/) when built.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface WorkerEntry {
  /** Absolute path of the worker's entry file. */
  filename: string
  /** Node options for the worker, e.g. ['--import', 'tsx'] to run the TypeScript source. */
  execArgv?: string[]
}

/** Each worker's source under src/engine and its file in the build (electron.vite.config.ts). */
export const WORKERS = {
  cleaner: { source: 'log/cleaner-worker.ts', bundle: 'log-cleaner-worker.js' },
  scan: { source: 'messages/scan-worker.ts', bundle: 'message-scan-worker.js' },
  demo: { source: 'demo/demo-clients.ts', bundle: 'demo-clients.js' }
} as const

export type WorkerName = keyof typeof WORKERS

/** The worker's entry file; null when neither the source nor the built file is there. */
export function findWorkerEntry(
  name: WorkerName,
  moduleUrl: string = import.meta.url
): WorkerEntry | null {
  const here = fileURLToPath(moduleUrl)
  const { source, bundle } = WORKERS[name]
  if (here.endsWith('.ts'))
    return { filename: join(dirname(here), '..', source), execArgv: ['--import', 'tsx'] }
  for (const dir of [dirname(here), dirname(dirname(here))]) {
    const filename = join(dir, bundle)
    if (existsSync(filename)) return { filename }
  }
  return null
}
