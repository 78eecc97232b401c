// Long operations: progress from events and polls never goes backwards, cancel asks the engine.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { OperationStatus } from '../../../src/shared/api/metrics'

const call = vi.fn()
vi.mock('../../../src/renderer/src/api/client', () => ({ api: { call, on: vi.fn() } }))
const { useOperationsStore } = await import('../../../src/renderer/src/stores/operations')

const status = (over: Partial<OperationStatus> = {}): OperationStatus => ({
  operationId: 'op-1',
  kind: 'copy',
  description: 'Copy a to b',
  startedAt: 1,
  done: false,
  cancelled: false,
  progress: 0.2,
  processed: 20,
  matched: 20,
  ...over
})

describe('operations store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    call.mockReset()
  })

  it('tracks progress and never goes back from done to running', () => {
    const ops = useOperationsStore()
    ops.update(status())
    expect(ops.running).toHaveLength(1)
    ops.update(status({ done: true, progress: 1, processed: 100, summary: 'Copied 100 record(s)' }))
    ops.update(status({ progress: 0.5, processed: 50 })) // a late poll
    expect(ops.byId['op-1']).toMatchObject({
      done: true,
      processed: 100,
      summary: 'Copied 100 record(s)'
    })
    expect(ops.running).toHaveLength(0)
  })

  it('cancels through the engine and shows the outcome', async () => {
    call.mockResolvedValue(status({ done: true, cancelled: true }))
    const ops = useOperationsStore()
    ops.track('op-1', 'search', 'Search in orders')
    const pending = ops.cancel('op-1')
    expect(ops.cancelling.has('op-1')).toBe(true)
    await pending
    expect(call).toHaveBeenCalledWith('operations.cancel', { operationId: 'op-1' })
    expect(ops.byId['op-1']).toMatchObject({ cancelled: true, done: true })
    expect(ops.cancelling.has('op-1')).toBe(false)
  })
})

describe('operations store, end times', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    call.mockReset()
  })

  it('keeps the end time the engine gave, and stamps one when it gave none', () => {
    const ops = useOperationsStore()
    ops.update(status({ operationId: 'a', done: true, finishedAt: 5 }))
    ops.update(status({ operationId: 'a', done: true }))
    expect(ops.byId.a.finishedAt).toBe(5)
    const before = Date.now()
    ops.update(status({ operationId: 'b', done: true }))
    expect(ops.byId.b.finishedAt).toBeGreaterThanOrEqual(before)
    ops.update(status({ operationId: 'c' }))
    expect(ops.byId.c.finishedAt).toBeUndefined()
  })
})
