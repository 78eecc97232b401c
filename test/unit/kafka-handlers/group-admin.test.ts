// DescribeGroups, ListGroups and DeleteGroups through encoded frames.
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'

import type { Engine } from '../../../src/engine/engine'
import { coordinatorId, groupOn, openEngine, otherBroker, send, subscription } from './helpers'
import { engineInternals } from '../../support/engine-internals'

const meta = subscription(['orders'])

/** A Stable group of one static member, joined and synced at v5/v3. */
async function stableGroup(engine: Engine, groupId: string) {
  const broker = coordinatorId(engine, groupId)
  const joined = await send(engine, broker, ApiKey.JoinGroup, 5, {
    groupId,
    sessionTimeoutMs: 6000,
    rebalanceTimeoutMs: 6000,
    memberId: '',
    groupInstanceId: 'instance-1',
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: meta }]
  })
  await send(engine, broker, ApiKey.SyncGroup, 3, {
    groupId,
    generationId: joined.generationId,
    memberId: joined.memberId,
    groupInstanceId: 'instance-1',
    assignments: [{ memberId: joined.memberId, assignment: Buffer.from('assignment') }]
  })
  return joined
}

/** An Empty group that only holds committed offsets. */
async function emptyGroup(engine: Engine, groupId: string) {
  if (!engine.topic('orders'))
    engine.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 })
  await send(engine, coordinatorId(engine, groupId), ApiKey.OffsetCommit, 2, {
    groupId,
    generationIdOrMemberEpoch: -1,
    topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 1n }] }]
  })
}

describe('DescribeGroups', () => {
  it.each([0, 1, 2, 3, 4, 5])('v%i describes a stable group and its members', async (v) => {
    const engine = openEngine()
    const joined = await stableGroup(engine, 'g')
    // An unknown group the same broker coordinates: another one's would be NOT_COORDINATOR.
    const unknownId = groupOn(engine, coordinatorId(engine, 'g'), 'unknown')
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.DescribeGroups, v, {
      groups: ['g', unknownId],
      includeAuthorizedOperations: true
    })
    const [g, unknown] = res.groups
    expect(g).toMatchObject({
      errorCode: 0,
      groupId: 'g',
      groupState: 'Stable',
      protocolType: 'consumer',
      protocolData: 'range'
    })
    expect(g.members).toEqual([
      {
        memberId: joined.memberId,
        // The instance id is carried from v4.
        groupInstanceId: v >= 4 ? 'instance-1' : null,
        clientId: 'unit-client',
        clientHost: '127.0.0.1',
        memberMetadata: meta,
        memberAssignment: Buffer.from('assignment')
      }
    ])
    // Operations are answered from v3 when asked for.
    // Without ACLs every group operation Kafka 4 knows: READ (3), DELETE (6), DESCRIBE (8),
    // DESCRIBE_CONFIGS (10), ALTER_CONFIGS (11).
    expect(g.authorizedOperations).toBe(
      v >= 3 ? (1 << 3) | (1 << 6) | (1 << 8) | (1 << 10) | (1 << 11) : -2147483648
    )
    expect(unknown).toMatchObject({ errorCode: 0, groupId: unknownId, groupState: 'Dead' })
  })

  it('v3+ answers Integer.MIN_VALUE operations when not asked for', async () => {
    const engine = openEngine()
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.DescribeGroups, 4, {
      groups: ['g'],
      includeAuthorizedOperations: false
    })
    expect(res.groups[0].authorizedOperations).toBe(-2147483648)
  })

  it('answers NOT_COORDINATOR for a group another broker coordinates', async () => {
    const engine = openEngine()
    await stableGroup(engine, 'g')
    const res = await send(engine, otherBroker(engine, 'g'), ApiKey.DescribeGroups, 2, {
      groups: ['g']
    })
    expect(res.groups[0]).toMatchObject({ errorCode: ErrorCode.NOT_COORDINATOR, members: [] })
  })
})

