// Share group membership (KIP-932) with librdkafka 2.15.1's share consumer
// (test/support/share-consumer.c): two consumers of one group join with member ids of their own,
// the SimpleAssignor splits the topic's partitions between them, and when one closes (leaving
// with epoch -1) the other is given them all. What the group holds is read back from the
// engine's group coordinator, as ShareGroupDescribe answers it (the handler tests cover the wire).
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { startShareConsumer, type ShareConsumerProcess } from '../../support/share-consumer'
import { waitFor } from '../../support/wait-for'

const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

function consumer(c: TestCluster, clientId: string): ShareConsumerProcess {
  const p = startShareConsumer({
    bootstrap: c.bootstrap,
    group: 'queue',
    topics: ['jobs'],
    config: { 'client.id': clientId }
  })
  closing.push(() => p.stop())
  return p
}

/** The group's members as ShareGroupDescribe answers: client id -> partitions of jobs. */
function members(c: TestCluster) {
  const [g] = c.engine.shareGroupDescribe(['queue'])
  return {
    epoch: g.groupEpoch,
    members: new Map(
      g.members.map((m) => [
        m.clientId,
        { memberId: m.memberId, partitions: m.assignment.flatMap((t) => t.partitions) }
      ])
    )
  }
}

describe('share group membership with librdkafka', () => {
  it('two share consumers split a topic; the one left gets it all', async () => {
    const c = await startTestCluster({ brokers: 3 })
    closing.push(() => c.close())
    await c.service.call('topics.create', { name: 'jobs', partitions: 4, replicationFactor: 1 })
    const a = consumer(c, 'share-a')
    const b = consumer(c, 'share-b')
    await waitFor(
      'both members with two partitions each',
      () => {
        const m = members(c).members
        return m.size === 2 && [...m.values()].every((x) => x.partitions.length === 2)
      },
      60_000
    )
    const both = members(c).members
    const [ma, mb] = [both.get('share-a')!, both.get('share-b')!]
    // librdkafka names its member with a random UUID in base64 (22 characters).
    expect(ma.memberId).toMatch(/^[A-Za-z0-9+/_-]{22}$/)
    expect(ma.memberId).not.toBe(mb.memberId)
    expect([...ma.partitions, ...mb.partitions].sort()).toEqual([0, 1, 2, 3])
    await b.stop()
    await waitFor(
      'the remaining member with every partition',
      () => {
        const m = members(c).members
        return m.size === 1 && m.get('share-a')?.partitions.length === 4
      },
      60_000
    )
    expect(members(c).members.get('share-a')!.memberId).toBe(ma.memberId)
    expect(a.child.exitCode).toBeNull()
  })
})
