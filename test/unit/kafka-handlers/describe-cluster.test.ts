// DescribeCluster 0-2 through encoded frames: the running brokers; version 2 (KIP-1073) adds
// include_fenced_brokers, with which a stopped broker is listed too, is_fenced (a stopped Kafka
// broker stays registered, fenced), where without it, and before version 2, it is left out.
import { describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { openEngine, send } from './helpers'

const ask = (includeFencedBrokers: boolean) => ({
  includeClusterAuthorizedOperations: false,
  endpointType: 1,
  includeFencedBrokers
})

describe('DescribeCluster 0-2', () => {
  it('lists a stopped broker, fenced, only when version 2 asks for fenced brokers', async () => {
    const engine = openEngine()
    engine.stopBroker(2)
    const listed = async (version: number, fenced: boolean) => {
      const res = await send(engine, 0, ApiKey.DescribeCluster, version, ask(fenced))
      expect(res.errorCode).toBe(E.NONE)
      return res.brokers.map((b) => [b.brokerId, b.isFenced])
    }
    expect(await listed(2, true)).toEqual([
      [0, false],
      [1, false],
      [2, true]
    ])
    const running = [
      [0, false],
      [1, false]
    ]
    expect(await listed(2, false)).toEqual(running)
    // Versions 0 and 1 carry neither field: running brokers only, as before.
    expect(await listed(1, true)).toEqual(running)
    expect(await listed(0, true)).toEqual(running)
    engine.startBroker(2)
    expect(await listed(2, true)).toEqual([
      [0, false],
      [1, false],
      [2, false]
    ])
  })

  it('a fenced broker keeps its endpoint and rack', async () => {
    const engine = openEngine()
    const before = await send(engine, 0, ApiKey.DescribeCluster, 2, ask(true))
    engine.stopBroker(1)
    const after = await send(engine, 0, ApiKey.DescribeCluster, 2, ask(true))
    expect(after.brokers.map(({ isFenced: _f, ...b }) => b)).toEqual(
      before.brokers.map(({ isFenced: _f, ...b }) => b)
    )
    expect(after.brokers.find((b) => b.brokerId === 1)?.isFenced).toBe(true)
  })
})
