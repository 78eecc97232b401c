// The message browser on batched data from kcat: the table's layout at laptop widths, newest or
// oldest first, an all-partitions page that shows one partition and says why, the position in the
// URL, time zones, a large JSON record, the produce dialog, hex, search limits and plurals.
import { test, expect } from './fixtures'
import { orderLines, produceLines } from './support/kcat-lines'

test('keeps the value column readable at 1024, 1280 and 1440 px', async ({
  shell,
  browse,
  api,
  server,
  page
}) => {
  await api.createTopic('orders', 6, 3)
  await produceLines(server.bootstrap, 'orders', orderLines(600))
  for (const width of [1024, 1280, 1440]) {
    await page.setViewportSize({ width, height: 860 })
    await shell.open('#/messages?topic=orders')
    const m = browse.ui
    await expect(m.rows.first()).toBeVisible()
    const header = await m.column('Value').boundingBox()
    expect(header?.width ?? 0).toBeGreaterThanOrEqual(200)
    const first = m.rows.first()
    const cell = first.locator('td', { has: page.locator('.value') })
    const box = await cell.boundingBox()
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(200)
    await expect(cell).toContainText('orderId')
    await first.click()
    await expect(m.detail).toBeVisible()
    await shell.screenshot(`message-browser-${width}`)
    await first.click()
  }
})

test('Latest lists newest first and says so; both orders are offered', async ({
  shell,
  browse,
  api,
  server
}) => {
  await api.createTopic('orders', 1, 3)
  await produceLines(server.bootstrap, 'orders', orderLines(120), 0)
  await shell.open('#/messages?topic=orders')
  const m = browse.ui
  await expect(m.order).toContainText('Newest first')
  await expect(m.rows.first()).toHaveAttribute('data-offset', '119')
  await m.order.click()
  await m.option('Oldest first').click()
  await expect(m.rows.first()).toHaveAttribute('data-offset', '70')
  await expect(m.pageRange).toHaveText('partition 0, offsets 70–119')
  await m.mode('Earliest').click()
  await m.read.click()
  await expect(m.rows.first()).toHaveAttribute('data-offset', '0')
  await m.order.click()
  await m.option('Newest first').click()
  await expect(m.rows.first()).toHaveAttribute('data-offset', '49')
})

test('an all-partitions page from an offset says why it shows one partition', async ({
  shell,
  browse,
  api,
  server
}) => {
  await api.createTopic('orders', 3, 3)
  // Partition 2 is hot: it passes offset 100 long before partition 0 does; partition 1 never does.
  await produceLines(server.bootstrap, 'orders', orderLines(300), 2)
  // The other partitions' records come later: wait until the clock has passed partition 2's last.
  const last = await api.call('messages.read', {
    topic: 'orders',
    partition: 2,
    from: { latest: 1 },
    limit: 1
  })
  const lastTimestamp = last.records[0].timestamp
  await expect.poll(() => Date.now()).toBeGreaterThan(lastTimestamp)
  await produceLines(server.bootstrap, 'orders', orderLines(150, 300), 0)
  await produceLines(server.bootstrap, 'orders', orderLines(60, 450), 1)
  await shell.open('#/messages?topic=orders')
  const m = browse.ui
  await expect(m.rows.first()).toBeVisible()
  await browse.readAtOffset(100)
  await expect(m.rows.first()).toHaveAttribute('data-offset', '100')
  await expect(m.rows.first()).toHaveAttribute('data-partition', '2')
  await expect(m.pageNote).toContainText(
    'This page shows partition 2 only: partition 1 has no records from offset 100 on'
  )
  await expect(m.pageNote).toContainText('Partition 0 has records from offset 100 on')
  await expect(m.pageRange).toHaveText('partition 2, offsets 100–149')
  await shell.screenshot('message-browser-all-partitions-note')
})

