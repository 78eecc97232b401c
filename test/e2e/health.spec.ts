// Health told truthfully at every level, on data a batching client (kcat) wrote: with one
// broker of three stopped, a single-replica topic's partition is offline (red in the topics
// list, on its page and in the header), replicated topics are under-replicated (amber), and
// producing to the offline partition says it has no leader and which broker to start.
import { test, expect } from './fixtures'
import { MessagesPage } from './pages/messages-page'
import { produceBatched } from './support/batched'
import { murmur2Partition } from '../../src/engine/producers/murmur2'

test('an offline partition shows at every level, and producing to it says why', async ({
  shell,
  topic,
  api,
  server,
  page
}) => {
  test.setTimeout(120_000)
  await api.createTopic('ledger', 3, 1)
  await api.createTopic('orders', 3, 3)
  await produceBatched(server.bootstrap, 'ledger', 3000)
  await produceBatched(server.bootstrap, 'orders', 3000)
  const ledger = (await api.call('topics.describe', { name: 'ledger' })).partitions
  expect(ledger.reduce((n, p) => n + p.highWatermark, 0)).toBe(3000)
  const victim = ledger[0].replicas[0]
  const offline = ledger.filter((p) => p.replicas[0] === victim).map((p) => p.partition)

  await shell.open('#/topics')
  await expect(shell.topics.health('ledger')).toHaveText('in sync')
  await expect(shell.topics.health('ledger')).toHaveAttribute('data-tone', 'ok')
  await expect(shell.ui.health).toHaveText('healthy · 3 brokers')

  await api.call('brokers.stop', { brokerId: victim })
  // The topics list: red for the leaderless partition, amber for the replicated topic.
  await expect(shell.topics.health('ledger')).toHaveText(`${offline.length} offline`)
  await expect(shell.topics.health('ledger')).toHaveAttribute('data-tone', 'bad')
  await expect(shell.topics.health('orders')).toHaveText('3 under-replicated')
  await expect(shell.topics.health('orders')).toHaveAttribute('data-tone', 'warn')
  // The header: the broker that is down and what it costs, not "offline" for the cluster.
  await expect(shell.ui.health).toHaveText(
    `1 of 3 brokers down · ${offline.length} partition${offline.length === 1 ? '' : 's'} offline · 3 under-replicated`
  )
  await expect(shell.ui.health).toHaveAttribute('data-level', 'critical')
  await shell.screenshot('health-topics-offline')

  // The topic's page: offline, not "Every replica in sync".
  await shell.topics.row('ledger').getByRole('link', { name: 'ledger' }).click()
  await expect(topic.ui.replication).toContainText(`${offline.length} offline`)
  await expect(topic.ui.replication).toContainText('without a leader')
  await expect(topic.ui.replication).not.toContainText('Every replica in sync')
  await shell.screenshot('health-topic-offline')

  // Producing to the offline partition: no leader, and which broker to start.
  const key = Array.from({ length: 1000 }, (_, i) => `k${i}`).find(
    (k) => murmur2Partition(Buffer.from(k), 3) === offline[0]
  )
  if (!key) throw new Error('no key for the offline partition')
  const m = new MessagesPage(page)
  await topic.ui.produceOpen.click()
  await expect(m.produceDialog).toBeVisible()
  await m.produceKey.fill(key)
  await m.produceValue.fill('{"n":-1}')
  await m.produceSend.click()
  const problem = m.produceDialog.getByTestId('problem')
  await expect(problem).toContainText('The partition has no leader')
  await expect(problem).toContainText(
    `ledger-${offline[0]} has no leader: its only replica is on broker ${victim}, which is stopped`
  )
  await expect(problem).toContainText(`Start broker ${victim}`)
  await expect(problem).not.toContainText('Not available')
  await expect(problem).not.toContainText('does not offer it')
  await shell.screenshot('health-produce-no-leader')

  // Back: in sync everywhere, and the same record goes through.
  await api.call('brokers.start', { brokerId: victim })
  await m.produceSend.click()
  await expect(m.produceResult).toContainText(`${offline[0]}`)
  await page.keyboard.press('Escape')
  await shell.open('#/topics')
  await expect(shell.topics.health('ledger')).toHaveText('in sync')
  await expect(shell.ui.health).toHaveText('healthy · 3 brokers', { timeout: 30_000 })
})
