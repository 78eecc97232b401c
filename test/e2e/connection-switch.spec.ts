// Switching cluster in place: from the embedded cluster to a Kafka cluster (a second
// `logdeck serve`, reached only over the Kafka protocol) and back, with no page load. A view
// whose topic exists on both stays and shows the new cluster's; one whose topic does not goes
// to the overview; lists, charts and live updates follow the current cluster.
import { execFile } from 'node:child_process'
import { test, expect } from './fixtures'
import { startServe, type ServeProcess } from '../support/serve-process'
import { chartOption } from './support/charts'

function kcat(args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('kcat', args, { timeout: 60_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout)
    )
    child.stdin!.end(input)
  })
}

let external: ServeProcess
test.beforeAll(async () => {
  external = await startServe(['--in-memory', '--port', '0', '--no-ui', '--brokers', '3'])
})
test.afterAll(async () => {
  await external?.stop()
})

test('switches to a Kafka cluster and back without reloading the page', async ({
  shell,
  api,
  hot,
  server,
  page
}) => {
  test.setTimeout(180_000)
  // The same topic name on both clusters, with 2 partitions here and 5 there, and a topic each
  // cluster has alone.
  await api.createTopic('shared', 2, 1)
  await api.createTopic('local-orders', 1, 1)
  await api.call('connections.add', {
    id: 'staging',
    name: 'Staging',
    bootstrapServers: external.bootstrap.split(','),
    historyIntervalMs: 1000
  })
  await api.call('topics.create', {
    name: 'shared',
    partitions: 5,
    replicationFactor: 1,
    connection: 'staging'
  })
  await api.call('topics.create', {
    name: 'staging-payments',
    partitions: 1,
    replicationFactor: 1,
    connection: 'staging'
  })
  // Records in every partition of both: the heatmap draws a row per partition written to.
  const lines = Array.from({ length: 200 }, (_, i) => `k${i}:v${i}`).join('\n') + '\n'
  const produce = (bootstrap: string) =>
    kcat(['-b', bootstrap, '-P', '-t', 'shared', '-K', ':', '-X', 'linger.ms=20'], lines)
  await produce(server.bootstrap)
  await produce(external.bootstrap)

  await shell.open('#/hot-partitions?topic=shared')
  const heatRows = async () =>
    (await chartOption(hot.ui.heatmap).catch(() => null))?.yAxis[0]?.data?.length ?? 0
  await expect.poll(heatRows, { timeout: 60_000 }).toBe(2)
  await expect(hot.ui.partitionRows).toHaveCount(2)

  // A marker on the page and a count of page loads: a reload would lose the one and add to the
  // other.
  let loads = 0
  page.on('load', () => loads++)
  await page.evaluate("window.marker = 'kept'")
  const marker = () => page.evaluate('window.marker')

  const picker = page.getByTestId('connection-picker')
  const pick = async (label: string) => {
    await picker.click()
    await page.locator('.n-dropdown-option', { hasText: label }).click()
  }

  // To the Kafka cluster: the view stays on `shared` (it exists there) and draws its 5 rows.
  await pick('Staging')
  await expect(picker).toHaveAttribute('data-connection', 'staging')
  await expect(shell.ui.header).toContainText('Kafka')
  expect(page.url()).toContain('#/hot-partitions?topic=shared')
  await expect(hot.ui.partitionRows).toHaveCount(5)
  await expect.poll(heatRows, { timeout: 60_000 }).toBe(5)
  await shell.screenshot('connection-switch-hot-staging', { tall: true })

  // Its topics, and not the embedded cluster's.
  await shell.goTo('topics')
  const rows = shell.topics.rows
  await expect(shell.topics.row('staging-payments')).toBeVisible()
  await expect(shell.topics.row('shared')).toBeVisible()
  await expect(shell.topics.row('local-orders')).toHaveCount(0)
  // Live: a topic created on the current cluster shows up without touching the page.
  await api.call('topics.create', {
    name: 'staging-refunds',
    partitions: 1,
    replicationFactor: 1,
    connection: 'staging'
  })
  await expect(shell.topics.row('staging-refunds')).toBeVisible()
  await expect(rows).toHaveCount(3)
  await shell.screenshot('connection-switch-topics-staging')

  // A topic only this cluster has: switching back leaves it for the overview.
  await shell.topics.row('staging-payments').locator('a.topic-link').click()
  await expect(shell.ui.title).toHaveText('staging-payments')
  await pick('Embedded cluster')
  await expect(picker).toHaveAttribute('data-connection', 'embedded')
  await expect(shell.ui.header).toContainText('embedded')
  await expect.poll(() => new URL(page.url()).hash).toBe('#/')
  await expect(page.getByTestId('stat-topics')).toContainText('2')
  await shell.screenshot('connection-switch-overview-embedded')

  await shell.goTo('topics')
  await expect(shell.topics.row('local-orders')).toBeVisible()
  await expect(shell.topics.row('shared')).toBeVisible()
  await expect(shell.topics.row('staging-payments')).toHaveCount(0)
  // Events of the cluster left reach nobody; the current cluster's do.
  await api.call('topics.create', {
    name: 'staging-late',
    partitions: 1,
    replicationFactor: 1,
    connection: 'staging'
  })
  await api.createTopic('local-late', 1, 1)
  await expect(shell.topics.row('local-late')).toBeVisible()
  await expect(rows).toHaveCount(3)

  // One page load in all: the first.
  expect(await marker()).toBe('kept')
  expect(loads).toBe(0)
})