test('the position lives in the URL: reload and paging come back to the same page', async ({
  shell,
  browse,
  api,
  server,
  page
}) => {
  await api.createTopic('orders', 3, 3)
  await produceLines(server.bootstrap, 'orders', orderLines(200), 1)
  await shell.open('#/messages?topic=orders&partition=1')
  const m = browse.ui
  await expect(m.rows.first()).toBeVisible()
  await browse.readAtOffset(20)
  await expect(page).toHaveURL(/from=offset%3A20|from=offset:20/)
  await m.newer.click()
  await expect(m.pageRange).toHaveText('partition 1, offsets 70–119')
  await expect(page).toHaveURL(/at=1(%3A|:)70/)
  await page.reload()
  await expect(m.pageRange).toHaveText('partition 1, offsets 70–119')
  await expect(m.offsetInput).toHaveValue('20')
  // An end offset stops the pages there.
  await m.endMode.click()
  await m.option('to an offset').click()
  await m.endOffsetInput.fill('130')
  await m.endOffsetInput.blur()
  await m.read.click()
  await expect(m.pageRange).toHaveText('partition 1, offsets 20–69')
  await m.newer.click()
  await m.newer.click()
  await expect(m.pageRange).toHaveText('partition 1, offsets 120–129')
  await expect(m.newer).toBeDisabled()
  await expect(page).toHaveURL(/until=offset(%3A|:)130/)
})

test('views open at their top, not at the previous scroll position', async ({
  shell,
  browse,
  api,
  server,
  page
}) => {
  await api.createTopic('orders', 1, 3)
  await produceLines(server.bootstrap, 'orders', orderLines(60), 0)
  await page.setViewportSize({ width: 1280, height: 500 })
  await shell.open('#/settings')
  const scroller = page.locator('.content .n-scrollbar-container').first()
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight))
  expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
  await shell.goTo('messages')
  await expect(browse.ui.topicSelect.or(page.getByTestId('browser-topic-pick'))).toBeVisible()
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0)
})

test('times say their zone; Settings switch between local, UTC and ISO 8601', async ({
  shell,
  browse,
  api,
  server,
  page
}) => {
  await api.createTopic('orders', 1, 3)
  await produceLines(server.bootstrap, 'orders', orderLines(5), 0)
  await shell.open('#/settings')
  await page.getByTestId('time-display-utc').click()
  await shell.open('#/messages?topic=orders')
  const m = browse.ui
  await expect(m.timeZone).toHaveText('UTC')
  await m.row(0, 4).click()
  await expect(m.detail).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC/)
  await shell.open('#/settings')
  await page.getByTestId('time-display-iso').click()
  await shell.open('#/messages?topic=orders')
  await expect(m.timeZone).toHaveText('ISO 8601, UTC')
  await expect(m.row(0, 4)).toContainText(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/)
  await shell.open('#/settings')
  await page.getByTestId('time-display-local').click()
  await shell.open('#/messages?topic=orders')
  await expect(m.timeZone).toHaveText(/^local, UTC[+-]\d\d:\d\d$/)
})

