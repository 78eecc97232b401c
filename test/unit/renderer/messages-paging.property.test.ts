// The message browser's paging, as the store does it, against the real engine: from the latest
// page back to the oldest, then from the earliest page forward to the newest, over one partition
// or all of them, every record of random batched logs (compressed, compacted, with transaction
// markers and a moved log start) is shown exactly once, in offset order within its partition.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { Engine } from '../../../src/engine/engine'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService, type Service } from '../../../src/engine/service/service'
import type { MessageRecord } from '../../../src/shared/api/messages'
import { buildTopic, ident, topicPlan, type BuiltTopic } from '../../support/batched-log'

const backend = vi.hoisted(() => ({
  call: null as null | ((method: string, params: unknown) => Promise<unknown>)
}))
vi.mock('../../../src/renderer/src/api/client', () => ({
  api: { call: (method: string, params: unknown) => backend.call!(method, params), on: vi.fn() }
}))
const { useMessagesStore } = await import('../../../src/renderer/src/stores/messages')

let engine: Engine
let svc: Service
beforeAll(() => {
  engine = Engine.open({ dataDir: ':memory:', brokers: 1, port: 0 })
  svc = createService(embeddedBackend(engine))
  backend.call = (method, params) => svc.call(method as never, params as never)
})
afterAll(async () => {
  await engine.close()
})

type Store = ReturnType<typeof useMessagesStore>

/** Pages one way until the store says there is no more, collecting each page shown. */
async function pageAll(store: Store, way: 'older' | 'newer', cap: number) {
  const pages: MessageRecord[][] = [store.records]
  for (let i = 0; way === 'older' ? store.canOlder : store.canNewer; i++) {
    expect(i, 'paging never ends').toBeLessThan(cap)
    const shown = store.records
    await (way === 'older' ? store.older() : store.newer())
    expect(store.problem).toBeNull()
    if (store.records !== shown) pages.push(store.records)
  }
  return way === 'older' ? pages.reverse().flat() : pages.flat()
}

function expectEveryRecordOnce(seen: MessageRecord[], t: BuiltTopic, partitions: number[]) {
  expect(new Set(seen.map(ident)).size).toBe(seen.length)
  for (const p of partitions)
    expect(seen.filter((r) => r.partition === p).map(ident)).toEqual(t.model[p].map(ident))
  expect(seen.every((r) => partitions.includes(r.partition))).toBe(true)
}

describe('message browser paging on the real engine (property)', () => {
  it('shows every record once paging back from the latest page and forward from the earliest', async () => {
    await fc.assert(
      fc.asyncProperty(
        topicPlan(3),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        async (plan, pageSize, all) => {
          setActivePinia(createPinia())
          const t = await buildTopic(engine, svc, plan)
          const store = useMessagesStore()
          store.pageSize = pageSize
          const partitions = all ? t.model.map((_, p) => p) : [t.model.length - 1]
          const total = partitions.reduce((n, p) => n + t.model[p].length, 0)
          const cap = 2 * total + 10
          store.mode = 'latest'
          await store.open(t.name, all ? 'all' : partitions[0])
          expect(store.problem).toBeNull()
          expectEveryRecordOnce(await pageAll(store, 'older', cap), t, partitions)
          store.mode = 'earliest'
          await store.load()
          expectEveryRecordOnce(await pageAll(store, 'newer', cap), t, partitions)
          await svc.call('topics.delete', { name: t.name })
        }
      ),
      { numRuns: 30 }
    )
  })
})
