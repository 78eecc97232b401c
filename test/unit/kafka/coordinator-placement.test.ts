// Where groups are coordinated, as in Kafka: a group's coordinator is the leader of its
// __consumer_offsets partition, so stopping a broker moves only the groups it coordinated (and
// a preferred leader election brings them back once it runs again); a
// kafkajs group whose coordinator keeps running goes on in the same generation.
import { afterEach, describe, expect, it } from 'vitest'
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kafkaRequest } from '../../support/kafka-request'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { waitFor } from '../../support/wait-for'

let cluster: TestCluster | undefined
const clients: (Consumer | Producer)[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.disconnect().catch(() => undefined)))
  await cluster?.close()
  cluster = undefined
})

/** FindCoordinator v4 for the groups, asked of a running broker: group id -> broker id. */
async function coordinators(c: TestCluster, groupIds: string[]): Promise<Map<string, number>> {
  const online = c.engine.onlineBrokers()[0]
  const port = c.listeners.find((l) => l.brokerId === online.id)!.port
  const res = await kafkaRequest(port, ApiKey.FindCoordinator, 4, {
    key: '',
    keyType: 0,
    coordinatorKeys: groupIds
  })
  return new Map(res.body.coordinators.map((co) => [co.key, co.nodeId]))
}

const groupIds = Array.from({ length: 60 }, (_, i) => `group-${i}`)

describe('group coordinator placement', () => {
  it('moves only the stopped broker own groups, and spreads them over the others', async () => {
    cluster = await startTestCluster({ brokers: 5 })
    const before = await coordinators(cluster, groupIds)
    // Every broker coordinates some of the groups.
    expect(new Set(before.values())).toEqual(new Set([0, 1, 2, 3, 4]))
    for (const stopped of [1, 3]) {
      const was = await coordinators(cluster, groupIds)
      cluster.engine.stopBroker(stopped)
      const now = await coordinators(cluster, groupIds)
      for (const g of groupIds) {
        if (was.get(g) !== stopped) expect(now.get(g), g).toBe(was.get(g))
        else expect(now.get(g), g).not.toBe(stopped)
      }
      // The moved groups do not all land on one broker.
      const moved = groupIds.filter((g) => was.get(g) === stopped).map((g) => now.get(g))
      expect(new Set(moved).size).toBeGreaterThan(1)
    }
    // Started again, the brokers coordinate their groups again once they lead their partitions
    // of __consumer_offsets: after a preferred leader election, as in Kafka (which runs one
    // every leader.imbalance.check.interval.seconds).
    cluster.engine.startBroker(1)
    cluster.engine.startBroker(3)
    const restarted = await coordinators(cluster, groupIds)
    expect(new Set(restarted.values()).has(1)).toBe(false)
    cluster.engine.electPreferredLeaders('__consumer_offsets')
    expect(await coordinators(cluster, groupIds)).toEqual(before)
  })

  it('keeps a kafkajs group in its generation when a broker that does not coordinate it stops', async () => {
    cluster = await startTestCluster({ brokers: 3 })
    await cluster.service.call('topics.create', {
      name: 'orders',
      partitions: 3,
      replicationFactor: 3
    })
    const groupId = 'audit-app'
    const coordinator = (await coordinators(cluster, [groupId])).get(groupId)!
    const kafka = new Kafka({
      clientId: 'placement',
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING
    })
    // kafkajs's default session timeout: on a loaded machine, while kafkajs recovered from the
    // stopped broker's closed connections, its heartbeats were once held back past a 10-second
    // session (it joined again 10.4 s after its first join), a rejoin the coordinator did not cause.
    const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 500 })
    clients.push(consumer)
    const joins: number[] = []
    consumer.on(consumer.events.GROUP_JOIN, (e) => joins.push(e.timestamp))
    const seen: string[] = []
    await consumer.connect()
    await consumer.subscribe({ topic: 'orders', fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ message }) => void seen.push(String(message.value))
    })
    const producer = kafka.producer()
    clients.push(producer)
    await producer.connect()
    await producer.send({ topic: 'orders', messages: [{ value: 'before' }] })
    await waitFor('the group to consume', () => seen.includes('before'))
    expect(joins).toHaveLength(1)

    // A broker that does not coordinate the group (a placement by the count of running brokers
    // would move it all the same); where __consumer_offsets's leaders are varies, as in Kafka.
    const other = [2, 1, 0].find((b) => b !== coordinator)!
    await cluster.service.call('brokers.stop', { brokerId: other })
    expect((await coordinators(cluster, [groupId])).get(groupId)).toBe(coordinator)
    await producer.send({ topic: 'orders', messages: [{ value: 'after' }] })
    await waitFor('the group to consume after the stop', () => seen.includes('after'))
    // Heartbeats went on to the same coordinator all along: no new generation.
    const heartbeats = await new Promise<number>((resolve) => {
      let n = 0
      const off = consumer.on(consumer.events.HEARTBEAT, () => {
        if (++n === 3) {
          off()
          resolve(n)
        }
      })
    })
    expect(heartbeats).toBe(3)
    expect(joins).toHaveLength(1)
    const group = await cluster.service.call('groups.describe', { groupId })
    expect(group.state).toBe('Stable')
  })
})
