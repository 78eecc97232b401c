// The topics list with 10,000 topics: it stays virtual (few rows in the DOM), scrolls to the
// end, searches and sorts.
import { test, expect } from './fixtures'
import { ApiClient } from './support/api'
import { scrollThrough, type FrameTimes } from './support/measure'

test('lists 10,000 topics with virtual scrolling, search and sort', async ({
  shell,
  api,
  page
}) => {
  test.setTimeout(240_000)
  const names = Array.from({ length: 10_000 }, (_, i) => `load.t${String(i).padStart(5, '0')}`)
  await shell.open('#/topics')
  await ApiClient.pool(names, 32, (name) => api.createTopic(name, name.endsWith('7') ? 4 : 1, 1))
  // Created over the API while the list is open: it follows without a reload.
  await expect(shell.topics.count).toHaveText('10,000 topics', { timeout: 60_000 })
  await expect(shell.topics.row('load.t00000')).toBeVisible()
  const rendered = await shell.topics.rows.count()
  expect(rendered).toBeLessThan(120)

  // Scroll to the end through the virtual list; measure frames while doing it.
  const frames = await page.evaluate<FrameTimes>(
    scrollThrough('[data-testid="topics-table"] .v-vl', 60)
  )
  console.log(
    `scrolling 10,000 topics: median frame ${frames.median.toFixed(1)} ms, worst ${frames.worst.toFixed(1)} ms`
  )
  await expect(shell.topics.row('load.t09999')).toBeVisible()
  expect(await shell.topics.rows.count()).toBeLessThan(120)
  await shell.screenshot('topics-10000-end')

  await shell.topics.search.fill('t0424')
  await expect(shell.topics.count).toContainText('10 of 10,000 topics')
  await expect(shell.topics.rows).toHaveCount(10)
  await shell.topics.search.fill('')

  // Sort by partitions (largest first on the first click): the 4-partition topics lead.
  await shell.topics.header('Partitions').click()
  await expect(shell.topics.rows.first()).toHaveAttribute('data-topic', 'load.t00007')
  await shell.topics.header('Partitions').click()
  await expect(shell.topics.rows.first()).toHaveAttribute('data-topic', 'load.t00000')
  await shell.screenshot('topics-10000-sorted')
})
