// Share groups (KIP-932) in the console: two librdkafka 2.15.1 share consumers of one group read
// a topic; the groups list shows the group with type share, and its page shows the group and
// assignment epochs, each member's epoch, subscription and partitions, each share partition's
// start offset, and the group's share.* configs. Its start offsets are reset from the same dialog
// as a consumer group's offsets: previewed while the members are in but refused, then, with the
// consumers stopped, reset to the earliest offset; then its start offsets of the topic deleted.
import { test, expect } from './fixtures'
import { startShareConsumer, type ShareConsumerProcess } from '../support/share-consumer'

const TOPIC = 'e2e-share'
const GROUP = 'e2e-share-group'

test('lists a share group and shows its members and share partitions', async ({
  server,
  api,
  shell,
  groups,
  page
}) => {
  test.setTimeout(180_000)
  await api.createTopic(TOPIC, 2, 1)
  for (let i = 0; i < 20; i++)
    await api.call('messages.produce', { topic: TOPIC, key: `k-${i}`, value: `v-${i}` })
  const consumers: ShareConsumerProcess[] = []
  try {
    for (const name of ['one', 'two'])
      consumers.push(
        startShareConsumer({
          bootstrap: server.bootstrap,
          group: GROUP,
          topics: [TOPIC],
          config: { 'client.id': `e2e-share-${name}` },
          groupConfigs: { 'share.auto.offset.reset': 'earliest' }
        })
      )
    await expect
      .poll(
        async () => {
          // Not found until the first member's heartbeat.
          const d = await api.call('groups.describe', { groupId: GROUP }).catch(() => null)
          return d &&
            d.members.length === 2 &&
            d.members.every((m) => m.assignments.length > 0) &&
            d.offsets.length === 2
            ? d.groupType
            : null
        },
        { timeout: 90_000 }
      )
      .toBe('share')

    await shell.open('#/groups')
    const row = groups.list.row(GROUP)
    await expect(row.getByTestId('group-type')).toHaveText('share')
    await expect(row).toContainText('Stable')
    await expect(row).toContainText(TOPIC)
    await shell.screenshot('groups-share-group')

    await groups.openFromList(GROUP)
    await expect(page.getByTestId('group-type')).toHaveText('share')
    await expect(page.getByTestId('group-epoch')).toContainText('assignment epoch')
    await expect(page.locator('.page-header')).toContainText('assignor simple')
    await expect(groups.ui.memberRows).toHaveCount(2)
    const d = await api.call('groups.describe', { groupId: GROUP })
    await expect(page.getByTestId('member-epoch')).toHaveText(
      d.members.map((m) => String(m.memberEpoch))
    )
    await expect(page.getByTestId('member-assignment')).toHaveCount(2)
    await expect(groups.ui.offsetRows).toHaveCount(2)
    await expect(page.getByTestId('offsets-table')).toContainText('Start offset')
    await expect(groups.ui.offsetRow(TOPIC, 0)).toContainText('e2e-share-')
    await expect(groups.ui.configs.value('share.auto.offset.reset')).toHaveText('earliest')
    await shell.screenshot('group-share', { tall: true })

    // While both members are in: the dialog warns, previews, and the cluster refuses the reset.
    const ui = groups.ui
    await expect(ui.resetOpen).toHaveText('Reset start offsets')
    await groups.openReset()
    await expect(ui.dialog.getByTestId('reset-intro')).toContainText(
      'share-partition start offsets'
    )
    await expect(ui.membersWarning).toContainText('2 active members')
    await groups.preview()
    await expect(ui.previewRows).toHaveCount(2)
    await expect(ui.dialog.getByTestId('reset-preview-table')).toContainText('Start offset now')
    await expect(ui.previewRow(0).getByTestId('preview-new-offset')).toHaveText('0')
    await ui.apply.click()
    await expect(ui.problem).toContainText('The cluster refused the reset')
    await expect(ui.problem).toContainText('can only be reset while it has no active members')
    await shell.screenshot('group-share-reset-refused')
    await page.keyboard.press('Escape')
    await expect(ui.dialog).toBeHidden()

    for (const c of consumers) await c.stop()
    await expect
      .poll(async () => (await api.call('groups.describe', { groupId: GROUP })).members.length, {
        timeout: 60_000
      })
      .toBe(0)
    await expect(ui.state).toHaveText('Empty')
    const before = await api.call('groups.describe', { groupId: GROUP })
    expect(before.offsets.map((o) => o.committedOffset)).toEqual(
      before.offsets.map((o) => o.highWatermark)
    )
    await groups.openReset()
    await expect(ui.membersWarning).toHaveCount(0)
    await groups.preview()
    await expect(ui.previewRow(1).getByTestId('preview-new-offset')).toHaveText('0')
    await expect(ui.previewRow(1).getByTestId('preview-lag')).toHaveText(
      String(before.offsets[1].highWatermark)
    )
    await expect(ui.apply).toHaveText('Reset 2 partitions')
    await shell.screenshot('group-share-reset-preview')
    await ui.apply.click()
    await expect(ui.dialog).toBeHidden()
    await expect
      .poll(async () =>
        (await api.call('groups.describe', { groupId: GROUP })).offsets.map((o) => [
          o.committedOffset,
          o.lag
        ])
      )
      .toEqual(before.offsets.map((o) => [0, o.highWatermark]))
    await expect(groups.ui.offsetRow(TOPIC, 0)).toContainText(
      String(before.offsets[0].highWatermark)
    )
    await shell.screenshot('group-share-after-reset', { tall: true })

    // Deleting the topic's start offsets forgets the group's state of its partitions.
    await groups.openReset()
    await expect(ui.dialog.getByTestId('reset-delete-share')).toContainText('--delete-offsets')
    await shell.screenshot('group-share-reset-dialog')
    await ui.dialog.getByTestId('reset-delete-share-offsets').click()
    await expect(ui.dialog).toBeHidden()
    await expect
      .poll(async () => (await api.call('groups.describe', { groupId: GROUP })).offsets.length)
      .toBe(0)
    await expect(ui.offsetRows).toHaveCount(0)
  } finally {
    for (const c of consumers) await c.stop()
  }
})
