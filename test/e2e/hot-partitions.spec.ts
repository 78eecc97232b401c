// Hot partitions on the demo data: the diagnosis naming the hot key, the produce-rate heatmap
// (checked on its cells), per-partition load with the consumer lag beside it, top keys, and
// the what-if simulator (checked on the predicted distribution it draws).
import { test, expect } from './fixtures'
import { chartOption } from './support/charts'
import { DEMO, hotPartition, loadDemo } from './support/demo'

test('diagnoses the hot partition with a heatmap, lag beside it and its top keys', async ({
  shell,
  hot,
  api
}) => {
  test.setTimeout(120_000)
  await loadDemo(api)
  const hotP = await hotPartition(api)
  await shell.open(`#/hot-partitions?topic=${DEMO.orders}`)

  const ui = hot.ui
  await expect(ui.diagnosis).toContainText(`Partition ${hotP} takes`)
  await expect(ui.diagnosis).toContainText('key tenant-42')
  await expect(ui.diagnosis).toContainText('More partitions do not help a single hot key')
  await expect(ui.diagnosis).toContainText('Salt the key')
  await expect(ui.hottest).toContainText(String(hotP))
  await expect(ui.hottest).toContainText('tenant-42')
  // The card and the diagnosis give the ratio alike: "3.54×" and "(3.54× the mean)".
  const ratio = (await ui.maxOverMean.innerText()).match(/\d+\.\d\d×/)?.[0]
  expect(ratio).toBeDefined()
  await expect(ui.diagnosis).toContainText(`(${ratio} the mean)`)

  // The heatmap: a row per partition, and the hot partition's row carries the most writes.
  await expect
    .poll(async () => (await chartOption(ui.heatmap))?.series[0]?.data.length ?? 0, {
      timeout: 20_000
    })
    .toBeGreaterThan(0)
  const heat = await chartOption(ui.heatmap)
  if (!heat) throw new Error('the heatmap has no option')
  expect(heat.series[0].type).toBe('heatmap')
  expect(heat.yAxis[0].data).toEqual(['0', '1', '2', '3', '4', '5'])
  const cells = heat.series[0].data as [number, number, number][]
  const rowSums = [0, 1, 2, 3, 4, 5].map((row) =>
    cells.filter((c) => c[1] === row).reduce((n, c) => n + c[2], 0)
  )
  expect(rowSums.indexOf(Math.max(...rowSums))).toBe(hotP)
  expect(heat.visualMap?.[0].max).toBeGreaterThan(0)
  // Every column is a time step since the server started (none drawn before it existed), and
  // every cell sits in one of them.
  const columns = heat.xAxis[0].data?.length ?? 0
  expect(columns).toBeGreaterThan(0)
  for (const [x] of cells) expect(x).toBeLessThan(columns)

  // Partitions: share, records and bytes, and the demo group's lag sitting on the hot one.
  await expect(ui.partitionRows).toHaveCount(6)
  await expect(ui.partitionRow(hotP)).toHaveClass(/hot/)
  await expect(ui.lagCell(DEMO.fulfillment, hotP).locator('.worst')).toBeVisible({
    timeout: 20_000
  })
  await expect(ui.lagCell(DEMO.fulfillment, hotP)).toHaveAttribute(
    'title',
    'Assigned to logdeck-demo'
  )
  await hot.openKeys(hotP)
  await expect(ui.topKeys).toContainText('tenant-42')
  await expect(ui.topKeys).toContainText(/\d+\.\d% *\d+ records/)
  await shell.screenshot('hot-partitions-diagnosis', { tall: true })
})

test('simulates another partition count and key strategy', async ({ shell, hot, api }) => {
  test.setTimeout(120_000)
  await loadDemo(api)
  await shell.open(`#/hot-partitions?topic=${DEMO.orders}`)
  const ui = hot.ui

  // As it is today: nothing moves, and the prediction is today's distribution.
  await expect(ui.whatIfMoved).toHaveText('0%')
  const today = Number((await ui.whatIfMaxOverMean.innerText()).replace('×', ''))
  expect(today).toBeGreaterThan(1.5)
  // The prediction counts the records the report sampled, also once the running demo has written
  // more and the topic is analyzed again.
  const sampled = async () => (await ui.sampled.innerText()).trim()
  await expect(ui.whatIfSampled).toHaveText(`predicted from ${await sampled()} sampled records`)
  const before = await sampled()
  await expect
    .poll(async () => {
      await ui.analyzeAgain.click()
      await expect(ui.analyzeAgain).toBeEnabled()
      return sampled()
    })
    .not.toBe(before)
  await expect(ui.whatIfSampled).toHaveText(`predicted from ${await sampled()} sampled records`)
  await expect(ui.whatIfMoved).toHaveText('0%')

  // More partitions alone: the hot key still lands on one partition.
  await hot.simulate(12, 'Keys as they are')
  await expect.poll(async () => (await chartOption(ui.whatIf))?.series[0]?.data.length).toBe(12)
  await expect(ui.whatIfMoved).not.toHaveText('0%')

  // Salting tenant-42 into 8 buckets over 12 partitions spreads it.
  await hot.simulate(12, 'Salt into N buckets', 8)
  await expect
    .poll(async () => Number((await ui.whatIfMaxOverMean.innerText()).replace('×', '')))
    .toBeLessThan(today)
  const salted = await chartOption(ui.whatIf)
  if (!salted) throw new Error('the what-if chart has no option')
  expect(salted.series[0].type).toBe('bar')
  const shares = (salted.series[0].data as { value: number }[]).map((d) => d.value)
  expect(shares).toHaveLength(12)
  expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
  await shell.screenshot('hot-partitions-what-if', { tall: true })

  // A compound key with each order's id spreads the tenant over every partition.
  await hot.simulate(6, 'Compound key', 'orderId')
  await expect
    .poll(async () => Number((await ui.whatIfMaxOverMean.innerText()).replace('×', '')))
    .toBeLessThan(1.5)
  await expect.poll(async () => (await chartOption(ui.whatIf))?.series[0]?.data.length).toBe(6)
})

test('moves the hot partition to a cooler broker and shows each broker before and after', async ({
  shell,
  hot,
  api
}) => {
  test.setTimeout(120_000)
  await loadDemo(api)
  const hotP = await hotPartition(api)
  const before = (await api.call('topics.describe', { name: DEMO.orders })).partitions[hotP]
  await shell.open(`#/hot-partitions?topic=${DEMO.orders}`)
  const ui = hot.ui
  await expect(ui.movePlan).toContainText(`Partition ${hotP} takes`, { timeout: 30_000 })
  const to = Number(/Move partition \d+ to broker (\d+)/.exec(await ui.moveButton.innerText())?.[1])
  expect(to).not.toBe(before.leader)
  await shell.screenshot('hot-partitions-move-plan')
  await ui.moveButton.click()
  await expect(ui.moveSummary).toContainText('before the move and now')
  // The partition's writes now count on the broker it moved to.
  await expect
    .poll(
      async () =>
        (await api.call('topics.describe', { name: DEMO.orders })).partitions[hotP].leader,
      {
        timeout: 30_000
      }
    )
    .toBe(to)
  await expect(ui.brokerLoad(to)).toContainText('(moved to)')
  await expect(ui.brokerLoad(before.leader)).toContainText('(moved from)')
  await shell.screenshot('hot-partitions-moved')
})
