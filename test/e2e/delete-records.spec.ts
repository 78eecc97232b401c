// Deleting records before an offset from a topic's page, on data a batching client (kcat)
// wrote: an offset past the high watermark is refused naming the partition, the preview counts
// what goes, and afterwards the partition starts at the chosen offset, inside a batch too.
import { test, expect } from './fixtures'
import { selectOption } from './pages/select-option'
import { produceBatched } from './support/batched'

test('deletes records before an offset on one partition, with a preview', async ({
  shell,
  api,
  server,
  page
}) => {
  await api.createTopic('orders', 3, 3)
  await produceBatched(server.bootstrap, 'orders', 3000)
  const before = (await api.call('topics.describe', { name: 'orders' })).partitions
  const hw = before[1].highWatermark
  const keep = Math.floor(hw / 2) + 3

  await shell.open('#/topics/orders')
  await page.getByTestId('delete-records-open').click()
  const dialog = page.getByTestId('delete-records-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('delete-records-partition').click()
  await selectOption(page, 'Partition 1').click()
  const offset = dialog.getByTestId('delete-records-offset').locator('input')
  await offset.fill(String(hw + 1))
  await offset.blur()
  await expect(dialog.getByTestId('field-delete-records-offset')).toContainText(
    `past the high watermark of partition 1 (${hw})`
  )
  await expect(dialog.getByTestId('delete-records-confirm')).toBeDisabled()

  await offset.fill(String(keep))
  await offset.blur()
  const row = dialog.getByTestId('delete-records-preview').locator('tr[data-partition="1"]')
  await expect(row).toContainText(String(keep))
  await expect(dialog.getByTestId('delete-records-confirm')).toHaveText(
    `Delete ${keep.toLocaleString('en-US')} records`
  )
  await shell.screenshot('delete-records-preview')
  await dialog.getByTestId('delete-records-confirm').click()
  await expect(dialog).toBeHidden()

  const after = (await api.call('topics.describe', { name: 'orders' })).partitions
  expect(after.map((p) => p.logStartOffset)).toEqual([0, keep, 0])
  const read = await api.call('messages.read', {
    topic: 'orders',
    partition: 1,
    from: 'earliest',
    limit: 3
  })
  expect(read.records.map((r) => r.offset)).toEqual([keep, keep + 1, keep + 2])
})
