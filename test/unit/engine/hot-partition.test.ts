// A topic's hot partition, as the topics list and the overview flag it: the busiest partition
// by recent writes (else by records held) when it takes 1.5x the mean or more.
import { describe, expect, it } from 'vitest'
import { hotPartition } from '../../../src/engine/service/embedded/views'
import type { PartitionInfo } from '../../../src/shared/model'

const part = (partition: number, records: number, recordsPerSec = 0): PartitionInfo => ({
  partition,
  leader: 0,
  leaderEpoch: 0,
  replicas: [0],
  isr: [0],
  offlineReplicas: [],
  logStartOffset: 10,
  highWatermark: 10 + records,
  logEndOffset: 10 + records,
  sizeBytes: records * 100,
  recordsPerSec,
  bytesPerSec: recordsPerSec * 100,
  replicaLogEndOffsets: {}
})

describe('hotPartition', () => {
  it('flags the partition holding far more records than its share', () => {
    expect(hotPartition([part(0, 100), part(1, 100), part(2, 400)])).toEqual({
      partition: 2,
      share: 400 / 600,
      maxOverMean: 2,
      basis: 'records'
    })
  })

  it('judges by recent writes when there are any', () => {
    const hot = hotPartition([part(0, 1000, 1), part(1, 10, 10), part(2, 10, 1)])
    expect(hot).toMatchObject({ partition: 1, basis: 'writes' })
    expect(hot?.share).toBeCloseTo(10 / 12)
  })

  it('says nothing for an even spread, an empty topic or a single partition', () => {
    expect(hotPartition([part(0, 100), part(1, 120), part(2, 140)])).toBeNull()
    expect(hotPartition([part(0, 0), part(1, 0)])).toBeNull()
    expect(hotPartition([part(0, 500)])).toBeNull()
  })
})
