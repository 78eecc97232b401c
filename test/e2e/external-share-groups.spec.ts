// A share group (KIP-932) on a Kafka cluster (a second `logdeck serve`, reached only over the
// Kafka protocol): a librdkafka 2.15.1 share consumer reads a topic; the group's page shows its
// member with epoch, subscription and partitions, and each share partition's start offset, as on
// the embedded cluster; its start offsets are reset from the dialog once the consumer has left.
import { test, expect } from './fixtures'
import { startServe, type ServeProcess } from '../support/serve-process'
import { startShareConsumer, type ShareConsumerProcess } from '../support/share-consumer'

const TOPIC = 'remote-share'
const GROUP = 'remote-share-group'

let external: ServeProcess
test.beforeAll(async () => {
  external = await startServe(['--in-memory', '--port', '0', '--no-ui', '--brokers', '3'])
})
test.afterAll(async () => {
  await external?.stop()
})

test("shows a Kafka cluster's share group and resets its start offsets", async ({
  shell,
  api,
  groups,
  page
}) => {
  test.setTimeout(180_000)
  await api.call('connections.add', {
    id: 'remote',
    name: 'Remote',
    bootstrapServers: external.bootstrap.split(',')
  })
  const remote = { connection: 'remote' } as const
  await api.call('topics.create', { ...remote, name: TOPIC, partitions: 2, replicationFactor: 1 })
  for (let i = 0; i < 12; i++)
    await api.call('messages.produce', { ...remote, topic: TOPIC, key: `k-${i}`, value: `v-${i}` })
  let consumer: ShareConsumerProcess | null = startShareConsumer({
    bootstrap: external.bootstrap,
    group: GROUP,
    topics: [TOPIC],
    config: { 'client.id': 'remote-share-reader' },
    groupConfigs: { 'share.auto.offset.reset': 'earliest' }
  })
  try {
    await expect
      .poll(
        async () => {
          const d = await api
            .call('groups.describe', { ...remote, groupId: GROUP })
            .catch(() => null)
          return d !== null && d.members.length === 1 && d.totalLag === 0 && d.offsets.length === 2
        },
        { timeout: 90_000 }
      )
      .toBe(true)

    await shell.open('#/connections')
    await page.getByTestId('use-connection-remote').click()
    await expect(page.getByTestId('connection-picker')).toHaveAttribute('data-connection', 'remote')
    await shell.open(`#/groups/${GROUP}`)
    const ui = groups.ui
    await expect(page.getByTestId('group-type')).toHaveText('share')
    await expect(ui.state).toHaveText('Stable')
    await expect(page.locator('.page-header')).toContainText('assignor simple')
    await expect(ui.memberRows).toHaveCount(1)
    await expect(ui.memberRows.first()).toContainText('remote-share-reader')
    await expect(ui.memberRows.first()).toContainText(TOPIC)
    // ShareGroupDescribe carries no target assignment.
    await expect(ui.memberRows.first()).not.toContainText('reached')
    await expect(ui.offsetRows).toHaveCount(2)
    await expect(page.getByTestId('offsets-table')).toContainText('Start offset')
    await shell.screenshot('external-share-group', { tall: true })

    await consumer.stop()
    consumer = null
    await expect(ui.state).toHaveText('Empty', { timeout: 30_000 })
    await groups.openReset()
    await expect(ui.membersWarning).toHaveCount(0)
    await groups.preview()
    await expect(ui.previewRows).toHaveCount(2)
    await expect(ui.previewRow(0).getByTestId('preview-new-offset')).toHaveText('0')
    await shell.screenshot('external-share-reset-preview')
    await ui.apply.click()
    await expect(ui.dialog).toBeHidden()
    await expect
      .poll(async () =>
        (await api.call('groups.describe', { ...remote, groupId: GROUP })).offsets.map(
          (o) => o.committedOffset
        )
      )
      .toEqual([0, 0])
    await expect
      .poll(async () => (await api.call('groups.describe', { ...remote, groupId: GROUP })).totalLag)
      .toBe(12)
  } finally {
    await consumer?.stop()
  }
})
