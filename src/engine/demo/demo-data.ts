// Demo data for newcomers: topics with a skewed key distribution, created here, and the demo's
// Kafka clients (demo-clients.ts), run in a worker thread so that nothing they do can hold up
// the broker they talk to.
import { Worker } from 'node:worker_threads'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CreateTopicSpec, Engine } from '../engine'
import { DEMO_GROUPS, DEMO_TOPICS, type DemoWorkerData, type DemoWorkerMessage } from './demo-names'

export { DEMO_GROUPS, DEMO_TOPICS } from './demo-names'

export interface DemoHandle {
  topics: string[]
  groups: string[]
  stop(): Promise<void>
}

const STOP_GRACE_MS = 1500
const DEMO_WORKER_BUNDLE_FILE = 'demo-clients.js'

/** The clients' entry: the TypeScript source through tsx, or demo-clients.js in the bundle. */
function resolveDemoWorker(): { filename: string; execArgv?: string[] } {
  const here = fileURLToPath(import.meta.url)
  if (here.endsWith('.ts'))
    return { filename: join(dirname(here), 'demo-clients.ts'), execArgv: ['--import', 'tsx'] }
  for (const dir of [dirname(here), dirname(dirname(here))]) {
    const filename = join(dir, DEMO_WORKER_BUNDLE_FILE)
    if (existsSync(filename)) return { filename }
  }
  throw new Error(`${DEMO_WORKER_BUNDLE_FILE} is missing from the build`)
}

function ensureTopics(engine: Engine): void {
  const rf = Math.min(3, engine.brokers.length)
  const specs: CreateTopicSpec[] = [
    {
      name: DEMO_TOPICS.orders,
      partitions: 6,
      replicationFactor: rf,
      configs: { 'retention.ms': String(6 * 3_600_000) }
    },
    { name: DEMO_TOPICS.payments, partitions: 3, replicationFactor: rf, configs: {} },
    {
      name: DEMO_TOPICS.deadLetters,
      partitions: 1,
      replicationFactor: 1,
      configs: { 'retention.ms': String(7 * 86_400_000) }
    }
  ]
  for (const s of specs) if (!engine.topics.get(s.name)) engine.createTopic(s)
}

/** Creates the demo topics and starts the demo clients against `bootstrap`. */
export async function startDemo(engine: Engine, bootstrap: string[]): Promise<DemoHandle> {
  ensureTopics(engine)
  const entry = resolveDemoWorker()
  const data: DemoWorkerData = { bootstrap }
  const worker = new Worker(entry.filename, { workerData: data, execArgv: entry.execArgv })
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m: DemoWorkerMessage) => {
      if (m.kind === 'ready') resolve()
      else reject(new Error(`the demo clients failed: ${m.message}`))
    })
    worker.once('error', reject)
    void exited.then(() => reject(new Error('the demo clients stopped before they were ready')))
  }).catch(async (err: unknown) => {
    await worker.terminate()
    throw err
  })
  return {
    topics: Object.values(DEMO_TOPICS),
    groups: Object.values(DEMO_GROUPS),
    stop: async () => {
      worker.postMessage('stop')
      const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS)
      await exited
      clearTimeout(timer)
    }
  }
}
