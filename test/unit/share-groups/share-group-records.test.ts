// The records of a share group's own state (KIP-932) that go to __consumer_offsets as Kafka
// 4.2's group coordinator writes them (the epoch with KIP-1101's hash of the subscribed topics'
// metadata): a member joining, a second one, a heartbeat changing
// nothing (no record), a member leaving (its tombstones, current assignment first) and the
// group's deletion (a tombstone of every key, its epoch last), decoded by Logdeck's reader.
import { afterEach, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { GroupCoordinator } from '../../../src/engine/groups/coordinator'
import {
  decodeCoordinatorRecord,
  GROUP_RECORD_TYPES,
  type CoordinatorRecord
} from '../../../src/engine/groups/coordinator-records'
import type {
  CoordinatorRecordBytes,
  CoordinatorRecordSink
} from '../../../src/engine/cluster/internal-topic'
import type { ShareHeartbeatParams } from '../../../src/engine/share-groups/share-heartbeat'
import { FakePartitions, ManualScheduler, memoryDb } from '../groups/helpers'
import { groupHash, topicHash } from '../../../src/engine/groups/metadata-hash'

const A = '5f0c5c62-52c5-4bb6-9a3f-2f1d8a0c0001'
const B = '5f0c5c62-52c5-4bb6-9a3f-2f1d8a0c0002'
const ORDERS_ID = '00000000-0000-0000-0000-00000000000a'
const ORDERS_KAFKA_ID = Buffer.from(ORDERS_ID.replace(/-/g, ''), 'hex').toString('base64url')

class TopicsWithIds extends FakePartitions {
  topicId(topic: string): string | undefined {
    return topic === 'orders' ? ORDERS_ID : undefined
  }
  partitionRacks(topic: string, partition: number): string[] {
    return topic === 'orders' && partition === 0 ? ['east'] : []
  }
}

const coordinators: GroupCoordinator[] = []
afterEach(() => coordinators.splice(0).forEach((c) => c.close()))

function coordinatorWithSink() {
  const writes: CoordinatorRecord[][] = []
  const sink: CoordinatorRecordSink = {
    ensure: () => {},
    write: (_groupId: string, records: readonly CoordinatorRecordBytes[]) =>
      void writes.push(
        records.map((r) => decodeCoordinatorRecord(GROUP_RECORD_TYPES, r.key, r.value))
      ),
    committed: () => {},
    rolledBack: () => {}
  }
  const coordinator = new GroupCoordinator({
    db: memoryDb(),
    partitions: new TopicsWithIds().add('orders', 3),
    scheduler: new ManualScheduler(),
    records: sink,
    onError: (err) => {
      throw err
    }
  })
  coordinators.push(coordinator)
  return { coordinator, writes }
}

const names = (writes: CoordinatorRecord[][]) =>
  writes.flat().map((r) => {
    const name = GROUP_RECORD_TYPES.get(r.key.type)?.name ?? String(r.key.type)
    const who = r.key.data.memberId === undefined ? '' : ` ${String(r.key.data.memberId)}`
    return `${name}${who}${r.value === null ? ' (tombstone)' : ''}`
  })

function beat(c: GroupCoordinator, overrides: Partial<ShareHeartbeatParams>) {
  const r = c.shareGroupHeartbeat({
    groupId: 'sg',
    memberId: A,
    memberEpoch: 0,
    rackId: null,
    subscribedTopicNames: ['orders'],
    clientId: 'share-client',
    clientHost: '/127.0.0.1',
    ...overrides
  })
  expect(r.errorCode).toBe(ErrorCode.NONE)
  return r
}

describe('share group records', () => {
  it('follow members joining and leaving, only what changed, and the deletion', () => {
    const { coordinator, writes } = coordinatorWithSink()
    const a = beat(coordinator, { memberId: A })
    expect(names(writes)).toEqual([
      `ShareGroupMemberMetadata ${A}`,
      'ShareGroupMetadata',
      `ShareGroupTargetAssignmentMember ${A}`,
      'ShareGroupTargetAssignmentMetadata',
      `ShareGroupCurrentMemberAssignment ${A}`
    ])
    // The epoch and its records in one batch, one SQLite transaction.
    expect(writes).toHaveLength(1)
    const [memberMetadata, epoch, , , current] = writes[0]
    expect(memberMetadata.value).toEqual({
      version: 0,
      data: {
        rackId: null,
        clientId: 'share-client',
        clientHost: '/127.0.0.1',
        subscribedTopicNames: ['orders']
      }
    })
    const ordersHash = topicHash({
      id: ORDERS_ID,
      name: 'orders',
      partitionRacks: [['east'], [], []]
    })
    expect(epoch.value?.data).toEqual({
      epoch: 1,
      metadataHash: groupHash(new Map([['orders', ordersHash]])).toString()
    })
    expect(current.value?.data).toEqual({
      memberEpoch: 1,
      previousMemberEpoch: 0,
      state: 0,
      assignedPartitions: [{ topicId: ORDERS_KAFKA_ID, partitions: [0, 1, 2] }]
    })

    writes.length = 0
    beat(coordinator, { memberId: A, memberEpoch: a.memberEpoch, subscribedTopicNames: null })
    expect(writes).toEqual([])

    const b = beat(coordinator, { memberId: B })
    expect(names(writes)).toEqual([
      `ShareGroupMemberMetadata ${B}`,
      'ShareGroupMetadata',
      `ShareGroupTargetAssignmentMember ${A}`,
      `ShareGroupTargetAssignmentMember ${B}`,
      'ShareGroupTargetAssignmentMetadata',
      `ShareGroupCurrentMemberAssignment ${B}`
    ])

    writes.length = 0
    beat(coordinator, { memberId: A, memberEpoch: -1, subscribedTopicNames: null })
    expect(names(writes).slice(0, 3)).toEqual([
      `ShareGroupCurrentMemberAssignment ${A} (tombstone)`,
      `ShareGroupTargetAssignmentMember ${A} (tombstone)`,
      `ShareGroupMemberMetadata ${A} (tombstone)`
    ])
    beat(coordinator, { memberId: B, memberEpoch: -1, subscribedTopicNames: null })
    expect(b.memberEpoch).toBeGreaterThan(0)

    writes.length = 0
    expect(coordinator.deleteGroups(['sg'])).toEqual([{ groupId: 'sg', errorCode: 0 }])
    expect(names(writes)).toEqual([
      'ShareGroupTargetAssignmentMetadata (tombstone)',
      'ShareGroupMetadata (tombstone)'
    ])
  })
})
