// The console of a cluster whose brokers have their own ids (--broker-ids 1,2,3, as a compose
// file's KAFKA_NODE_ID gives them): the broker cards, the replica map's columns and leaders show
// brokers 1, 2 and 3 and never 0, and a broker is stopped from its card by its id.
import { test as base, expect, serverWith } from './fixtures'

const test = base.extend({ server: serverWith(['--broker-ids', '1,2,3']) })

test('shows brokers 1, 2 and 3 and stops broker 3 by its id', async ({
  shell,
  replication,
  api
}) => {
  await api.call('topics.create', { name: 'orders', partitions: 3, replicationFactor: 3 })
  await shell.open('#/brokers?topic=orders')
  const ui = replication.ui
  for (const id of [1, 2, 3]) {
    await expect(ui.brokerStatus(id)).toHaveText('online')
    await expect(ui.broker(id)).toContainText(`Broker ${id}`)
  }
  await expect(ui.broker(0)).toHaveCount(0)
  await expect(ui.mapRows).toHaveCount(3)
  for (const p of [0, 1, 2]) {
    await expect(ui.leader(p)).toHaveText(/^[123]$/)
    for (const id of [1, 2, 3]) await expect(ui.cell(p, id)).toHaveCount(1)
  }
  await expect(ui.column(0)).toHaveCount(0)

  await replication.stopBroker(3)
  await expect(ui.broker(3)).toHaveAttribute('data-status', 'stopped')
  for (const p of [0, 1, 2]) await expect(ui.leader(p)).toHaveText(/^[12]$/)
  for (const cell of await ui.column(3).all())
    await expect(cell).toHaveAttribute('data-state', 'offline')
  const { brokers } = await api.call('cluster.describe', {})
  expect(brokers.map((b) => [b.id, b.status])).toEqual([
    [1, 'online'],
    [2, 'online'],
    [3, 'stopped']
  ])
  await replication.startBroker(3)
  // Broker 3 back in every ISR: the map and the topic dropdown's label say so together.
  expect(await ui.countsUntil(0)).toEqual({ map: 0, label: 0 })
  await expect(ui.topicLabel).toHaveText('orders')
  await shell.screenshot('brokers-own-ids')
})
