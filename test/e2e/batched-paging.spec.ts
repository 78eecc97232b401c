// Paging through records kcat wrote in one batch: Latest, then Older down to the first record
// and Newer back up, every offset on exactly one page (a page that ends inside the batch used to
// drop the batch's records below the page).
import { test, expect } from './fixtures'
import { kcatOrders } from './support/kcat-data'

test('pages back from the latest records of a kcat batch and forward again, skipping none', async ({
  server,
  shell,
  browse,
  api
}) => {
  await api.createTopic('orders', 1, 3)
  await kcatOrders(server.bootstrap, 'orders', 130)
  await shell.open('#/messages?topic=orders&partition=0')
  const m = browse.ui
  await expect(m.pageRange).toContainText('offsets 80–129')
  await m.older.click()
  await expect(m.pageRange).toContainText('offsets 30–79')
  await browse.revealRow(0, 30)
  await expect(m.row(0, 30)).toBeAttached()
  await browse.revealRow(0, 79)
  await expect(m.row(0, 79)).toBeAttached()
  await shell.screenshot('batched-paging-older')
  await m.older.click()
  await expect(m.pageRange).toContainText('offsets 0–29')
  await expect(m.older).toBeDisabled()
  await m.newer.click()
  await expect(m.pageRange).toContainText('offsets 30–79')
  await m.newer.click()
  await expect(m.pageRange).toContainText('offsets 80–129')
  await expect(m.newer).toBeDisabled()

  // The same from an offset inside the batch, backwards: the 50 records before offset 60.
  await browse.readAtOffset(60)
  await expect(m.pageRange).toContainText('offsets 60–109')
  await m.older.click()
  await expect(m.pageRange).toContainText('offsets 10–59')
})
