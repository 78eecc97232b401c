// Demo data for newcomers: topics with a skewed key distribution, created here, and the demo's
// Kafka clients (demo-clients.ts), run in a worker thread so that nothing they do can hold up
// the broker they talk to.
import { Worker } from 'node:worker_threads'
import { findWorkerEntry, WORKERS, type WorkerEntry } from '../workers/worker-entry'
import type { CreateTopicSpec, Engine } from '../engine'
import type { DemoStatus } from '../../shared/api/demo'
import {
  DEMO_GROUPS,
  DEMO_TOPICS,
  type DemoCommand,
  type DemoGroupId,
  type DemoClientSecurity,
  type DemoWorkerData,
  type DemoWorkerMessage,
  type DemoWorkerStatus
} from './demo-names'

export type { DemoGroupId } from './demo-names'

export interface DemoHandle {
  topics: string[]
  groups: string[]
  /** What the demo's clients reported last. */
  status(): DemoStatus
  /** The demo consumer of `groupId` leaves its group, until `resume`. */
  pause(groupId: DemoGroupId): Promise<void>
  resume(groupId: DemoGroupId): Promise<void>
  stop(): Promise<void>
}

const STOP_GRACE_MS = 1500
const COMMAND_TIMEOUT_MS = 30_000

/** The clients' entry file (see workers/worker-entry.ts). */
function resolveDemoWorker(): WorkerEntry {
  const entry = findWorkerEntry('demo')
  if (!entry) throw new Error(`${WORKERS.demo.bundle} is missing from the build`)
  return entry
}

function ensureTopics(engine: Engine): void {
  const rf = Math.min(3, engine.brokerCount)
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
  for (const s of specs) if (!engine.topic(s.name)) engine.createTopic(s)
}

/**
 * Creates the demo topics and starts the demo clients against `bootstrap`; `routes` maps
 * advertised `host:port`s to where those brokers listen.
 */
export async function startDemo(
  engine: Engine,
  bootstrap: string[],
  security?: DemoClientSecurity,
  routes: Record<string, string> = {}
): Promise<DemoHandle> {
  ensureTopics(engine)
  const entry = resolveDemoWorker()
  const data: DemoWorkerData = { bootstrap, security, routes }
  const worker = new Worker(entry.filename, { workerData: data, execArgv: entry.execArgv })
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  let last: DemoWorkerStatus | null = null
  let nextRequest = 1
  const pending = new Map<number, (error?: string) => void>()
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m: DemoWorkerMessage) => {
      if (m.kind === 'ready') resolve()
      else if (m.kind === 'status') last = m.status
      else if (m.kind === 'done') pending.get(m.requestId)?.(m.error)
      else reject(new Error(`the demo clients failed: ${m.message}`))
    })
    worker.once('error', reject)
    void exited.then(() => reject(new Error('the demo clients stopped before they were ready')))
  }).catch(async (err: unknown) => {
    await worker.terminate()
    throw err
  })
  void exited.then(() => {
    for (const done of pending.values()) done('the demo clients have stopped')
  })

  const command = (kind: 'pause' | 'resume', groupId: DemoGroupId) =>
    new Promise<void>((resolve, reject) => {
      const requestId = nextRequest++
      const timer = setTimeout(
        () => pending.get(requestId)?.(`the demo consumer of ${groupId} did not ${kind} in time`),
        COMMAND_TIMEOUT_MS
      )
      pending.set(requestId, (error) => {
        pending.delete(requestId)
        clearTimeout(timer)
        if (error) reject(new Error(error))
        else resolve()
      })
      const c: DemoCommand = { kind, groupId, requestId }
      worker.postMessage(c)
    })

  return {
    topics: Object.values(DEMO_TOPICS),
    groups: Object.values(DEMO_GROUPS),
    status: () => ({
      loaded: true,
      producer: last?.producer ?? null,
      consumers: last?.consumers ?? []
    }),
    pause: (groupId) => command('pause', groupId),
    resume: (groupId) => command('resume', groupId),
    stop: async () => {
      const stop: DemoCommand = { kind: 'stop' }
      worker.postMessage(stop)
      const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS)
      await exited
      clearTimeout(timer)
    }
  }
}
