// Kafka's AdminUtils assignment, which places the coordinators' keys while their topics cannot
// be created (placement of new topics and partitions: striped-placement.test.ts).
import { describe, expect, it } from 'vitest'
import { assignReplicas } from '../../../src/engine/cluster/replica-assignment'

describe('assignReplicas', () => {
  it("matches Kafka's layout for 5 brokers, 10 partitions, RF 3 (start 0, shift 0)", () => {
    // Expected values from Kafka's AdminUtils.assignReplicasToBrokers documentation.
    const a = assignReplicas([0, 1, 2, 3, 4], 10, 3, 0, 0, 0)
    expect(a.slice(0, 5)).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 0],
      [4, 0, 1]
    ])
    expect(a.slice(5)).toEqual([
      [0, 2, 3],
      [1, 3, 4],
      [2, 4, 0],
      [3, 0, 1],
      [4, 1, 2]
    ])
  })

  it('never places two replicas of a partition on one broker', () => {
    for (let n = 1; n <= 9; n++)
      for (let rf = 1; rf <= n; rf++)
        for (const r of assignReplicas([...Array(n).keys()], 50, rf))
          expect(new Set(r).size).toBe(rf)
  })
})
