// messages.search as an operation: the scan (messages/search-job.ts) in the message-scan worker
// for databases on disk, in steps on the main thread for in-memory ones.
import type { Engine } from '../../engine'
import { searchInSteps, searchInWorker, type SearchPlan } from '../../messages/search-job'
import { findWorkerEntry } from '../../workers/worker-entry'
import type { Operation, Operations } from '../operations'

export function startSearch(engine: Engine, ops: Operations, plan: SearchPlan): Operation {
  const description = `Search ${plan.topic.name}`
  const file = engine.databaseFile()
  const entry = file === null ? null : findWorkerEntry('scan')
  if (file === null || !entry)
    return ops.start('search', description, (op) =>
      searchInSteps((p) => engine.partitionLog(plan.topic, p), plan, op)
    )
  return ops.startDriven('search', description, (op, progress) => {
    const job = searchInWorker(entry, file, plan, op, progress)
    op.onCancel = job.cancel
    return job.result
  })
}
