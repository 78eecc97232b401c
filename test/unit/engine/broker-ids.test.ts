// Brokers keep the ids they are given (Kafka's node.id): ports go by id order, replicas, leaders
// and coordinators are among the ids, an unknown id is refused naming the brokers, and the data
// directory keeps the ids: reopened without one of its brokers it is refused, it may grow, and
// the desktop app (no brokers given) opens it with its own.
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Engine } from '../../../src/engine/engine'
import type { EngineOptions } from '../../../src/engine/engine-options'
import { DB_FILE } from '../../../src/engine/storage/database'
import { MissingBrokersError } from '../../../src/engine/cluster/brokers'

const engines: Engine[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

function open(options: Partial<EngineOptions> = {}): Engine {
  const e = Engine.open({ dataDir: ':memory:', port: 0, replication: { tickMs: 0 }, ...options })
  engines.push(e)
  return e
}

async function reopen(e: Engine, options: Partial<EngineOptions>): Promise<Engine> {
  await e.close()
  engines.splice(engines.indexOf(e), 1)
  return open(options)
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-broker-ids-'))
  dirs.push(dir)
  return dir
}

describe('brokers with the ids they are given', () => {
  it('lists them in id order, the i-th on port + i, with its rack', () => {
    const e = open({ brokerIds: [3, 1, 2], port: 19500, brokerRacks: ['a', 'b', null] })
    expect(e.listBrokers().map((b) => [b.id, b.port])).toEqual([
      [1, 19500],
      [2, 19501],
      [3, 19502]
    ])
    expect(e.brokerIds()).toEqual([1, 2, 3])
    expect([1, 2, 3].map((id) => e.brokerRack(id))).toEqual(['a', 'b', null])
    expect(e.controllerId).toBe(1)
  })

  it('places replicas, leaders and coordinators on them, and stops a broker by its id', () => {
    const e = open({ brokerIds: [1001, 7, 42] })
    const t = e.createTopic({ name: 'orders', partitions: 6, replicationFactor: 3 })
    for (const p of t.partitions) {
      expect([...p.replicas].sort((a, b) => a - b)).toEqual([7, 42, 1001])
      expect([7, 42, 1001]).toContain(p.leader)
    }
    // Every broker leads some partition.
    expect(new Set(t.partitions.map((p) => p.leader))).toEqual(new Set([7, 42, 1001]))
    e.stopBroker(42)
    expect(e.isOnline(42)).toBe(false)
    for (const p of e.topic('orders')!.partitions) expect(p.leader).not.toBe(42)
    expect(e.controllerId).toBe(7)
    expect([7, 1001]).toContain(e.groupCoordinator('billing') ?? 7)
    expect(() => e.stopBroker(0)).toThrow('Broker 0 does not exist (the brokers are 7, 42, 1001)')
    e.alterBrokerConfigs({ brokerId: 1001, set: { 'message.max.bytes': '2000000' }, remove: [] })
    expect(e.brokerConfigOn('message.max.bytes', 1001)).toBe('2000000')
    expect(() =>
      e.alterBrokerConfigs({ brokerId: 1, set: { 'message.max.bytes': '2000000' }, remove: [] })
    ).toThrow('Broker 1 does not exist')
  })

  it('refuses ids that are not broker ids, twice, or more or fewer than brokers', () => {
    expect(() => open({ brokerIds: [1, 1] })).toThrow('broker id 1 is given twice')
    expect(() => open({ brokerIds: [-1] })).toThrow('-1 is not a broker id')
    expect(() => open({ brokerIds: [2 ** 31] })).toThrow('2147483648 is not a broker id')
    expect(() => open({ brokerIds: [1.5] })).toThrow('1.5 is not a broker id')
    expect(() => open({ brokerIds: [] })).toThrow('brokerIds must list 1 to 32 broker ids')
    expect(() => open({ brokerIds: [1, 2, 3], brokers: 2 })).toThrow(
      'brokers is 2 but brokerIds lists 3 brokers (1, 2, 3)'
    )
    expect(open({ brokerIds: [0, 2_147_483_647] }).brokerIds()).toEqual([0, 2_147_483_647])
  })
})

describe('the data directory keeps the broker ids', () => {
  it('refuses a reopen without one of its brokers, naming them; grows; the app opens it as it is', async () => {
    const dir = dataDir()
    let e = open({ dataDir: dir, brokerIds: [1, 2, 3] })
    e.createTopic({ name: 'orders', partitions: 3, replicationFactor: 2 })
    e.stopBroker(3)
    await e.close()
    engines.splice(0)
    // The engine names the ids; how to give them is the caller's to word (serve's flag, the
    // library's option: test/unit/server/data-dir-broker-ids.test.ts).
    let refused: unknown
    try {
      open({ dataDir: dir, brokers: 3 })
    } catch (err) {
      refused = err
    }
    expect(refused).toBeInstanceOf(MissingBrokersError)
    expect(refused).toMatchObject({ heldIds: [1, 2, 3], openedWith: [0, 1, 2], field: 'brokerIds' })
    expect((refused as Error).message).toBe(
      'The data directory holds a cluster of brokers 1, 2, 3, but it is opened with brokers 0, 1, 2, without broker 3: open it with broker ids 1,2,3, or use another data directory'
    )
    expect((refused as MissingBrokersError).worded((ids) => `ids ${ids.join('+')}`)).toBe(
      'The data directory holds a cluster of brokers 1, 2, 3, but it is opened with brokers 0, 1, 2, without broker 3: open it with broker ids 1,2,3 (ids 1+2+3), or use another data directory'
    )
    // No brokers given (the desktop app): its own brokers, broker 3 still stopped.
    e = open({ dataDir: dir })
    expect(e.brokerIds()).toEqual([1, 2, 3])
    expect(e.isOnline(3)).toBe(false)
    // A broker more: the cluster grows, as a Kafka cluster does.
    e = await reopen(e, { dataDir: dir, brokerIds: [1, 2, 3, 9] })
    expect(e.brokerIds()).toEqual([1, 2, 3, 9])
    expect(e.topic('orders')!.partitions.flatMap((p) => p.replicas)).not.toContain(9)
    e = await reopen(e, { dataDir: dir })
    expect(e.brokerIds()).toEqual([1, 2, 3, 9])
    await e.close()
    engines.splice(0)
    expect(() => open({ dataDir: dir, brokerIds: [1, 2, 3] })).toThrow(
      'holds a cluster of brokers 1, 2, 3, 9, but it is opened with brokers 1, 2, 3, without broker 9'
    )
  })

  it('reads the brokers of a data directory that kept no ids from its replicas', async () => {
    const dir = dataDir()
    const e = open({ dataDir: dir, brokers: 3 })
    e.createTopic({ name: 'orders', partitions: 3, replicationFactor: 3 })
    await e.close()
    engines.splice(0)
    const db = new Database(join(dir, DB_FILE))
    db.prepare("DELETE FROM cluster_meta WHERE key = 'broker.ids'").run()
    db.close()
    expect(() => open({ dataDir: dir, brokerIds: [1, 2, 3] })).toThrow(
      'holds a cluster of brokers 0, 1, 2 (the brokers its replicas are on), but it is opened with brokers 1, 2, 3, without broker 0: open it with broker ids 0,1,2, or use another data directory'
    )
    expect(open({ dataDir: dir, brokers: 3 }).brokerIds()).toEqual([0, 1, 2])
  })

  it('opens in the desktop app a data directory that kept no ids, with the brokers its replicas are on', async () => {
    const dir = dataDir()
    let e = open({ dataDir: dir, brokers: 5 })
    e.createTopic({ name: 'orders', partitions: 5, replicationFactor: 1 })
    e.stopBroker(4)
    await e.close()
    engines.splice(0)
    const db = new Database(join(dir, DB_FILE))
    db.prepare("DELETE FROM cluster_meta WHERE key = 'broker.ids'").run()
    db.close()
    // No brokers given (the desktop app): brokers 0 to 4, as its replicas say, broker 4 stopped.
    e = open({ dataDir: dir })
    expect(e.brokerIds()).toEqual([0, 1, 2, 3, 4])
    expect(e.isOnline(4)).toBe(false)
    const replicas = e.topic('orders')!.partitions.flatMap((p) => p.replicas)
    expect(replicas.sort()).toEqual([0, 1, 2, 3, 4])
    // A directory whose replicas are on fewer brokers opens with the default three.
    const small = dataDir()
    e = await reopen(e, { dataDir: small, brokers: 2 })
    e.createTopic({ name: 'orders', partitions: 2, replicationFactor: 1 })
    await e.close()
    engines.splice(0)
    const smallDb = new Database(join(small, DB_FILE))
    smallDb.prepare("DELETE FROM cluster_meta WHERE key = 'broker.ids'").run()
    smallDb.close()
    expect(open({ dataDir: small }).brokerIds()).toEqual([0, 1, 2])
  })
})
