// The consumer-group stores against a fake engine: the list's totals and sparklines, the open
// group with its lag history per window (stale answers dropped), and the offset reset that
// applies only what was previewed and shows the engine's refusal as it comes.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { GroupDescription, GroupSummary } from '../../../src/shared/api/groups'
import type { Params } from '../../../src/shared/contract'
import { CallError } from '../../../src/renderer/src/api/call-error'

const call = vi.fn()
vi.mock('../../../src/renderer/src/api/client', () => ({ api: { call, on: vi.fn() } }))
const { useGroupsStore } = await import('../../../src/renderer/src/stores/groups')
const { useGroupStore } = await import('../../../src/renderer/src/stores/group')
const { useOffsetResetStore } = await import('../../../src/renderer/src/stores/offset-reset')
const { useDialogsStore } = await import('../../../src/renderer/src/stores/dialogs')

const summary = (groupId: string, over: Partial<GroupSummary> = {}): GroupSummary => ({
  groupId,
  state: 'Stable',
  protocolType: 'consumer',
  members: 1,
  topics: ['orders'],
  totalLag: 0,
  lagMs: 0,
  atRisk: false,
  recordsLost: 0,
  ...over
})

const description = (groupId: string, members = 1): GroupDescription => ({
  groupId,
  state: members ? 'Stable' : 'Empty',
  protocolType: 'consumer',
  protocol: 'range',
  generationId: 3,
  members: Array.from({ length: members }, (_, i) => ({
    memberId: `m-${i}`,
    groupInstanceId: null,
    clientId: `client-${i}`,
    clientHost: '127.0.0.1',
    assignments: [{ topic: 'orders', partitions: [0, 1] }]
  })),
  offsets: [0, 1].map((partition) => ({
    topic: 'orders',
    partition,
    committedOffset: 10,
    highWatermark: 30,
    logStartOffset: 0,
    lag: 20,
    metadata: null,
    commitTimestamp: null,
    recordsLost: 0,
    lagMs: 5000,
    timeToLossMs: null
  })),
  totalLag: 40,
  health: {
    lagMs: 5000,
    produceRatePerSec: 1,
    consumeRatePerSec: 1,
    trend: 'steady',
    catchUpInMs: null,
    timeToLossMs: null,
    lossPartition: null,
    atRisk: false,
    recordsLost: 0
  }
})

beforeEach(() => {
  setActivePinia(createPinia())
  call.mockReset()
})

describe('groups store', () => {
  it('totals lag, risk and losses, and draws a sparkline per group', async () => {
    call.mockImplementation(async (method: string, params: { groupId?: string }) => {
      if (method === 'groups.list')
        return {
          groups: [
            summary('a', { totalLag: 5, atRisk: true }),
            summary('b', { state: 'Empty', recordsLost: 7 })
          ]
        }
      if (method === 'groups.lagHistory')
        return {
          groupId: params.groupId,
          total:
            params.groupId === 'a'
              ? [
                  [1, 3],
                  [2, 5]
                ]
              : [],
          partitions: []
        }
      throw new Error(`unexpected ${method}`)
    })
    const groups = useGroupsStore()
    await groups.load()
    expect(groups.totals).toEqual({
      groups: 2,
      stable: 1,
      lagging: 1,
      totalLag: 5,
      atRisk: 1,
      recordsLost: 7
    })
    const release = groups.watchSparklines()
    await vi.waitFor(() => expect(groups.sparklines).toEqual({ a: [3, 5], b: [] }))
    release()
    expect(call).toHaveBeenCalledWith('groups.lagHistory', { groupId: 'a', windowMs: 900_000 })
  })
})

