// The demo's real Kafka clients (kafkajs, batching its sends) through a broker failover: with
// the broker of the single-replica dead-letter topic stopped, records keep arriving on the demo
// topics and the groups keep committing; with every broker stopped the overview says the
// producer has stalled, and traffic comes back once the brokers do.
import { test, expect } from './fixtures'
import { DEMO, loadDemo } from './support/demo'
import { OverviewPage } from './pages/overview-page'
import type { ApiClient } from './support/api'

const endOffsets = async (api: ApiClient, topic: string) =>
  (await api.call('topics.describe', { name: topic })).partitions.reduce(
    (n, p) => n + p.highWatermark,
    0
  )
const committed = async (api: ApiClient, groupId: string) =>
  (await api.call('groups.describe', { groupId })).offsets.reduce(
    (n, o) => n + (o.committedOffset ?? 0),
    0
  )

/** Waits for `probe` to pass its value of now, `rounds` times over. */
async function keepsGrowing(probe: () => Promise<number>, rounds: number): Promise<void> {
  let last = await probe()
  for (let i = 0; i < rounds; i++) {
    await expect.poll(probe, { timeout: 30_000 }).toBeGreaterThan(last)
    last = await probe()
  }
}

test('demo traffic rides through a stopped broker; a stalled producer shows on the overview', async ({
  shell,
  replication,
  api,
  page
}) => {
  test.setTimeout(240_000)
  await loadDemo(api)
  const overview = new OverviewPage(page)
  const [dlq] = (await api.call('topics.describe', { name: DEMO.deadLetters })).partitions
  const victim = dlq.replicas[0]

  // The broker holding the dead-letter topic's only replica, stopped from the Brokers page.
  await shell.open('#/brokers')
  await replication.stopBroker(victim)
  expect((await api.call('topics.describe', { name: DEMO.deadLetters })).partitions[0].leader).toBe(
    -1
  )
  // Records keep arriving on the replicated demo topics, and the groups keep consuming.
  await keepsGrowing(() => endOffsets(api, DEMO.orders), 3)
  await keepsGrowing(() => endOffsets(api, DEMO.payments), 3)
  await keepsGrowing(() => committed(api, DEMO.analytics), 2)
  await keepsGrowing(() => committed(api, DEMO.fulfillment), 2)

  await shell.goTo('overview')
  await expect(overview.demoClient('producer')).toHaveAttribute('data-state', 'running')
  await expect(overview.demoClient(DEMO.analytics)).toHaveAttribute('data-state', 'running')
  await expect(overview.stalls).toHaveCount(0)
  await shell.screenshot('failover-demo-running', { tall: true })

  // Every broker stopped: nothing can be written, and the overview says so.
  const others = [0, 1, 2].filter((b) => b !== victim)
  for (const b of others) await api.call('brokers.stop', { brokerId: b })
  await expect(overview.stalls.first()).toContainText('demo producer stalled since', {
    timeout: 30_000
  })
  await expect(overview.demoClient('producer')).toHaveAttribute('data-state', 'stalled')
  await expect(overview.demoClient('producer').getByTestId('demo-client-text')).toContainText(
    'stalled since'
  )
  await shell.screenshot('failover-demo-stalled', { tall: true })

  // The brokers come back: so does the traffic, and the alert goes.
  for (const b of [...others, victim]) await api.call('brokers.start', { brokerId: b })
  await keepsGrowing(() => endOffsets(api, DEMO.orders), 2)
  await expect(overview.demoClient('producer')).toHaveAttribute('data-state', 'running', {
    timeout: 30_000
  })
  await expect(overview.stalls).toHaveCount(0)
})
