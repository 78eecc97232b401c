// The hot-partition stores against a fake engine: the lag of the groups reading a topic per
// partition with the member that owns it, and the what-if simulator's checks, strategies and
// its baseline from the same sample.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Params } from '../../../src/shared/contract'

const call = vi.fn()
vi.mock('../../../src/renderer/src/api/client', () => ({ api: { call, on: vi.fn() } }))
const { useSkewStore } = await import('../../../src/renderer/src/stores/skew')
const { useWhatIfStore, whatIfErrors, whatIfStrategy } =
  await import('../../../src/renderer/src/stores/what-if')

beforeEach(() => {
  setActivePinia(createPinia())
  call.mockReset()
})

const offset = (topic: string, partition: number, lag: number) => ({
  topic,
  partition,
  committedOffset: 0,
  highWatermark: lag,
  logStartOffset: 0,
  lag,
  metadata: null,
  commitTimestamp: null,
  recordsLost: 0,
  lagMs: lag * 100,
  timeToLossMs: null
})

describe('skew store', () => {
  it('puts the lag of each group reading the topic beside its partitions', async () => {
    call.mockImplementation(async (method: string, params: { groupId?: string }) => {
      switch (method) {
        case 'partitions.skew':
          return {
            topic: 'orders',
            sampledRecords: 0,
            partitions: [],
            skew: {},
            diagnosis: [],
            remedies: []
          }
        case 'metrics.produceRate':
          return { series: [{ name: 'orders-0', partition: 0, points: [] }] }
        case 'groups.list':
          return {
            groups: [
              { groupId: 'slow', topics: ['orders'], totalLag: 90 },
              { groupId: 'other', topics: ['payments'], totalLag: 1000 },
              { groupId: 'fast', topics: ['orders', 'payments'], totalLag: 0 }
            ]
          }
        case 'groups.describe':
          return {
            groupId: params.groupId,
            state: 'Stable',
            members: [
              {
                clientId: `${params.groupId}-client`,
                assignments: [
                  { topic: 'orders', partitions: [0, 1] },
                  { topic: 'payments', partitions: [0] }
                ]
              }
            ],
            offsets:
              params.groupId === 'slow'
                ? [offset('orders', 0, 10), offset('orders', 1, 80)]
                : [offset('orders', 0, 0), offset('payments', 0, 5)]
          }
      }
      throw new Error(`unexpected ${method}`)
    })
    const skew = useSkewStore()
    await skew.analyze('orders')
    await vi.waitFor(() => expect(skew.consumers).toHaveLength(2))
    expect(skew.consumers.map((c) => c.groupId)).toEqual(['slow', 'fast'])
    expect(skew.consumers[0].byPartition[1]).toEqual({ lag: 80, lagMs: 8000, owner: 'slow-client' })
    expect(skew.consumers[0].totalLag).toBe(90)
    // Only this topic's partitions count.
    expect(Object.keys(skew.consumers[1].byPartition)).toEqual(['0'])
    await vi.waitFor(() => expect(skew.ratesLoaded).toBe(true))
    expect(call).toHaveBeenCalledWith('metrics.produceRate', {
      topic: 'orders',
      perPartition: true,
      windowMs: 300_000
    })
  })
})

describe('what-if store', () => {
  it('checks the form and maps each key strategy', () => {
    const f = {
      partitionCount: 12,
      kind: 'salt' as const,
      buckets: 8,
      compoundWith: 'jsonField' as const,
      compoundName: ' orderId '
    }
    expect(whatIfErrors(f)).toEqual({})
    expect(whatIfStrategy(f)).toEqual({ kind: 'salt', buckets: 8 })
    expect(whatIfStrategy({ ...f, kind: 'compound' })).toEqual({
      kind: 'compound',
      jsonField: 'orderId'
    })
    expect(whatIfStrategy({ ...f, kind: 'compound', compoundWith: 'header' })).toEqual({
      kind: 'compound',
      header: 'orderId'
    })
    expect(whatIfStrategy({ ...f, kind: 'none' })).toEqual({ kind: 'none' })
    expect(whatIfErrors({ ...f, partitionCount: 0 }).partitionCount).toBeDefined()
    expect(whatIfErrors({ ...f, buckets: 1 }).buckets).toBeDefined()
    expect(whatIfErrors({ ...f, kind: 'compound', compoundName: '' }).compoundName).toBe(
      'Name the JSON field'
    )
  })

  it('simulates against a baseline of the same sample, fetched once per topic', async () => {
    const asked: Params<'partitions.whatIf'>[] = []
    call.mockImplementation(async (method: string, params: Params<'partitions.whatIf'>) => {
      if (method !== 'partitions.whatIf') throw new Error(`unexpected ${method}`)
      asked.push(params)
      return {
        topic: params.topic,
        partitionCount: params.partitionCount,
        strategy: params.strategy
      }
    })
    const whatIf = useWhatIfStore()
    // The skew report sampled 3,000 records: the prediction and its baseline take as many.
    whatIf.reset('orders', 6, 3000)
    whatIf.form.partitionCount = 12
    whatIf.form.kind = 'salt'
    await whatIf.simulate()
    whatIf.form.buckets = 4
    await whatIf.simulate()
    expect(asked).toEqual([
      {
        topic: 'orders',
        partitionCount: 12,
        strategy: { kind: 'salt', buckets: 8 },
        sampleSize: 3000
      },
      { topic: 'orders', partitionCount: 6, strategy: { kind: 'asIs' }, sampleSize: 3000 },
      {
        topic: 'orders',
        partitionCount: 12,
        strategy: { kind: 'salt', buckets: 4 },
        sampleSize: 3000
      }
    ])
    expect(whatIf.baseline?.partitionCount).toBe(6)
    expect(whatIf.result?.partitionCount).toBe(12)

    // Analyzed again after more writes: the same form, a new sample size and a new baseline.
    asked.length = 0
    whatIf.reset('orders', 6, 3600)
    expect(whatIf.form.partitionCount).toBe(12)
    expect(whatIf.baseline).toBeNull()
    await whatIf.simulate()
    expect(asked.map((a) => [a.partitionCount, a.sampleSize])).toEqual([
      [12, 3600],
      [6, 3600]
    ])
    // Another topic starts over.
    whatIf.reset('payments', 3, 91)
    expect(whatIf.form.partitionCount).toBe(3)
    expect(whatIf.sampleSize).toBe(91)
  })
})