describe('ListGroups', () => {
  it.each([0, 1, 2, 3, 4, 5])('v%i lists the groups each broker coordinates', async (v) => {
    const engine = openEngine()
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
    for (const id of ids) await emptyGroup(engine, id)
    const seen: string[] = []
    for (const broker of engine.listBrokers()) {
      const res = await send(engine, broker.id, ApiKey.ListGroups, v, {})
      expect(res.errorCode).toBe(ErrorCode.NONE)
      for (const g of res.groups) {
        expect(coordinatorId(engine, g.groupId)).toBe(broker.id)
        expect(g.protocolType).toBe('')
        // The state from v4, the type from v5.
        expect(g.groupState).toBe(v >= 4 ? 'Empty' : '')
        expect(g.groupType).toBe(v >= 5 ? 'classic' : '')
        seen.push(g.groupId)
      }
    }
    expect(seen.sort()).toEqual(ids)
  })

  it('v4+ filters by state, case-insensitively', async () => {
    const engine = openEngine()
    const broker = coordinatorId(engine, 'g')
    await stableGroup(engine, 'g')
    const list = async (statesFilter: string[]) =>
      (await send(engine, broker, ApiKey.ListGroups, 4, { statesFilter })).groups.map(
        (g) => g.groupId
      )
    expect(await list(['stable'])).toEqual(['g'])
    expect(await list(['Empty'])).toEqual([])
    expect(await list([])).toEqual(['g'])
  })

  it('v5 filters by type', async () => {
    const engine = openEngine()
    const broker = coordinatorId(engine, 'g')
    await stableGroup(engine, 'g')
    const list = async (typesFilter: string[]) =>
      (await send(engine, broker, ApiKey.ListGroups, 5, { typesFilter })).groups.map(
        (g) => g.groupId
      )
    expect(await list(['classic'])).toEqual(['g'])
    expect(await list(['consumer'])).toEqual([])
    // v4 carries no type filter: the same request lists the group.
    const v4 = await send(engine, broker, ApiKey.ListGroups, 4, { typesFilter: ['consumer'] })
    expect(v4.groups.map((g) => g.groupId)).toEqual(['g'])
  })
})

describe('DeleteGroups', () => {
  it.each([0, 1, 2])('v%i deletes empty groups only', async (v) => {
    const engine = openEngine()
    await stableGroup(engine, 'busy')
    await emptyGroup(engine, 'idle')
    const broker = coordinatorId(engine, 'idle')
    const names = ['idle', 'busy', 'ghost'].filter((id) => coordinatorId(engine, id) === broker)
    const res = await send(engine, broker, ApiKey.DeleteGroups, v, {
      groupsNames: [...names, 'idle']
    })
    const expected: Record<string, number> = {
      idle: ErrorCode.NONE,
      busy: ErrorCode.NON_EMPTY_GROUP,
      ghost: ErrorCode.GROUP_ID_NOT_FOUND
    }
    expect(res.results).toEqual([
      ...names.map((groupId) => ({ groupId, errorCode: expected[groupId] })),
      // Deleted a moment ago.
      { groupId: 'idle', errorCode: ErrorCode.GROUP_ID_NOT_FOUND }
    ])
    expect(engineInternals(engine).coordinator.group('idle')).toBeUndefined()
    expect(engineInternals(engine).coordinator.store.offsets('idle')).toEqual([])
  })

  it('answers NOT_COORDINATOR for a group another broker coordinates', async () => {
    const engine = openEngine()
    await emptyGroup(engine, 'idle')
    const res = await send(engine, otherBroker(engine, 'idle'), ApiKey.DeleteGroups, 1, {
      groupsNames: ['idle']
    })
    expect(res.results).toEqual([{ groupId: 'idle', errorCode: ErrorCode.NOT_COORDINATOR }])
    expect(engineInternals(engine).coordinator.group('idle')).toBeDefined()
  })
})
