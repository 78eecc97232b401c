// Consumer groups on the demo data: the list with lag, risk and sparklines; a group's members,
// offsets, data-loss risk and lag chart (checked on its series); an offset reset previewed and
// applied on a group without members, and refused on the demo's active group.
import { test, expect } from './fixtures'
import { chartOption, points } from './support/charts'
import { DEMO, hotPartition, loadDemo } from './support/demo'
import { commitOffsets } from './support/kafka'

test('lists groups with lag and sparklines, and opens one with its risk and lag chart', async ({
  shell,
  groups,
  api,
  page
}) => {
  test.setTimeout(120_000)
  await loadDemo(api)
  const hot = await hotPartition(api)
  await shell.open('#/groups')

  const list = groups.list
  await expect(list.rows).toHaveCount(2)
  await expect(list.row(DEMO.fulfillment)).toContainText('Stable')
  await expect(list.row(DEMO.fulfillment)).toContainText(DEMO.orders)
  await expect(list.lag(DEMO.fulfillment)).not.toHaveText('0')
  await expect(list.row(DEMO.analytics)).toContainText(DEMO.payments)
  // The lag is sampled every 10 s: the sparkline draws once two samples exist.
  await expect
    .poll(async () => Number(await list.sparkline(DEMO.fulfillment).getAttribute('data-points')), {
      timeout: 45_000
    })
    .toBeGreaterThanOrEqual(2)
  expect(Number(await list.sparkline(DEMO.fulfillment).getAttribute('data-last'))).toBeGreaterThan(
    0
  )
  await expect(list.stat('total-lag')).not.toContainText('Every group caught up')
  await shell.screenshot('groups-list')

  await groups.openFromList(DEMO.fulfillment)
  await expect(page).toHaveURL(/#\/groups\/demo-fulfillment$/)
  await expect(groups.ui.state).toHaveText('Stable')
  // Members: the demo's kafkajs consumer, with every partition of demo.orders.
  await expect(groups.ui.memberRows).toHaveCount(1)
  await expect(groups.ui.members).toContainText('logdeck-demo')
  await expect(groups.ui.members).toContainText('127.0.0.1')
  await expect(groups.ui.members).toContainText(`${DEMO.orders} 0–5`)
  // Offsets per partition: the hot partition carries the lag, in records and in time.
  await expect(groups.ui.offsetRows).toHaveCount(6)
  const hotRow = groups.ui.offsetRow(DEMO.orders, hot)
  await expect(hotRow).toContainText('logdeck-demo')
  await expect(hotRow.locator('.lagging')).toBeVisible()
  // Risk: lag in time, both rates, the trend, the retention deadline and no loss so far.
  await expect(groups.ui.lagTime).not.toHaveText('—')
  await expect(groups.ui.rates).toContainText('msg/s')
  await expect(groups.ui.deadline).toContainText(`${DEMO.orders}-${hot}`)
  await expect(groups.ui.deadline).toContainText('retention.ms')
  await expect(groups.ui.lost).toContainText('No records lost')
  await expect(page.getByTestId('skew-hint')).toContainText(DEMO.orders)

  // The lag chart: each lagging partition stacked, the total as its own line, over 5 minutes.
  await expect
    .poll(async () => points((await chartOption(groups.ui.lagChart))?.series.at(-1)).length, {
      timeout: 30_000
    })
    .toBeGreaterThanOrEqual(2)
  let option = await chartOption(groups.ui.lagChart)
  if (!option) throw new Error('the lag chart has no option')
  const total = option.series.find((s) => s.name === 'Total')
  const parts = option.series.filter((s) => s.stack === 'lag')
  expect(parts.map((s) => s.name)).toContain(`${DEMO.orders}-${hot}`)
  // At the newest sample the stacked partitions add up to the total line.
  const [lastAt, lastTotal] = points(total).at(-1) ?? [0, 0]
  const stackedSum = parts
    .map((s) => points(s).find(([t]) => t === lastAt)?.[1] ?? 0)
    .reduce((a, b) => a + b, 0)
  expect(lastTotal).toBeGreaterThan(0)
  expect(stackedSum).toBe(lastTotal)
  expect((option.xAxis[0].max ?? 0) - (option.xAxis[0].min ?? 0)).toBe(5 * 60_000)
  await shell.screenshot('group-detail', { tall: true })

  // Another window, and live: the newest sample moves on while the page is open.
  await groups.showWindow('1 h')
  await expect
    .poll(async () => {
      const o = await chartOption(groups.ui.lagChart)
      return o ? (o.xAxis[0].max ?? 0) - (o.xAxis[0].min ?? 0) : 0
    })
    .toBe(3_600_000)
  await expect
    .poll(
      async () => points((await chartOption(groups.ui.lagChart))?.series.at(-1)).at(-1)?.[0] ?? 0,
      { timeout: 30_000 }
    )
    .toBeGreaterThan(lastAt)
  option = await chartOption(groups.ui.lagChart)
  expect(option?.series.some((s) => s.name === `${DEMO.orders}-${hot}`)).toBe(true)
})

test('previews and applies an offset reset, and shows the refusal on an active group', async ({
  shell,
  groups,
  api,
  server
}) => {
  test.setTimeout(120_000)
  await loadDemo(api)
  // A group that committed offset 20 on every partition and has no members left.
  await commitOffsets(server.bootstrap, 'replayer', DEMO.orders, [0, 1, 2, 3, 4, 5], 20)
  await shell.open('#/groups/replayer')
  const ui = groups.ui
  await expect(ui.state).toHaveText('Empty')
  await expect(ui.members).toContainText('No active members')
  await expect(ui.offsetRows).toHaveCount(6)

  // Earliest on every partition: the dry run shows each new offset and the lag it brings.
  await groups.openReset()
  await expect(ui.membersWarning).toHaveCount(0)
  await expect(ui.apply).toBeDisabled()
  await groups.preview()
  await expect(ui.previewRows).toHaveCount(6)
  await expect(ui.previewRow(0)).toContainText('20')
  await expect(ui.previewRow(0).getByTestId('preview-new-offset')).toHaveText('0')
  await expect(ui.previewRow(0)).toContainText('-20')
  await expect(ui.apply).toBeEnabled()
  await expect(ui.apply).toHaveText('Reset 6 partitions')
  await shell.screenshot('group-reset-preview')

  // Changing the form makes that preview stale until it is run again.
  await groups.choosePartitions([2])
  await groups.resetTo('Shift by', -5)
  await expect(ui.apply).toBeDisabled()
  await expect(ui.previewSummary).toContainText('preview again')
  await groups.preview()
  await expect(ui.previewRows).toHaveCount(1)
  await expect(ui.previewRow(2).getByTestId('preview-new-offset')).toHaveText('15')
  await expect(ui.previewRow(2)).toContainText('-5')
  const lagAfter = Number(
    (await ui.previewRow(2).getByTestId('preview-lag').innerText()).replace(/,/g, '')
  )
  expect(lagAfter).toBeGreaterThan(0)
  // Nothing moved yet: that was a dry run.
  let described = await api.call('groups.describe', { groupId: 'replayer' })
  expect(described.offsets.find((o) => o.partition === 2)?.committedOffset).toBe(20)

  await ui.apply.click()
  await expect(ui.dialog).toBeHidden()
  await expect(ui.offsetRow(DEMO.orders, 2)).toContainText('15')
  described = await api.call('groups.describe', { groupId: 'replayer' })
  expect(described.offsets.map((o) => [o.partition, o.committedOffset])).toEqual([
    [0, 20],
    [1, 20],
    [2, 15],
    [3, 20],
    [4, 20],
    [5, 20]
  ])

  // The demo's group has a member: the dialog warns, and the cluster refuses even a dry run.
  await shell.open(`#/groups/${DEMO.fulfillment}`)
  await expect(ui.state).toHaveText('Stable')
  await groups.openReset()
  await expect(ui.membersWarning).toContainText('1 active member')
  await groups.resetTo('Latest')
  await groups.preview()
  await expect(ui.problem).toContainText('The cluster refused the reset')
  await expect(ui.problem).toContainText('can only be reset while it has no active members')
  await expect(ui.previewRows).toHaveCount(0)
  await expect(ui.apply).toBeDisabled()
  await shell.screenshot('group-reset-refused')
})
