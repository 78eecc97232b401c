// Transaction markers in the message browser: a kafkajs producer commits one transaction and
// aborts another; "control markers" shows their commit and abort markers as rows of their own
// (not selectable, nothing to expand), read_committed leaves the aborted records out and keeps
// the markers; at 1280 px the toolbar keeps Live tail on its first line. No serious axe
// violation on the list with its markers, in either theme.
import { Kafka, logLevel } from 'kafkajs'
import { test, expect } from './fixtures'
import { seriousViolations } from './support/axe'

const TOPIC = 'ledger'

async function commitAndAbort(bootstrap: string) {
  const kafka = new Kafka({
    clientId: 'logdeck-e2e-markers',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING
  })
  const producer = kafka.producer({ transactionalId: 'ledger-writer', maxInFlightRequests: 1 })
  await producer.connect()
  const committed = await producer.transaction()
  await committed.send({
    topic: TOPIC,
    messages: [
      { key: 'a', value: 'entry-1', partition: 0 },
      { key: 'b', value: 'entry-2', partition: 0 }
    ]
  })
  await committed.commit()
  const aborted = await producer.transaction()
  await aborted.send({ topic: TOPIC, messages: [{ key: 'c', value: 'entry-3', partition: 0 }] })
  await aborted.abort()
  await producer.disconnect()
}

test('control markers show as rows; read_committed drops the aborted record and keeps them', async ({
  shell,
  api,
  page,
  server
}) => {
  await api.createTopic(TOPIC, 1, 1)
  await commitAndAbort(server.bootstrap)
  await page.setViewportSize({ width: 1280, height: 860 })
  await shell.open(`#/messages?topic=${TOPIC}&partition=0`)
  const list = page.getByTestId('message-list')
  const rows = list.locator('tr[data-offset]')
  await expect(rows).toHaveCount(3)

  // Live tail stays on the toolbar's first line, beside the topic.
  const toolbar = page.getByTestId('browser-toolbar')
  const tail = await page.getByTestId('browser-tail').boundingBox()
  const topic = await page.getByTestId('browser-topic').boundingBox()
  expect(tail && topic && Math.abs(tail.y - topic.y)).toBeLessThan(8)
  const right = await toolbar.boundingBox()
  expect(tail && right && right.x + right.width - (tail.x + tail.width)).toBeLessThan(4)

  await page.getByTestId('browser-show-markers').click()
  // Newest first, as Latest reads.
  await expect(rows).toHaveCount(5)
  await expect(list.getByTestId('record-marker')).toHaveText(['abort marker', 'commit marker'])
  const markerText = list.getByTestId('marker-text')
  await expect(markerText).toHaveText([/^ledger-writer, producer id \d+$/, /^ledger-writer, /])
  await expect(markerText.first()).toHaveAttribute(
    'title',
    /^Aborts the transaction of ledger-writer/
  )
  await expect(markerText.last()).toHaveAttribute(
    'title',
    /^Commits the transaction of ledger-writer/
  )
  await expect(list.locator('tr[data-offset="3"]').getByTestId('record-transaction')).toHaveText(
    'aborted'
  )
  // A marker is not a record to select for export or replay, nor to expand.
  const markerRow = list.locator('tr[data-offset="2"]')
  await expect(markerRow.locator('.n-checkbox')).toHaveClass(/n-checkbox--disabled/)
  await expect(markerRow.locator('.n-data-table-expand-trigger')).toHaveCount(0)
  await markerRow.click()
  await expect(page.getByTestId('message-detail')).toHaveCount(0)
  await shell.screenshot('transaction-markers')

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    const found = await seriousViolations(page, '#main')
    expect
      .soft(
        found.map((f) => `${f.rule}: ${f.targets.join(', ')}`),
        theme
      )
      .toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })

  await page.getByTestId('browser-read-committed').click()
  await page.mouse.move(0, 0)
  await expect(rows).toHaveCount(4)
  await expect(list.locator('tr[data-offset="3"]')).toHaveCount(0)
  await expect(list.getByTestId('record-marker')).toHaveText(['abort marker', 'commit marker'])
  await shell.screenshot('transaction-markers-read-committed')

  await page.getByTestId('browser-show-markers').click()
  await expect(rows).toHaveCount(2)
  await expect(list.getByTestId('record-marker')).toHaveCount(0)
})
