// The replication store against a fake engine: the replica map of the chosen topic, the
// timeline and the records lost to unclean elections, and preferred-leader election.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { ClusterChange } from '../../../src/shared/api/cluster'
import type { EventName } from '../../../src/shared/contract'

const call = vi.fn()
const listeners = new Map<EventName, (payload: unknown) => void>()
const on = vi.fn((event: EventName, l: (payload: unknown) => void) => {
  listeners.set(event, l)
  return () => listeners.delete(event)
})
vi.mock('../../../src/renderer/src/api/client', () => ({ api: { call, on } }))
const { useReplicationStore } = await import('../../../src/renderer/src/stores/replication')

const changes: ClusterChange[] = [
  {
    timestamp: 3,
    kind: 'unclean-election',
    topic: 'ledger',
    partition: 0,
    recordsLost: 5,
    message: ''
  },
  { timestamp: 2, kind: 'isr-shrunk', topic: 'ledger', partition: 0, message: '' },
  { timestamp: 1, kind: 'leader-elected', topic: 'dlq', partition: 0, recordsLost: 40, message: '' }
]

beforeEach(() => {
  setActivePinia(createPinia())
  call.mockReset()
  listeners.clear()
})

describe('replication store', () => {
  it('describes the chosen topic, sums the losses and reloads on cluster changes', async () => {
    let described = 0
    call.mockImplementation(async (method: string) => {
      if (method === 'topics.describe') {
        described++
        return {
          name: 'ledger',
          partitions: [
            { partition: 0, leader: -1, replicas: [0, 2], isr: [0] },
            { partition: 1, leader: 2, replicas: [0, 2], isr: [2] }
          ]
        }
      }
      if (method === 'cluster.history') return { changes }
      throw new Error(`unexpected ${method}`)
    })
    const r = useReplicationStore()
    r.follow()
    await r.open('ledger')
    expect(r.summary).toEqual({ partitions: 2, underReplicated: 1, offline: 1, notPreferred: 1 })
    const release = r.watch()
    await vi.waitFor(() => expect(r.historyLoaded).toBe(true))
    release()
    expect(r.losses.map((c) => c.recordsLost)).toEqual([5, 40])
    expect(r.recordsLost).toBe(45)
    const before = described
    listeners.get('cluster.changed')?.({ reason: 'broker-stopped', brokerId: 0 })
    await vi.waitFor(() => expect(described).toBeGreaterThan(before))
  })

  it('elects preferred leaders and says how many moved', async () => {
    call.mockImplementation(async (method: string) => {
      if (method === 'partitions.electLeaders')
        return { elected: [{ topic: 'a', partition: 0, leader: 1, leaderEpoch: 2 }] }
      if (method === 'cluster.history') return { changes: [] }
      if (method === 'topics.describe') return { name: 'a', partitions: [] }
      throw new Error(`unexpected ${method}`)
    })
    const r = useReplicationStore()
    expect(await r.electPreferred()).toBe(1)
    expect(r.electing).toBe(false)
    call.mockRejectedValueOnce(new Error('boom'))
    expect(await r.electPreferred()).toBeNull()
    expect(r.electProblem?.message).toBe('boom')
  })
})
