// Moving a hot partition on a Kafka cluster (a second `logdeck serve` with 3 brokers, reached
// only over the Kafka protocol): kcat writes far more to one partition, the Hot partitions view
// plans its move to the broker taking the least writes (by the console's own samples of the
// partitions' sizes), and the move it carries out is a reassignment the cluster makes: the
// partition's replica ends on that broker. The Brokers view offers the preferred-leader election
// there too.
import { execFile } from 'node:child_process'
import { test, expect } from './fixtures'
import { startServe, type ServeProcess } from '../support/serve-process'

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

const produce = (partition: number, from: number, count: number) =>
  kcat(
    ['-b', external.bootstrap, '-P', '-t', 'orders', '-p', String(partition), '-X', 'linger.ms=20'],
    Array.from({ length: count }, (_, i) => `order-${from + i}-${'x'.repeat(80)}`).join('\n') + '\n'
  )

test('moves a hot partition to a cooler broker on a Kafka cluster', async ({
  shell,
  hot,
  api,
  page
}) => {
  test.setTimeout(180_000)
  await api.call('connections.add', {
    id: 'staging',
    name: 'Staging',
    bootstrapServers: external.bootstrap.split(','),
    historyIntervalMs: 1000
  })
  const staging = { connection: 'staging' } as const
  await api.call('topics.create', {
    ...staging,
    name: 'orders',
    partitions: 3,
    replicationFactor: 1
  })
  const describe = async () =>
    (await api.call('topics.describe', { ...staging, name: 'orders' })).partitions
  const partitionsBefore = await describe()
  const before = partitionsBefore[0]

  // Writes in rounds, so that the collector's samples see partition 0's size grow.
  await produce(1, 0, 50)
  await produce(2, 0, 50)
  for (let round = 0; round < 3; round++) {
    await produce(0, round * 3000, 3000)
    await page.waitForTimeout(1500)
  }

  await shell.open('#/connections')
  await page.getByTestId('use-connection-staging').click()
  await expect(page.getByTestId('connection-picker')).toHaveAttribute('data-connection', 'staging')
  await shell.open('#/hot-partitions?topic=orders')
  const ui = hot.ui
  await expect(ui.movePlan).toContainText('Partition 0 takes', { timeout: 30_000 })
  await expect(page.getByTestId('move-external')).toContainText('partition reassignment')
  const to = Number(/Move partition \d+ to broker (\d+)/.exec(await ui.moveButton.innerText())?.[1])
  expect(to).not.toBe(before.leader)
  await expect(ui.movePlan).toContainText('gets a replica that copies the log')
  await shell.screenshot('external-move-plan', { tall: true })

  await ui.moveButton.click()
  await expect(ui.moveSummary).toContainText('before the move and now')
  // The cluster carries the reassignment out: the partition's one replica is on that broker now.
  await expect.poll(async () => (await describe())[0].replicas, { timeout: 30_000 }).toEqual([to])
  await expect.poll(async () => (await describe())[0].leader, { timeout: 30_000 }).toBe(to)
  await expect(ui.brokerLoad(to)).toContainText('(moved to)')
  await expect(ui.brokerLoad(before.leader)).toContainText('(moved from)')
  await shell.screenshot('external-move-done', { tall: true })

  // Every record is still there, read back with kcat.
  const read = await kcat(['-b', external.bootstrap, '-C', '-t', 'orders', '-p', '0', '-e', '-q'])
  expect(read.split('\n').filter((l) => l.startsWith('order-')).length).toBe(9000)

  // The Brokers view reads the cluster again: the broker moved to leads one partition more.
  const led = (ps: { leader: number }[], broker: number) =>
    ps.filter((p) => p.leader === broker).length
  await shell.goTo('brokers')
  await expect(page.getByTestId(`broker-${to}`).getByTestId('broker-leaders')).toHaveText(
    String(led(partitionsBefore, to) + 1)
  )
  await expect(
    page.getByTestId(`broker-${before.leader}`).getByTestId('broker-leaders')
  ).toHaveText(String(led(partitionsBefore, before.leader) - 1))

  // Preferred-leader election is offered on a Kafka cluster too; every leader is preferred here.
  await page.getByTestId('elect-preferred').click()
  await expect(page.locator('.n-message')).toContainText('already led by its preferred replica')
  await shell.screenshot('external-elect-preferred')
})
