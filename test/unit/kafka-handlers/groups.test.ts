// JoinGroup, SyncGroup, Heartbeat and LeaveGroup through encoded frames, version by version.
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'

import type { Engine } from '../../../src/engine/engine'
import { coordinatorId, openEngine, otherBroker, send, subscription } from './helpers'
import { engineInternals } from '../../support/engine-internals'

const meta = subscription(['orders'])
const protocols = [{ name: 'range', metadata: meta }]

/** Joins one member at `version`, answering MEMBER_ID_REQUIRED as clients do. */
async function join(
  engine: Engine,
  groupId: string,
  version: number,
  extra: { groupInstanceId?: string | null; reason?: string | null } = {}
) {
  const broker = coordinatorId(engine, groupId)
  const body = {
    groupId,
    sessionTimeoutMs: 6000,
    rebalanceTimeoutMs: 6000,
    memberId: '',
    protocolType: 'consumer',
    protocols,
    ...extra
  }
  let res = await send(engine, broker, ApiKey.JoinGroup, version, body)
  if (res.errorCode === ErrorCode.MEMBER_ID_REQUIRED)
    res = await send(engine, broker, ApiKey.JoinGroup, version, { ...body, memberId: res.memberId })
  return res
}

async function joinAndSync(engine: Engine, groupId: string, joinVersion = 5, syncVersion = 3) {
  const joined = await join(engine, groupId, joinVersion)
  const assignment = Buffer.from('assigned')
  const synced = await send(engine, coordinatorId(engine, groupId), ApiKey.SyncGroup, syncVersion, {
    groupId,
    generationId: joined.generationId,
    memberId: joined.memberId,
    protocolType: 'consumer',
    protocolName: 'range',
    assignments: [{ memberId: joined.memberId, assignment }]
  })
  expect(synced.errorCode).toBe(ErrorCode.NONE)
  expect(synced.assignment).toEqual(assignment)
  return joined
}

