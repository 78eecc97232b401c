// Replay on data kcat wrote in one batch: the selected records and only those, a range that
// starts and ends inside the batch, the count shown before starting, and a replay that copies
// nothing ending as a warning rather than Done.
import { test, expect } from './fixtures'
import { kcatOrders } from './support/kcat-data'

test('replays the selected records of a kcat batch, then a range inside it', async ({
  server,
  shell,
  browse,
  api
}) => {
  await api.createTopic('orders.dlq', 1, 3)
  await api.createTopic('orders', 1, 3)
  await kcatOrders(server.bootstrap, 'orders.dlq', 100)
  await shell.open('#/messages?topic=orders.dlq&partition=0')
  const m = browse.ui
  await expect(m.row(0, 99)).toBeVisible()

  await browse.selectRow(0, 60)
  await browse.selectRow(0, 75)
  await m.replayButton.click()
  await expect(m.replayDialog).toBeVisible()
  await expect(m.replaySelection).toContainText('2 selected records (partition 0)')
  await expect(m.replayCount).toHaveText('Copies 2 records')
  await browse.replayInto('orders')
  await expect(m.replayStart).toHaveText(/Copy 2 records/)
  await shell.screenshot('replay-selected-count')
  await m.replayStart.click()
  await expect(m.replayOutcome).toContainText('Done')
  await expect(m.replaySummary).toContainText('Copied 2 record(s) to orders')
  await shell.screenshot('replay-selected-done')
  let copied = await api.call('messages.read', {
    topic: 'orders',
    partition: 0,
    from: 'earliest',
    limit: 100
  })
  expect(copied.records.map((r) => r.value)).toEqual(['order-60', 'order-75'])
  await shell.page.keyboard.press('Escape')
  await expect(m.replayDialog).toBeHidden()

  // With the selection cleared, Replay... copies a range: offsets 10 to 20 of the one batch.
  await browse.selectRow(0, 60)
  await browse.selectRow(0, 75)
  await m.replayButton.click()
  await expect(m.replayDialog).toBeVisible()
  await expect(m.replaySelection).toBeHidden()
  await browse.replay('orders', 10, 20)
  await expect(m.replayOutcome).toContainText('Done')
  await expect(m.replaySummary).toContainText('Copied 10 record(s) to orders')
  copied = await api.call('messages.read', {
    topic: 'orders',
    partition: 0,
    from: { offset: 2 },
    limit: 100
  })
  expect(copied.records.map((r) => r.value)).toEqual(
    Array.from({ length: 10 }, (_, i) => `order-${10 + i}`)
  )
})

test('a range with nothing to copy cannot start, and a replay that copies nothing warns', async ({
  server,
  shell,
  browse,
  api
}) => {
  await api.createTopic('orders.dlq', 1, 3)
  await api.createTopic('orders', 1, 3)
  await kcatOrders(server.bootstrap, 'orders.dlq', 100)
  await shell.open('#/messages?topic=orders.dlq&partition=0')
  const m = browse.ui
  await expect(m.row(0, 99)).toBeVisible()

  await m.replayButton.click()
  await browse.replayInto('orders')
  await m.replayFrom.fill('100')
  await m.replayFrom.blur()
  await expect(m.replayCount).toHaveText('Copies 0 records')
  await expect(m.replayStart).toBeDisabled()
  await shell.page.keyboard.press('Escape')
  await expect(m.replayDialog).toBeHidden()

  await browse.addFilter('Value', 'contains', 'no-such-order')
  await m.replayButton.click()
  await browse.replayInto('orders')
  await m.replayUseFilters.click()
  await expect(m.replayCount).toContainText('Reads 100 records; copies those matching the filters')
  await m.replayStart.click()
  await expect(m.replayOutcome).toContainText('Nothing was copied: no record matched the filters')
  await expect(m.replayOutcome).toHaveClass(/warning/)
  await shell.screenshot('replay-nothing-copied')
})
