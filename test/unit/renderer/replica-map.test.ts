// The replica map's cells (leader, in sync, lagging, out of the ISR, offline), partition status,
// the summary line, and the losses and tones of cluster changes.
import { describe, expect, it } from 'vitest'
import type { PartitionInfo } from '../../../src/shared/model'
import type { ClusterChange } from '../../../src/shared/api/cluster'
import {
  cellLabel,
  cellTitle,
  changeLabel,
  changeTone,
  lossesOf,
  partitionStatus,
  replicaCell,
  summarize
} from '../../../src/renderer/src/lib/replica-map'

const part = (over: Partial<PartitionInfo> = {}): PartitionInfo => ({
  partition: 0,
  leader: 1,
  leaderEpoch: 0,
  replicas: [1, 2, 0],
  isr: [1, 2, 0],
  offlineReplicas: [],
  logStartOffset: 0,
  highWatermark: 100,
  logEndOffset: 100,
  sizeBytes: 0,
  recordsPerSec: 0,
  bytesPerSec: 0,
  replicaLogEndOffsets: { 0: 100, 1: 100, 2: 100 },
  ...over
})

describe('replica map', () => {
  it('marks the replicas a reassignment adds and removes, and counts adding ones as not missing', () => {
    const p = part({
      leader: 0,
      replicas: [2, 1, 0],
      isr: [0, 1],
      addingReplicas: [2],
      removingReplicas: [0],
      replicaLogEndOffsets: { 0: 100, 1: 100, 2: 40 }
    })
    const adding = replicaCell(p, 2)
    expect(adding).toMatchObject({ state: 'out-of-sync', move: 'adding', behind: 60 })
    expect(cellLabel(adding)).toBe('copying −60')
    expect(cellTitle(adding, 2)).toContain('a reassignment is adding this replica')
    expect(replicaCell(p, 0)).toMatchObject({ state: 'leader', move: 'removing' })
    expect(partitionStatus(p)).toBe('ok')
    expect(partitionStatus({ ...p, isr: [0] })).toBe('under-replicated')
  })

  it('says a follower out of the ISR is behind by an unknown amount where the cluster cannot tell', () => {
    const p = part({ isr: [1, 2], replicaLogEndOffsets: { 0: null, 1: 100, 2: 100 } })
    const c = replicaCell(p, 0)
    expect(c).toMatchObject({ state: 'out-of-sync', behind: null })
    expect(cellLabel(c)).toBe('out of ISR')
    expect(cellTitle(c, 0)).toBe('Broker 0: left the ISR, how far behind this cluster does not say')
  })

  it('tells each replica apart', () => {
    const p = part({
      leader: 2,
      isr: [2, 0],
      offlineReplicas: [],
      logEndOffset: 120,
      replicaLogEndOffsets: { 0: 108, 1: 90, 2: 120 }
    })
    expect(replicaCell(p, 2)).toMatchObject({ state: 'leader', preferred: false })
    expect(replicaCell(p, 0)).toMatchObject({ state: 'lagging', behind: 12, inIsr: true })
    expect(replicaCell(p, 1)).toMatchObject({ state: 'out-of-sync', behind: 30, preferred: true })
    expect(replicaCell(part(), 2).state).toBe('in-sync')
    expect(replicaCell(part({ offlineReplicas: [0] }), 0).state).toBe('offline')
    expect(replicaCell(part({ replicas: [1, 2] }), 0).state).toBe('none')
    expect(cellLabel(replicaCell(p, 0))).toBe('−12')
    expect(cellLabel(replicaCell(p, 1))).toBe('out −30')
  })

  it('marks offline and under-replicated partitions, and counts them', () => {
    const parts = [
      part(),
      part({ partition: 1, isr: [1, 2] }),
      part({ partition: 2, leader: -1, isr: [1] }),
      part({ partition: 3, leader: 2 })
    ]
    expect(parts.map(partitionStatus)).toEqual(['ok', 'under-replicated', 'offline', 'ok'])
    expect(summarize(parts)).toEqual({
      partitions: 4,
      underReplicated: 1,
      offline: 1,
      notPreferred: 1
    })
  })

  it('finds the records lost and colours the timeline', () => {
    const change = (over: Partial<ClusterChange>): ClusterChange => ({
      timestamp: 1,
      kind: 'leader-elected',
      message: '',
      ...over
    })
    const changes = [
      change({ kind: 'unclean-election', recordsLost: 5 }),
      change({ kind: 'isr-shrunk' }),
      change({ kind: 'leader-elected', recordsLost: 40 }),
      change({ kind: 'leader-elected', recordsLost: 0 })
    ]
    expect(lossesOf(changes).map((c) => c.recordsLost)).toEqual([5, 40])
    expect(changeTone(change({ kind: 'leader-elected', leader: -1 }))).toBe('error')
    expect(changeLabel(change({ kind: 'leader-elected', leader: -1 }))).toBe('offline')
    expect(changeTone(change({ kind: 'leader-elected', leader: 2 }))).toBe('info')
    expect(changeTone(change({ kind: 'isr-expanded' }))).toBe('success')
    expect(changeTone(change({ kind: 'isr-shrunk' }))).toBe('warning')
    expect(changeLabel(change({ kind: 'unclean-election' }))).toBe('unclean election')
  })
})