test('a 489 KiB JSON record opens as a tree at once', async ({ shell, browse, api }) => {
  await api.createTopic('big', 1, 1, { 'max.message.bytes': String(2 * 1024 * 1024) })
  const items = Array.from({ length: 6000 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a'] }))
  const value = JSON.stringify({ kind: 'catalogue', items, tail: 'x'.repeat(300_000) })
  expect(value.length).toBeGreaterThan(480 * 1024)
  await api.call('messages.produce', { topic: 'big', partition: 0, key: 'k', value })
  await shell.open('#/messages?topic=big')
  const m = browse.ui
  await m.row(0, 0).click()
  await expect(m.jsonTree).toBeVisible()
  await expect(m.detail).toContainText('Large value')
  await expect(m.jsonTree).toContainText('6,000 items')
  await m.jsonTree.getByTestId('json-toggle').nth(1).click()
  await expect(m.jsonTree).toContainText('"item-199"')
  await expect(m.jsonTree).not.toContainText('"item-200"')
  await m.jsonTree.getByTestId('json-more').click()
  await expect(m.jsonTree).toContainText('"item-399"')
  await shell.screenshot('message-browser-large-json')
})

test('produce: empty header rows are named, JSON preview leaves the bytes, no toast over the dialog', async ({
  shell,
  browse,
  api,
  page
}) => {
  await api.createTopic('events', 1, 3)
  await shell.open('#/messages?topic=events')
  const m = browse.ui
  await page.getByTestId('produce-open').click()
  await m.produceKey.fill('user-1')
  const typed = '{"event":"signup","plan":"pro"}'
  await m.produceValue.fill(typed)
  await m.produceDialog.getByTestId('produce-preview-json').click()
  await expect(m.producePreview).toContainText('"plan": "pro"')
  await expect(m.produceValue).toHaveValue(typed)
  await m.produceHeaders.getByRole('button', { name: 'Add header' }).click()
  await expect(m.produceHeaders).toContainText('1 empty header row is not sent')
  await m.produceHeaders.locator('input').nth(1).fill('orphan')
  await expect(m.produceHeaders).toContainText('Header row 1 has a value but no key')
  await m.produceHeaders.locator('input').nth(0).fill('source')
  await m.produceSend.click()
  await expect(m.produceResult).toContainText('1 sent')
  await expect(page.locator('.n-message')).toHaveCount(0)
  await shell.screenshot('message-browser-produce')
  await page.keyboard.press('Escape')
  const r = await api.call('messages.read', {
    topic: 'events',
    partition: 0,
    from: 'earliest',
    limit: 5
  })
  expect(r.records[0]).toMatchObject({
    value: typed,
    headers: [{ key: 'source', value: 'orphan' }]
  })
})

test('hex shows the whole key dump; search continues past 500; one regex error; plurals', async ({
  shell,
  browse,
  api,
  server
}) => {
  await api.createTopic('orders', 1, 3)
  const key = 'customer-key-long-enough-for-three-lines-of-hex-dump-000000'
  await produceLines(
    server.bootstrap,
    'orders',
    Array.from({ length: 620 }, (_, i) => `${key}\t{"orderId":${i},"status":"placed"}`),
    0
  )
  await shell.open('#/topics/orders')
  await expect(shell.ui.page.locator('#main')).toContainText('1 partition ·')
  await shell.open('#/messages?topic=orders')
  const m = browse.ui
  await m.viewMode.locator('label', { hasText: 'Hex' }).click()
  await m.row(0, 619).click()
  const dumps = m.detail.getByTestId('hex-view')
  await expect(dumps).toHaveCount(2)
  const keyDump = dumps.nth(1)
  await expect(keyDump).toContainText('|customer-key-lon|')
  const fits = await keyDump.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)
  expect(fits).toBe(true)
  await shell.screenshot('message-browser-hex')

  await browse.addFilter('Value', 'matches regex', '(unclosed')
  await expect(m.filterError).toHaveCount(1)
  await expect(m.filterError).toContainText('Not a valid regular expression')
  await expect(m.filterError).not.toContainText('Invalid regular expression')
  await m.filter(0).value.fill('placed')
  await browse.search()
  await expect(m.matchCount).toHaveText('500')
  await expect(m.searchLimit).toContainText('Stopped at 500 matches')
  await m.searchMore.click()
  await expect(m.matchCount).toHaveText('620')
  await expect(m.searchLimit).toHaveCount(0)
})

test('live tail with filters shows only the new records that match', async ({
  shell,
  browse,
  api,
  server
}) => {
  await api.createTopic('orders', 3, 3)
  await produceLines(server.bootstrap, 'orders', orderLines(30))
  await shell.open('#/messages?topic=orders')
  const m = browse.ui
  await expect(m.resultsBar).toContainText('30 messages')
  await browse.addFilter('Value', 'JSON path', '$.status == "failed"')
  await expect(m.tail).toContainText('Live tail, filtered')
  await m.tail.click()
  await expect(m.tail).toContainText('Following')
  // The latest page, filtered: orders 0, 3, ..., 27 failed.
  await expect(m.resultsBar).toContainText('10 messages')
  await expect(m.resultsBar.getByTestId('tail-filtered')).toBeVisible()
  await produceLines(server.bootstrap, 'orders', orderLines(9, 30))
  // 30..38: 30, 33, 36 failed.
  await expect(m.resultsBar).toContainText('13 messages')
  await expect(m.resultsBar.getByTestId('tail-filtered')).toContainText('9 new records read')
  await shell.screenshot('message-browser-tail-filtered')
  await m.tail.click()
  await expect(m.tail).toContainText('Live tail')
})
