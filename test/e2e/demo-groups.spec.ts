// Offset reset on the demo data is no dead end: a demo group's consumer (kafkajs) is paused
// from the reset dialog, which makes the group empty so the reset goes through; it resumes from
// the reset offsets; and a group without members can be deleted from its page.
import { test, expect } from './fixtures'
import { DEMO, loadDemo } from './support/demo'
import { commitOffsets } from './support/kafka'

test('pauses a demo consumer to reset its offsets, resumes it, and deletes a group', async ({
  shell,
  groups,
  api,
  server,
  page
}) => {
  test.setTimeout(150_000)
  await loadDemo(api)
  await shell.open(`#/groups/${DEMO.analytics}`)
  const ui = groups.ui
  await expect(ui.state).toHaveText('Stable')

  // The reset dialog offers to pause the demo consumer instead of a dead end.
  await groups.openReset()
  await expect(ui.membersWarning).toContainText('1 active member')
  await ui.resetPauseDemo.click()
  await expect(ui.membersWarning).toHaveCount(0)
  await expect(ui.state).toHaveText('Empty')
  expect((await api.call('groups.describe', { groupId: DEMO.analytics })).members).toHaveLength(0)
  await groups.resetTo('Earliest')
  await groups.preview()
  await expect(ui.previewRows).toHaveCount(3)
  await ui.apply.click()
  await expect(ui.dialog).toBeHidden()
  const afterReset = await api.call('groups.describe', { groupId: DEMO.analytics })
  expect(afterReset.offsets.map((o) => o.committedOffset)).toEqual([0, 0, 0])
  await shell.screenshot('demo-group-paused')

  // Resumed, the consumer joins again and reads from the reset offsets onwards.
  await expect(ui.demoResume).toBeVisible()
  await ui.demoResume.click()
  await expect(ui.demoPause).toBeVisible()
  await expect(ui.state).toHaveText('Stable', { timeout: 30_000 })
  await expect
    .poll(
      async () =>
        (await api.call('groups.describe', { groupId: DEMO.analytics })).offsets.reduce(
          (n, o) => n + (o.committedOffset ?? 0),
          0
        ),
      { timeout: 30_000 }
    )
    .toBeGreaterThan(0)

  // Delete: refused while the group has members (the dialog says so), done once it has none.
  await ui.deleteOpen.click()
  await expect(ui.deleteMembers).toContainText('1 active member')
  await expect(ui.deleteConfirm).toBeDisabled()
  await page.keyboard.press('Escape')
  await expect(ui.deleteDialog).toBeHidden()

  await commitOffsets(server.bootstrap, 'replayer', DEMO.orders, [0, 1, 2, 3, 4, 5], 20)
  await shell.open('#/groups/replayer')
  await expect(ui.state).toHaveText('Empty')
  await ui.deleteOpen.click()
  await expect(ui.deleteDialog).toContainText('on 6 partitions')
  await ui.deleteConfirm.click()
  await expect(page).toHaveURL(/#\/groups$/)
  await expect(groups.list.row('replayer')).toHaveCount(0)
  const { groups: left } = await api.call('groups.list', {})
  expect(left.map((g) => g.groupId).sort()).toEqual([DEMO.analytics, DEMO.fulfillment])
})
