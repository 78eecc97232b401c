// A real Kafka cluster in the console: a second `logdeck serve`, reached only over the Kafka
// protocol, added on the Connections page; the console switched to it creates a topic,
// produces, browses by offset, charts a kcat group's lag from the collector's polls, resets its
// offsets, and switches back to the embedded cluster.
import { execFile } from 'node:child_process'
import { test, expect } from './fixtures'
import { startServe, type ServeProcess } from '../support/serve-process'
import { chartOption, points } from './support/charts'

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

test('adds a Kafka cluster, works on it, and switches back', async ({
  shell,
  wizard,
  browse,
  groups,
  hot,
  page
}) => {
  test.setTimeout(180_000)
  await shell.open('#/connections')
  await page.getByTestId('add-connection').click()
  const form = page.getByTestId('connection-form')
  const result = page.getByTestId('connection-test-result')
  // Nothing to reach: the result says the definition was refused, in the form's words, not
  // that the cluster was unreachable.
  await form.getByTestId('connection-test').click()
  await expect(result).toHaveAttribute('data-reachable', 'false')
  await expect(result).toContainText('Not tested')
  await expect(result).toContainText('Bootstrap servers: name at least one broker')
  await expect(result).not.toContainText('definition.')
  // A connection is tested before it is named.
  await form.getByTestId('connection-servers').locator('input').fill(external.bootstrap)
  await form.getByTestId('connection-test').click()
  await expect(result).toHaveAttribute('data-reachable', 'true')
  await form.getByTestId('connection-name').locator('input').fill('Staging')
  const history = form.getByTestId('connection-history').locator('input')
  await history.fill('1')
  await history.blur()
  await form.getByTestId('connection-test').click()
  await expect(result).toHaveAttribute('data-reachable', 'true')
  await expect(result).toContainText('3 brokers')
  await shell.screenshot('connections-test')
  await form.getByTestId('connection-save').click()
  const card = page.getByTestId('connection-staging')
  await expect(card).toContainText(external.bootstrap)
  await expect(card).toContainText('offsets polled every 1 s')
  await shell.screenshot('connections-list')

  // Switch: the header names the cluster, and embedded-only actions are gone.
  await card.getByTestId('use-connection-staging').click()
  const picker = page.getByTestId('connection-picker')
  await expect(picker).toHaveAttribute('data-connection', 'staging')
  await expect(picker).toContainText('Staging')
  await expect(shell.ui.header).toContainText('Kafka')
  await shell.goTo('brokers')
  await expect(page.getByTestId('embedded-only-note')).toBeVisible()
  await expect(page.getByTestId('broker-toggle-0')).toHaveCount(0)
  // Preferred-leader election is Kafka's own (ElectLeaders): offered here too.
  await expect(page.getByTestId('elect-preferred')).toBeVisible()

  // Create a topic with the wizard, on the Kafka cluster.
  await shell.goTo('topics')
  await expect(page.getByTestId('load-demo')).toHaveCount(0)
  await wizard.open()
  await wizard.fillAll({ name: 'payments', partitions: 2, replicationFactor: 2, minInsync: 1 })
  await wizard.ui.create.click()
  await expect(page.getByTestId('page-title')).toHaveText('payments')
  const listing = await kcat(['-b', external.bootstrap, '-L', '-t', 'payments'])
  expect(listing).toContain('topic "payments" with 2 partitions')

  // Produce through the console, then records from kcat; browse partition 1 by offset.
  await shell.open('#/messages?topic=payments')
  await page.getByTestId('produce-open').click()
  await browse.produce('from-console', '{"amount":12}')
  await expect(browse.ui.produceResult).toContainText('1 sent')
  await page.keyboard.press('Escape')
  const lines = Array.from({ length: 30 }, (_, i) => `pay-${i}`).join('\n')
  await kcat(
    ['-b', external.bootstrap, '-P', '-t', 'payments', '-p', '1', '-X', 'linger.ms=20'],
    lines + '\n'
  )
  await browse.choosePartition(1)
  await browse.readAtOffset(25)
  // What kcat reads from there is what the page shows.
  const seen = (
    await kcat([
      '-b',
      external.bootstrap,
      '-C',
      '-t',
      'payments',
      '-p',
      '1',
      '-o',
      '25',
      '-e',
      '-f',
      '%o %s\n'
    ])
  )
    .trim()
    .split('\n')
  await expect(browse.ui.rows).toHaveCount(seen.length)
  for (const [i, line] of seen.entries()) {
    const [offset, value] = line.split(' ')
    await expect(browse.ui.rows.nth(i)).toHaveAttribute('data-offset', offset)
    await expect(browse.ui.rows.nth(i)).toContainText(value)
  }
  await shell.screenshot('connections-browse')

  // A kcat consumer group reads 10 records of partition 1 and stops: lag 20 there.
  await kcat([
    '-b',
    external.bootstrap,
    '-G',
    'settlement',
    '-X',
    'auto.offset.reset=earliest',
    '-c',
    '10',
    '-e',
    'payments'
  ])
  await shell.open('#/groups/settlement')
  await expect
    .poll(async () => points((await chartOption(groups.ui.lagChart))?.series.at(-1)).length, {
      timeout: 60_000
    })
    .toBeGreaterThanOrEqual(2)
  // DescribeGroups carries no generation: unknown, not a made-up number.
  await expect(page.getByTestId('group-generation')).toHaveText('generation —')
  await shell.screenshot('connections-group-lag', { tall: true })

  // Reset its offsets to the earliest on the Kafka cluster.
  await groups.openReset()
  await groups.resetTo('Earliest')
  await groups.preview()
  await expect(groups.ui.apply).toBeEnabled()
  await groups.ui.apply.click()
  await expect(groups.ui.dialog).toBeHidden()
  // Committed 0, and a lag of the whole partition: its high watermark as kcat saw it.
  const hw = Number(seen.at(-1)!.split(' ')[0]) + 1
  const cells = groups.ui.offsetRow('payments', 1).locator('td')
  await expect(cells.nth(3)).toHaveText('0')
  await expect(cells.nth(4)).toHaveText(String(hw))
  await expect(cells.nth(5)).toHaveText(String(hw))

  // Sizes come from the cluster's DescribeLogDirs: the leaders of partition 1 hold its bytes.
  await shell.goTo('brokers')
  await expect(page.getByTestId('broker-size')).toHaveCount(3)
  const sizes = await page.getByTestId('broker-size').allTextContents()
  expect(sizes).toHaveLength(3)
  expect(sizes.some((s) => /[1-9][\d.]* (B|KiB)/.test(s))).toBe(true)
  await shell.screenshot('connections-brokers')

  // Hot partitions on the Kafka cluster: a hot key found from a sample read over Kafka, and a
  // what-if over it.
  const keyed = Array.from({ length: 60 }, (_, i) =>
    i % 4 === 0 ? `acct-${i}:x${i}` : `acct-7:pay-${i}`
  ).join('\n')
  await kcat(
    [
      '-b',
      external.bootstrap,
      '-P',
      '-t',
      'payments',
      '-K',
      ':',
      '-X',
      'partitioner=murmur2_random'
    ],
    keyed + '\n'
  )
  await shell.open('#/hot-partitions?topic=payments')
  // Writes count once the collector has polled them (every second here): until then the
  // diagnosis speaks of the partition written to before.
  await expect
    .poll(
      async () => {
        await page.reload()
        return hot.ui.diagnosis.innerText().catch(() => '')
      },
      { timeout: 60_000 }
    )
    .toContain('key acct-7')
  await expect(hot.ui.partitionRows).toHaveCount(2)
  await expect(page.getByTestId('problem')).toHaveCount(0)
  await hot.simulate(6, 'Keys as they are')
  await expect.poll(async () => (await chartOption(hot.ui.whatIf))?.series[0]?.data.length).toBe(6)
  await shell.screenshot('connections-hot-partitions', { tall: true })

  // Back to the embedded cluster: its own (empty) topics, no payments.
  await picker.click()
  await page.getByText('Embedded cluster (embedded)').click()
  await expect(picker).toHaveAttribute('data-connection', 'embedded')
  await shell.goTo('topics')
  await expect(page.getByText('payments')).toHaveCount(0)
})