describe('JoinGroup', () => {
  it.each([0, 1, 2, 3])('v%i admits a member without a member id at once', async (v) => {
    const engine = openEngine()
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.JoinGroup, v, {
      groupId: 'g',
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 6000,
      memberId: '',
      protocolType: 'consumer',
      protocols
    })
    expect(res.errorCode).toBe(ErrorCode.NONE)
    expect(res.generationId).toBe(1)
    expect(res.protocolName).toBe('range')
    expect(res.memberId).toMatch(/^unit-client-/)
    expect(res.leader).toBe(res.memberId)
    expect(res.members).toEqual([{ memberId: res.memberId, groupInstanceId: null, metadata: meta }])
  })

  it.each([4, 5, 6, 7, 8, 9])('v%i answers a first join with MEMBER_ID_REQUIRED', async (v) => {
    const engine = openEngine()
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.JoinGroup, v, {
      groupId: 'g',
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 6000,
      memberId: '',
      protocolType: 'consumer',
      protocols
    })
    expect(res.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED)
    expect(res.memberId).toMatch(/^unit-client-/)
    expect(res.generationId).toBe(-1)
    // Until v7 the protocol name is not nullable: '' stands for none.
    expect(res.protocolName).toBe(v < 7 ? '' : null)
    expect(res.protocolType).toBe(null)
    const second = await join(engine, 'g', v)
    expect(second.errorCode).toBe(ErrorCode.NONE)
    expect(second.protocolName).toBe('range')
    // The protocol type is answered from v7.
    expect(second.protocolType).toBe(v >= 7 ? 'consumer' : null)
  })

  it('v5+ admits a static member at once and returns its instance id to the leader', async () => {
    const engine = openEngine()
    const res = await join(engine, 'g', 5, { groupInstanceId: 'instance-1' })
    expect(res.errorCode).toBe(ErrorCode.NONE)
    expect(res.memberId).toMatch(/^instance-1-/)
    expect(res.members[0].groupInstanceId).toBe('instance-1')
  })

  it('v9 tells a static leader rejoining a stable group to skip the assignment', async () => {
    const engine = openEngine()
    const broker = coordinatorId(engine, 'g')
    const first = await join(engine, 'g', 9, { groupInstanceId: 'instance-1' })
    await send(engine, broker, ApiKey.SyncGroup, 5, {
      groupId: 'g',
      generationId: first.generationId,
      memberId: first.memberId,
      groupInstanceId: 'instance-1',
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: [{ memberId: first.memberId, assignment: Buffer.from('a') }]
    })
    // A restarted instance comes back without its member id.
    const again = await join(engine, 'g', 9, { groupInstanceId: 'instance-1', reason: 'restart' })
    expect(again.errorCode).toBe(ErrorCode.NONE)
    expect(again.generationId).toBe(first.generationId)
    expect(again.skipAssignment).toBe(true)
    expect(again.leader).toBe(again.memberId)
  })

  it('v0 uses the session timeout as the rebalance timeout', async () => {
    const engine = openEngine()
    const res = await join(engine, 'g', 0)
    expect(res.errorCode).toBe(ErrorCode.NONE)
    const member = engineInternals(engine).coordinator.group('g')?.get(res.memberId)
    expect(member?.rebalanceTimeoutMs).toBe(6000)
  })

  it('a member that joined with rebalance timeout 0 is kept until its SyncGroup, within its session', async () => {
    const engine = openEngine()
    const broker = coordinatorId(engine, 'g0')
    const body = {
      groupId: 'g0',
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 0,
      memberId: '',
      protocolType: 'consumer',
      protocols
    }
    const joined = await send(engine, broker, ApiKey.JoinGroup, 3, body)
    expect(joined.errorCode).toBe(ErrorCode.NONE)
    // A timer turn passes, as the SyncGroup's round trip would.
    await new Promise((resolve) => setTimeout(resolve, 20))
    const synced = await send(engine, broker, ApiKey.SyncGroup, 3, {
      groupId: 'g0',
      generationId: joined.generationId,
      memberId: joined.memberId,
      assignments: [{ memberId: joined.memberId, assignment: Buffer.from('a') }]
    })
    expect(synced.errorCode).toBe(ErrorCode.NONE)
    const member = engineInternals(engine).coordinator.group('g0')?.get(joined.memberId)
    expect(member?.rebalanceTimeoutMs).toBe(6000)
  })

  it('refuses a session timeout outside the allowed range', async () => {
    const engine = openEngine()
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.JoinGroup, 2, {
      groupId: 'g',
      sessionTimeoutMs: 10,
      rebalanceTimeoutMs: 6000,
      memberId: '',
      protocolType: 'consumer',
      protocols
    })
    expect(res.errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT)
  })

  it.each([0, 6, 9])(
    'v%i at a broker that does not coordinate the group: NOT_COORDINATOR',
    async (v) => {
      const engine = openEngine()
      const res = await send(engine, otherBroker(engine, 'g'), ApiKey.JoinGroup, v, {
        groupId: 'g',
        sessionTimeoutMs: 6000,
        memberId: 'm-1',
        protocolType: 'consumer',
        protocols
      })
      expect(res.errorCode).toBe(ErrorCode.NOT_COORDINATOR)
      expect(res.memberId).toBe('m-1')
      expect(engineInternals(engine).coordinator.group('g')).toBeUndefined()
    }
  )

  it('moves with the coordinator when its broker stops', async () => {
    const engine = openEngine()
    const first = coordinatorId(engine, 'g')
    const joined = await join(engine, 'g', 5)
    engine.stopBroker(first)
    const next = coordinatorId(engine, 'g')
    expect(next).not.toBe(first)
    const hb = (broker: number) =>
      send(engine, broker, ApiKey.Heartbeat, 2, {
        groupId: 'g',
        generationId: joined.generationId,
        memberId: joined.memberId
      })
    // The stopped broker's listener is closed; any other broker but the new coordinator
    // sends the client back to FindCoordinator.
    const third = engine.listBrokers().find((b) => b.id !== first && b.id !== next)!.id
    expect((await hb(third)).errorCode).toBe(ErrorCode.NOT_COORDINATOR)
    // The new coordinator has the group's state.
    expect((await hb(next)).errorCode).not.toBe(ErrorCode.NOT_COORDINATOR)
  })
})

describe('SyncGroup', () => {
  it.each([0, 1, 2, 3, 4])('v%i hands the leader its assignment', async (v) => {
    const engine = openEngine()
    const joined = await join(engine, 'g', 3)
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.SyncGroup, v, {
      groupId: 'g',
      generationId: joined.generationId,
      memberId: joined.memberId,
      assignments: [{ memberId: joined.memberId, assignment: Buffer.from([1, 2, 3]) }]
    })
    expect(res.errorCode).toBe(ErrorCode.NONE)
    expect(res.assignment).toEqual(Buffer.from([1, 2, 3]))
    expect(res.protocolType).toBe(null)
    expect(res.protocolName).toBe(null)
  })

  it('v5 answers the protocol type and name', async () => {
    const engine = openEngine()
    const joined = await join(engine, 'g', 7)
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.SyncGroup, 5, {
      groupId: 'g',
      generationId: joined.generationId,
      memberId: joined.memberId,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: [{ memberId: joined.memberId, assignment: Buffer.from('x') }]
    })
    expect(res).toMatchObject({ errorCode: 0, protocolType: 'consumer', protocolName: 'range' })
  })

  it('v5 without the protocol type or name: INCONSISTENT_GROUP_PROTOCOL', async () => {
    const engine = openEngine()
    const joined = await join(engine, 'g', 7)
    for (const missing of [{ protocolType: null }, { protocolName: null }]) {
      const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.SyncGroup, 5, {
        groupId: 'g',
        generationId: joined.generationId,
        memberId: joined.memberId,
        protocolType: 'consumer',
        protocolName: 'range',
        ...missing,
        assignments: []
      })
      expect(res.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
    }
  })

  it('v5 with another protocol name than the selected one: INCONSISTENT_GROUP_PROTOCOL', async () => {
    const engine = openEngine()
    const joined = await join(engine, 'g', 7)
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.SyncGroup, 5, {
      groupId: 'g',
      generationId: joined.generationId,
      memberId: joined.memberId,
      protocolType: 'consumer',
      protocolName: 'roundrobin',
      assignments: []
    })
    expect(res.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
  })

  it('at another broker: NOT_COORDINATOR', async () => {
    const engine = openEngine()
    const joined = await join(engine, 'g', 3)
    const res = await send(engine, otherBroker(engine, 'g'), ApiKey.SyncGroup, 3, {
      groupId: 'g',
      generationId: joined.generationId,
      memberId: joined.memberId,
      assignments: []
    })
    expect(res.errorCode).toBe(ErrorCode.NOT_COORDINATOR)
  })
})

