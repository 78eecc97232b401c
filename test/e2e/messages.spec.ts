// The message browser on real records: a partition at an offset and at a time, paging, a
// filter run by the engine, producing, and replaying a range into another topic.
import { readFile } from 'node:fs/promises'
import { test, expect } from './fixtures'
import type { ApiClient } from './support/api'

const MINUTE = 60_000
/** Thirty orders on partition 1, one a minute, starting two hours ago (on a whole minute). */
async function seedOrders(api: ApiClient, topic = 'orders'): Promise<number> {
  const base = Math.floor((Date.now() - 2 * 3_600_000) / MINUTE) * MINUTE
  await api.createTopic(topic, 3, 3)
  for (let i = 0; i < 30; i++) {
    await api.call('messages.produce', {
      topic,
      partition: 1,
      key: `customer-${i % 5}`,
      value: JSON.stringify({
        orderId: i,
        status: i % 3 === 0 ? 'failed' : 'placed',
        amount: i * 10
      }),
      headers: { source: i % 2 ? 'web' : 'mobile' },
      timestamp: base + i * MINUTE
    })
  }
  return base
}

function localDateTime(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

test('browses a partition at an offset and at a time, and pages', async ({
  shell,
  browse,
  api
}) => {
  const base = await seedOrders(api)
  await shell.open('#/messages?topic=orders&partition=1')
  const m = browse.ui
  // Latest first page: the newest 30 (all of them) on partition 1.
  await expect(m.row(1, 29)).toBeVisible()

  await browse.readAtOffset(10)
  await expect(m.rows.first()).toHaveAttribute('data-offset', '10')
  await expect(m.pageRange).toHaveText('partition 1, offsets 10–29')
  await m.row(1, 12).click()
  await expect(m.detail).toContainText('"status"')
  await expect(m.detail).toContainText('customer-2')
  await shell.screenshot('messages-at-offset')

  await browse.readAtTime(localDateTime(base + 20 * MINUTE))
  await expect(m.rows.first()).toHaveAttribute('data-offset', '20')
  await shell.screenshot('messages-at-time')

  // Pages of 20 from the start: forward, then back to where it was.
  await browse.setPageSize(20)
  await m.mode('Earliest').click()
  await m.read.click()
  await expect(m.pageRange).toHaveText('partition 1, offsets 0–19')
  await m.newer.click()
  await expect(m.pageRange).toHaveText('partition 1, offsets 20–29')
  await expect(m.newer).toBeDisabled()
  await m.older.click()
  await expect(m.pageRange).toHaveText('partition 1, offsets 0–19')
})

test('filters by a JSON path and a header, with progress', async ({ shell, browse, api }) => {
  await seedOrders(api)
  await shell.open('#/messages?topic=orders')
  const m = browse.ui
  await expect(m.resultsBar).toContainText('30 messages')
  await browse.addFilter('Value', 'JSON path', '$.status == "failed"')
  await browse.search()
  await expect(m.matchCount).toHaveText('10')
  await expect(m.rows).toHaveCount(10)
  await expect(m.progress).toContainText('30 records scanned')

  await browse.addFilter('Header', 'equals', 'web', 'source')
  await browse.search()
  await expect(m.matchCount).toHaveText('5')
  await shell.screenshot('messages-filtered')

  await browse.clearSearch()
  await expect(m.resultsBar).toContainText('30 messages')
})

test('replays a range into another topic and finds the records there', async ({
  shell,
  browse,
  api,
  page
}) => {
  await seedOrders(api, 'orders.dlq')
  await api.createTopic('orders', 3, 3)
  await shell.open('#/messages?topic=orders.dlq&partition=1')
  const m = browse.ui
  await expect(m.row(1, 29)).toBeVisible()
  await m.replayButton.click()
  await expect(m.replayDialog).toBeVisible()
  await browse.replay('orders', 5, 9, 1)
  await expect(m.replayDialog.getByTestId('operation-progress')).toHaveAttribute('data-done', 'yes')
  await expect(m.replayDialog.getByTestId('operation-summary')).toContainText(
    'Copied 4 record(s) to orders'
  )
  await shell.screenshot('messages-replay-done')

  await m.replayBrowseTarget.click()
  await expect(page).toHaveURL(/topic=orders$/)
  await expect(m.rows).toHaveCount(4)
  await browse.addFilter('Value', 'contains', '"orderId":7,')
  await browse.search()
  await expect(m.matchCount).toHaveText('1')
  const copied = await api.call('messages.search', {
    topic: 'orders',
    from: 'earliest',
    filters: [{ field: 'key', op: 'equals', value: 'customer-2' }],
    limit: 10
  })
  expect(copied.operationId).toBeTruthy()
  await shell.screenshot('messages-replayed-target')
})

test('produces a message and sees it arrive in the live tail', async ({ shell, browse, api }) => {
  await api.createTopic('events', 2, 3)
  await shell.open('#/messages?topic=events')
  const m = browse.ui
  await expect(shell.ui.emptyState).toContainText('This topic has no messages yet')
  await m.tail.click()
  await expect(m.tail).toContainText('Following')
  await shell.page.getByTestId('produce-open').click()
  await browse.produce('user-1', '{"event":"signup","plan":"pro"}')
  await expect(m.produceResult).toContainText('1 sent')
  await shell.page.keyboard.press('Escape')
  await expect(m.rows).toHaveCount(1)
  await api.call('messages.produce', { topic: 'events', key: 'user-2', value: '{"event":"login"}' })
  await expect(m.rows).toHaveCount(2)
  await shell.screenshot('messages-live-tail')
  await m.tail.click()
  await expect(m.tail).toContainText('Live tail')
})

test('exports a selection as JSON and CSV, and copies one message', async ({
  shell,
  browse,
  api,
  page,
  context
}) => {
  await seedOrders(api)
  await shell.open('#/messages?topic=orders&partition=1')
  const m = browse.ui
  await browse.readAtOffset(3)
  await browse.selectRow(1, 3)
  await browse.selectRow(1, 4)
  await expect(m.exportButton).toContainText('Export selection')

  const json = await browse.exportAs('Download as JSON')
  expect(json.name).toMatch(/^orders-p1-\d{8}-\d{6}\.json$/)
  const exported = JSON.parse(await readFile(json.path, 'utf8')) as Record<string, unknown>[]
  expect(exported.map((r) => r.offset)).toEqual([3, 4])
  expect(exported[0]).toMatchObject({
    partition: 1,
    key: 'customer-3',
    value: { orderId: 3, status: 'failed' },
    headers: { source: 'web' }
  })

  const csv = await browse.exportAs('Download as CSV')
  const lines = (await readFile(csv.path, 'utf8')).trim().split('\r\n')
  expect(lines[0]).toBe(
    'partition,offset,timestamp,time,key,value,headers,encoding,keySubject,keyVersion,keySchemaId,valueSubject,valueVersion,valueSchemaId'
  )
  expect(lines).toHaveLength(3)
  expect(lines[1]).toContain('"{""orderId"":3,""status"":""failed"",""amount"":30}"')

  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await m.row(1, 4).click()
  await m.detail.getByRole('button', { name: 'Copy message' }).click()
  const copied = JSON.parse(
    await page.evaluate<string>('navigator.clipboard.readText()')
  ) as Record<string, unknown>
  expect(copied).toMatchObject({ partition: 1, offset: 4, key: 'customer-4' })
  await shell.screenshot('messages-selection')
})
