// The overview on a cluster with traffic: demo data (topics, a producer, consumer groups)
// loaded from the empty state, the live produce-rate chart and the groups with most lag.
import { test, expect } from './fixtures'

test('loads demo data from the empty overview and shows traffic and lag', async ({
  shell,
  page,
  api
}) => {
  test.setTimeout(120_000)
  await shell.open()
  await page.getByTestId('load-demo').click()
  const largest = page.getByTestId('largest-topics')
  await expect(largest).toContainText('demo.orders', { timeout: 30_000 })
  // The producer runs: the chart draws and the rate is above zero.
  await expect(page.getByTestId('produce-rate').locator('canvas')).toBeVisible({ timeout: 30_000 })
  // Each rate says which window it averages: the chart's step (5 s over 5 minutes), the
  // topics' 10 s.
  await expect(page.getByTestId('produce-rate')).toContainText(
    /[1-9][\d.]*k? msg\/s over the last 5 s/,
    { timeout: 30_000 }
  )
  await expect(page.getByTestId('largest-rate-window')).toHaveText('rates over the last 10 s')
  await expect(page.getByTestId('lagging-groups')).toContainText('demo-', { timeout: 30_000 })
  // Sizes and counts follow the traffic without a reload.
  // A count of zero, not one that ends in 0 (the expected text is trimmed, so ' 0 messages'
  // would be).
  await expect(largest.locator('tr').first()).not.toContainText(/(?<![\d,.])0 messages/, {
    timeout: 20_000
  })
  // Counted in words, one of them too.
  await api.createTopic('overview.single', 1, 1)
  await api.call('messages.produce', { topic: 'overview.single', value: 'one' })
  const single = largest.locator('tr', { hasText: 'overview.single' })
  await expect(single.locator('td').nth(2)).toHaveText('1 message')
  const { groups } = await api.call('groups.list', {})
  expect(groups.length).toBeGreaterThan(0)
  await shell.screenshot('overview-demo')
  await shell.ui.themeToggle.click()
  await shell.screenshot('overview-demo-dark')

  // The demo's orders are keyed by tenant and one tenant dominates: its partition runs hot.
  await shell.open('#/topics/demo.orders')
  await page.getByTestId('diagnose-skew').click()
  const report = page.getByTestId('skew-report')
  await expect(report).toContainText('Diagnosis')
  await expect(report).toContainText('tenant-42')
  await shell.screenshot('hot-partitions-demo')
})