describe('Heartbeat', () => {
  it.each([0, 1, 2, 3, 4])('v%i keeps a stable member and refuses strangers', async (v) => {
    const engine = openEngine()
    const joined = await joinAndSync(engine, 'g')
    const broker = coordinatorId(engine, 'g')
    const beat = (memberId: string, generationId = joined.generationId) =>
      send(engine, broker, ApiKey.Heartbeat, v, { groupId: 'g', generationId, memberId })
    expect(await beat(joined.memberId)).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.NONE })
    expect((await beat('stranger')).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID)
    expect((await beat(joined.memberId, 99)).errorCode).toBe(ErrorCode.ILLEGAL_GENERATION)
    const elsewhere = await send(engine, otherBroker(engine, 'g'), ApiKey.Heartbeat, v, {
      groupId: 'g',
      generationId: joined.generationId,
      memberId: joined.memberId
    })
    expect(elsewhere.errorCode).toBe(ErrorCode.NOT_COORDINATOR)
  })

  it('v3+ checks the group instance id of a static member', async () => {
    const engine = openEngine()
    const joined = await join(engine, 'g', 5, { groupInstanceId: 'i-1' })
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.Heartbeat, 3, {
      groupId: 'g',
      generationId: joined.generationId,
      memberId: 'an-older-member-id',
      groupInstanceId: 'i-1'
    })
    expect(res.errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID)
  })
})

describe('LeaveGroup', () => {
  it.each([0, 1, 2])('v%i: one member, its error as the top-level code', async (v) => {
    const engine = openEngine()
    const joined = await joinAndSync(engine, 'g')
    const broker = coordinatorId(engine, 'g')
    const stranger = await send(engine, broker, ApiKey.LeaveGroup, v, {
      groupId: 'g',
      memberId: 'stranger'
    })
    expect(stranger.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID)
    const left = await send(engine, broker, ApiKey.LeaveGroup, v, {
      groupId: 'g',
      memberId: joined.memberId
    })
    expect(left.errorCode).toBe(ErrorCode.NONE)
    expect(left.members).toEqual([])
    expect(engineInternals(engine).coordinator.group('g')?.state).toBe('Empty')
  })

  it.each([3, 4, 5])('v%i: a batch of members, each with its own code', async (v) => {
    const engine = openEngine()
    const joined = await joinAndSync(engine, 'g')
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.LeaveGroup, v, {
      groupId: 'g',
      members: [
        { memberId: joined.memberId, groupInstanceId: null, reason: 'shutting down' },
        { memberId: 'stranger', groupInstanceId: null }
      ]
    })
    expect(res.errorCode).toBe(ErrorCode.NONE)
    expect(res.members).toEqual([
      { memberId: joined.memberId, groupInstanceId: null, errorCode: ErrorCode.NONE },
      { memberId: 'stranger', groupInstanceId: null, errorCode: ErrorCode.UNKNOWN_MEMBER_ID }
    ])
  })

  it('v3+ removes a static member by its instance id alone', async () => {
    const engine = openEngine()
    await join(engine, 'g', 5, { groupInstanceId: 'i-1' })
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.LeaveGroup, 4, {
      groupId: 'g',
      members: [{ memberId: '', groupInstanceId: 'i-1' }]
    })
    expect(res.members).toEqual([{ memberId: '', groupInstanceId: 'i-1', errorCode: 0 }])
    expect(engineInternals(engine).coordinator.group('g')?.size).toBe(0)
  })

  it.each([1, 3])('v%i at another broker: NOT_COORDINATOR', async (v) => {
    const engine = openEngine()
    const joined = await join(engine, 'g', 3)
    const res = await send(engine, otherBroker(engine, 'g'), ApiKey.LeaveGroup, v, {
      groupId: 'g',
      memberId: joined.memberId,
      members: [{ memberId: joined.memberId, groupInstanceId: null }]
    })
    expect(res.errorCode).toBe(ErrorCode.NOT_COORDINATOR)
    expect(engineInternals(engine).coordinator.group('g')?.size).toBe(1)
  })
})
