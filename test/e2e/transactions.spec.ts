// The Transactions view: a kafkajs transactional producer leaves a transaction open; the view
// shows it with its producer, partitions and age, and aborting it (after a confirmation) ends
// it and fences the producer. No serious axe violation on the view or the dialog.
import { Kafka, logLevel, type Producer } from 'kafkajs'
import { test, expect } from './fixtures'
import { TransactionsPage } from './pages/transactions-page'
import { seriousViolations } from './support/axe'

const TOPIC = 'payments'

async function openTransaction(bootstrap: string, transactionalId: string) {
  const kafka = new Kafka({
    clientId: 'logdeck-e2e-txn',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING
  })
  const producer: Producer = kafka.producer({ transactionalId, maxInFlightRequests: 1 })
  await producer.connect()
  const txn = await producer.transaction()
  await txn.send({
    topic: TOPIC,
    messages: [
      { key: 'a', value: 'charge-1', partition: 0 },
      { key: 'b', value: 'charge-2', partition: 2 }
    ]
  })
  return { txn, producer }
}

test('an open transaction is listed, and aborted after a confirmation', async ({
  shell,
  api,
  page,
  server
}) => {
  await api.createTopic(TOPIC, 3, 2)
  const hung = await openTransaction(server.bootstrap, 'payments-writer')
  try {
    await shell.open('#/transactions')
    await expect(shell.ui.title).toHaveText('Transactions')
    const view = new TransactionsPage(page)
    await expect(view.state('payments-writer')).toHaveText('Ongoing')
    const row = view.row('payments-writer')
    await expect(row.getByTestId('txn-partition')).toHaveText([`${TOPIC}-0`, `${TOPIC}-2`])
    await expect(row).toContainText(/\d+ \/ 0/)
    await expect(row.getByTestId('txn-age')).toHaveText(/\d+ (ms|s)/)
    await expect(row).toContainText('1 min')
    await expect(view.oldestOpen).not.toContainText('—')
    await shell.screenshot('transactions')

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

    // The topic says which partitions the open transaction holds back, and since when.
    await shell.open(`#/topics/${TOPIC}`)
    const notice = page.getByTestId('lso-notice')
    await expect(notice.getByTestId('lso-partition')).toHaveCount(2)
    await expect(notice).toContainText(
      /Partition 0: last stable offset 0, 1 behind the high watermark 1: transaction payments-writer open since/
    )
    await shell.screenshot('transactions-lso-notice')
    // The browser marks the open records; read_committed shows none of them.
    await shell.open(`#/messages?topic=${TOPIC}&partition=0`)
    const list = page.getByTestId('message-list')
    await expect(list.getByTestId('record-transaction')).toHaveText(['open'])
    await page.getByTestId('browser-read-committed').click()
    await expect(list.locator('tr[data-offset]')).toHaveCount(0)
    await page.getByTestId('browser-read-committed').click()
    await expect(list.getByTestId('record-transaction')).toHaveText(['open'])
    await shell.screenshot('transactions-browser-open')

    await shell.open('#/transactions')
    await view.abort('payments-writer').click()
    await expect(view.dialog).toBeVisible()
    await expect(view.dialog).toContainText('2 partitions')
    await shell.screenshot('transactions-abort')
    const found = await seriousViolations(page, '[data-testid="abort-transaction-dialog"]')
    expect.soft(found.map((f) => `${f.rule}: ${f.targets.join(', ')}`)).toEqual([])
    await view.confirm.click()
    await expect(view.dialog).toBeHidden()
    await expect(view.state('payments-writer')).toHaveText('CompleteAbort')
    await expect(view.abort('payments-writer')).toHaveCount(0)
    const listed = await api.call('transactions.list', {})
    expect(listed.transactions.find((t) => t.transactionalId === 'payments-writer')).toMatchObject({
      state: 'CompleteAbort',
      // Fenced, then ended as transaction version 2 (finalized) ends it: two bumps, as in Kafka 4.
      producerEpoch: 2
    })
    // The producer was fenced: its commit is refused.
    await expect(hung.txn.commit()).rejects.toThrow(/epoch|fenced/i)
    // The records are marked aborted, and the topic holds nobody back any more.
    await shell.open(`#/messages?topic=${TOPIC}&partition=0`)
    await expect(list.getByTestId('record-transaction')).toHaveText(['aborted'])
    await shell.open(`#/topics/${TOPIC}`)
    await expect(page.getByTestId('partitions-table')).toBeVisible()
    await expect(notice).toHaveCount(0)
  } finally {
    await hung.producer.disconnect().catch(() => {})
  }
})