describe('group store', () => {
  it('opens a group with its owners, and keeps the history of the window last asked for', async () => {
    let slow: (() => void) | null = null
    call.mockImplementation(async (method: string, params: Params<'groups.lagHistory'>) => {
      if (method === 'groups.describe') return description('g')
      if (method === 'groups.lagHistory') {
        // The 5-minute answer arrives after the 1-hour one was asked for: it must be dropped.
        if (params.windowMs === 300_000 && !slow)
          await new Promise<void>((resolve) => (slow = resolve))
        return { groupId: 'g', total: [[params.windowMs ?? 0, 1]], partitions: [] }
      }
      throw new Error(`unexpected ${method}`)
    })
    const group = useGroupStore()
    await group.open('g')
    expect(group.description?.groupId).toBe('g')
    expect(group.topics).toEqual(['orders'])
    expect(group.owners.get('orders-1')).toBe('client-0')
    await vi.waitFor(() => expect(slow).not.toBeNull())
    const switched = group.setWindow(3_600_000)
    ;(slow as unknown as () => void)()
    await switched
    await vi.waitFor(() => expect(group.history?.total).toEqual([[3_600_000, 1]]))
    expect(group.windowMs).toBe(3_600_000)
  })

  it('refreshes only while watched: the timers stop when the view releases them', async () => {
    vi.useFakeTimers()
    try {
      call.mockImplementation(async (method: string) =>
        method === 'groups.describe'
          ? description('g')
          : { groupId: 'g', total: [], partitions: [] }
      )
      const group = useGroupStore()
      void group.open('g')
      const release = group.watch()
      await vi.advanceTimersByTimeAsync(30_000)
      const described = call.mock.calls.filter(([m]) => m === 'groups.describe').length
      const sampled = call.mock.calls.filter(([m]) => m === 'groups.lagHistory').length
      // Every 5 s for the description, every 10 s for the 5-minute chart.
      expect(described).toBeGreaterThanOrEqual(6)
      expect(sampled).toBeGreaterThanOrEqual(3)
      release()
      // A reload already scheduled may still land; nothing starts after it.
      await vi.advanceTimersByTimeAsync(2000)
      call.mockClear()
      await vi.advanceTimersByTimeAsync(120_000)
      expect(call).not.toHaveBeenCalled()
    } finally {
      vi.useRealTimers()
    }
  })

  it('keeps the problem of a group that does not exist', async () => {
    call.mockRejectedValue(new CallError('NOT_FOUND', "Group 'x' does not exist", 'groupId'))
    const group = useGroupStore()
    await group.open('x')
    expect(group.problem?.message).toBe("Group 'x' does not exist")
    expect(group.description).toBeNull()
  })
})

describe('offset reset store', () => {
  function serve(members: number) {
    const calls: Params<'groups.resetOffsets'>[] = []
    call.mockImplementation(async (method: string, params: Params<'groups.resetOffsets'>) => {
      if (method !== 'groups.resetOffsets') throw new Error(`unexpected ${method}`)
      calls.push(params)
      if (members > 0)
        throw new CallError(
          'CONFLICT',
          "Offsets of group 'g' can only be reset while it has no active members",
          'groupId'
        )
      return {
        groupId: params.groupId,
        dryRun: params.dryRun ?? false,
        offsets: (params.partitions ?? [0, 1]).map((partition) => ({
          topic: params.topic,
          partition,
          previousOffset: 10,
          newOffset: 0,
          lag: 30
        }))
      }
    })
    return calls
  }

  it('applies exactly what was previewed, and a changed form needs a new preview', async () => {
    const calls = serve(0)
    const reset = useOffsetResetStore()
    reset.open('g', 'orders')
    expect(useDialogsStore().resetOffsets).toBe('g')
    expect(reset.canApply).toBe(false)
    expect(await reset.runPreview()).toBe(true)
    expect(calls[0]).toEqual({
      groupId: 'g',
      topic: 'orders',
      to: { earliest: true },
      dryRun: true
    })
    expect(reset.previewTotals).toEqual({ partitions: 2, lag: 60, moved: -20 })
    expect(reset.canApply).toBe(true)

    reset.form.scope = 'chosen'
    reset.form.partitions = [1]
    expect(reset.canApply).toBe(false)
    expect(await reset.apply()).toBe(false)
    await reset.runPreview()
    expect(await reset.apply()).toBe(true)
    expect(calls.at(-1)).toEqual({
      groupId: 'g',
      topic: 'orders',
      partitions: [1],
      to: { earliest: true },
      dryRun: false
    })
    expect(reset.applied?.offsets).toHaveLength(1)
  })

  it('shows the refusal for a group with members, and sends nothing invalid', async () => {
    const calls = serve(1)
    const reset = useOffsetResetStore()
    reset.open('g', 'orders')
    expect(await reset.runPreview()).toBe(false)
    expect(reset.problem?.code).toBe('CONFLICT')
    expect(reset.problem?.message).toContain('no active members')
    expect(reset.preview).toBeNull()
    expect(reset.canApply).toBe(false)

    reset.form.kind = 'shiftBy'
    reset.form.shiftBy = 0
    await Promise.resolve()
    expect(reset.valid).toBe(false)
    expect(await reset.runPreview()).toBe(false)
    expect(calls).toHaveLength(1)
  })
})
