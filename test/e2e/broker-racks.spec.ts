// The Brokers view of a cluster whose brokers are placed in racks (--broker-rack, KIP-392): each
// broker card shows its broker.rack as `logdeck serve` printed it, and a broker without one shows
// none; the contract's cluster.describe carries them.
import { test as base, expect, serverWith } from './fixtures'

const test = base.extend({
  server: serverWith([
    '--broker-rack',
    '0=us-east-1a,1=us-east-1b',
    '--broker-config',
    'replica.selector.class=org.apache.kafka.common.replica.RackAwareReplicaSelector'
  ])
})

test("shows each broker's rack", async ({ shell, replication, server, api }) => {
  expect(server.output()).toMatch(
    /^Broker racks: 0=us-east-1a, 1=us-east-1b, 2=none; consumers fetch from their rack \(org\.apache\.kafka\.common\.replica\.RackAwareReplicaSelector\)$/m
  )
  const { brokers } = await api.call('cluster.describe', {})
  expect(brokers.map((b) => b.rack)).toEqual(['us-east-1a', 'us-east-1b', null])
  await shell.open('#/brokers')
  await expect(replication.ui.brokerRack(0)).toHaveText('rack us-east-1a')
  await expect(replication.ui.brokerRack(1)).toHaveText('rack us-east-1b')
  await expect(replication.ui.brokerStatus(2)).toHaveText('online')
  await expect(replication.ui.brokerRack(2)).toHaveCount(0)
  await shell.screenshot('brokers-racks')
})
