// The console of a 12-broker cluster in three racks of four (--brokers 12 --broker-rack), as one
// simulates for rack-aware placement: twelve broker cards with their racks, a replica map with a
// column for each broker and a topic of 24 partitions spread over all of them, and a broker
// stopped from its card, its leaderships moving to the others.
import { test as base, expect, serverWith } from './fixtures'

const RACKS = ['rack-a', 'rack-b', 'rack-c']
const IDS = Array.from({ length: 12 }, (_, i) => i)
const rackOf = (id: number): string => RACKS[Math.floor(id / 4)]

const test = base.extend({
  server: serverWith([
    '--brokers',
    '12',
    '--broker-rack',
    IDS.map((id) => `${id}=${rackOf(id)}`).join(',')
  ])
})

test('shows twelve brokers in three racks and moves leadership off a stopped one', async ({
  shell,
  replication,
  api
}) => {
  test.setTimeout(120_000)
  await api.call('topics.create', { name: 'orders', partitions: 24, replicationFactor: 3 })
  await shell.open('#/brokers?topic=orders')
  const ui = replication.ui
  for (const id of IDS) {
    await expect(ui.brokerStatus(id)).toHaveText('online')
    await expect(ui.brokerRack(id)).toHaveText(`rack ${rackOf(id)}`)
  }
  await expect(ui.mapRows.first()).toBeVisible()
  const before = (await api.call('topics.describe', { name: 'orders' })).partitions
  expect(before).toHaveLength(24)
  // Rack-aware placement: every partition's three replicas are in three racks, and every broker
  // leads two partitions.
  for (const p of before) expect(new Set(p.replicas.map(rackOf)).size).toBe(3)
  for (const id of IDS) expect(before.filter((p) => p.leader === id)).toHaveLength(2)
  for (const p of before.slice(0, 8)) {
    await expect(ui.leader(p.partition)).toHaveText(String(p.leader))
    await expect(ui.cell(p.partition, p.leader)).toHaveAttribute('data-state', 'leader')
  }
  // A column for each broker: in each row (the map scrolls its rows), a cell per broker, three
  // of them its replicas, where the topic's description puts them.
  for (const p of before.slice(0, 8)) {
    for (const id of IDS) await expect(ui.cell(p.partition, id)).toHaveCount(1)
    await expect(
      ui.mapRow(p.partition).locator('[data-state="leader"], [data-state="in-sync"]')
    ).toHaveCount(3)
    for (const id of p.replicas)
      await expect(ui.cell(p.partition, id)).toHaveAttribute(
        'data-state',
        id === p.leader ? 'leader' : 'in-sync'
      )
  }
  // The sidebar lists where to bootstrap from, not all twelve addresses.
  const { bootstrapServers } = await api.call('cluster.describe', {})
  await expect(shell.page.getByTestId('sidebar-bootstrap').locator('code')).toHaveText(
    bootstrapServers.split(',').slice(0, 3)
  )
  await expect(shell.page.getByTestId('sidebar-bootstrap-more')).toHaveText('and 9 more brokers')
  await shell.screenshot('brokers-twelve', { tall: true })

  const victim = 11
  const led = before.filter((p) => p.leader === victim).map((p) => p.partition)
  await replication.stopBroker(victim)
  await expect(ui.broker(victim)).toHaveAttribute('data-status', 'stopped')
  await expect(ui.broker(victim).getByTestId('broker-leaders')).toHaveText('0')
  const after = (await api.call('topics.describe', { name: 'orders' })).partitions
  for (const p of led) {
    expect(after[p].leader).not.toBe(victim)
    expect(after[p].leader).toBeGreaterThanOrEqual(0)
  }
  await shell.screenshot('brokers-twelve-one-stopped', { tall: true })
})
