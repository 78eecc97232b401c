// Long operations on data a batching client (kcat) wrote: a search's duration stops when it
// ends (minutes later it still says how long it took), and its outcome is said once, in the
// message browser and in the header's operations menu alike.
import { test, expect } from './fixtures'
import { produceBatched } from './support/batched'

test('a finished search keeps its duration and says its outcome once', async ({
  shell,
  browse,
  api,
  server,
  page
}) => {
  await api.createTopic('orders', 3, 3)
  await produceBatched(server.bootstrap, 'orders', 2000)
  await page.clock.install()
  await shell.open('#/messages?topic=orders')
  const m = browse.ui
  await browse.addFilter('Value', 'contains', '"n":19')
  await browse.search()
  const counts = m.progress.locator('.counts')
  await expect(counts).toContainText('2,000 records scanned · 111 matched')
  await expect(counts).toContainText(/took \d+(\.\d)? s/)
  const took = /took [^·]+/.exec(await counts.innerText())?.[0]
  if (!took) throw new Error('no duration')
  await expect(m.progress.getByTestId('operation-outcome')).toHaveCount(1)
  await expect(m.progress.getByTestId('operation-summary')).toHaveCount(1)
  await expect(m.progress.getByTestId('operation-outcome')).toHaveText('Done')
  // The counts are said once, not again in a summary below them.
  expect((await m.progress.innerText()).match(/2,?000/g)).toHaveLength(1)

  // Five and a half minutes later the search still took what it took.
  await page.clock.fastForward('05:30')
  await expect(counts).toContainText(took)
  await expect(counts).not.toContainText('min')

  // The header's operations menu says the same, once.
  await shell.ui.operationsMenu.click()
  const popover = page.locator('.n-popover').filter({ has: page.getByTestId('operation-progress') })
  await expect(popover.getByTestId('operation-progress')).toHaveCount(1)
  await expect(popover.locator('.counts')).toContainText(took)
  await expect(popover.getByTestId('operation-outcome')).toHaveCount(1)
  await shell.screenshot('operations-finished')
})
