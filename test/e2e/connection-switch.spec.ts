// Switching cluster in place: from the embedded cluster to a Kafka cluster (a second
// `logdeck serve`, reached only over the Kafka protocol) and back, with no page load. A view
// whose topic exists on both stays and shows the new cluster's; one whose topic does not goes
// to the overview; lists, charts and live updates follow the current cluster. And a replay from
// the embedded cluster into a topic of the Kafka cluster.
import { execFile } from 'node:child_process'
import { test, expect } from './fixtures'
import { startServe, type ServeProcess } from '../support/serve-process'
import { chartOption } from './support/charts'
import { kcatOrders } from './support/kcat-data'

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

test('replays records into a topic of another cluster', async ({ shell, api, browse, server }) => {
  test.setTimeout(120_000)
  await api.createTopic('refunds.dlq', 1, 1)
  await kcatOrders(server.bootstrap, 'refunds.dlq', 20)
  await api.call('connections.add', {
    id: 'staging',
    name: 'Staging',
    bootstrapServers: external.bootstrap.split(','),
    historyIntervalMs: 0
  })
  await api.call('topics.create', {
    name: 'refunds',
    partitions: 2,
    replicationFactor: 1,
    connection: 'staging'
  })

  await shell.open('#/messages?topic=refunds.dlq&partition=0')
  const m = browse.ui
  await expect(m.row(0, 19)).toBeVisible()
  await m.replayButton.click()
  await expect(m.replayDialog).toBeVisible()
  await browse.replayIntoCluster('Staging')
  // The topics offered are the Kafka cluster's.
  await browse.replayInto('refunds')
  await expect(m.replayCount).toHaveText('Copies 20 records')
  await shell.screenshot('replay-into-another-cluster')
  await m.replayStart.click()
  await expect(m.replayOutcome).toContainText('Done')
  await expect(m.replaySummary).toContainText('Copied 20 record(s) to refunds on staging')

  // kcat on the Kafka cluster reads the same keys and values, each key's in order.
  const read = async (bootstrap: string, topic: string) =>
    (
      await kcat([
        '-b',
        bootstrap,
        '-C',
        '-t',
        topic,
        '-o',
        'beginning',
        '-e',
        '-q',
        '-f',
        '%k=%s\n'
      ])
    )
      .split('\n')
      .filter(Boolean)
  const source = await read(server.bootstrap, 'refunds.dlq')
  await expect.poll(async () => (await read(external.bootstrap, 'refunds')).length).toBe(20)
  const copied = await read(external.bootstrap, 'refunds')
  expect([...copied].sort()).toEqual([...source].sort())
  for (const key of new Set(source.map((l) => l.split('=')[0])))
    expect(copied.filter((l) => l.startsWith(`${key}=`))).toEqual(
      source.filter((l) => l.startsWith(`${key}=`))
    )
})
