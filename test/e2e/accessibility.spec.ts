// Accessibility: axe-core finds no violation at all on any view (content outside landmarks and
// empty table headers included), and no serious or critical one on any dialog, in the light
// and the dark theme; a topic is created and a message produced with the keyboard alone,
// through labelled fields, with a visible focus ring, dialogs that keep focus and close on Escape.
import type { Locator, Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { DEMO, loadDemo } from './support/demo'
import { allViolations, seriousViolations, type Finding } from './support/axe'

/** Scans the page (or `include`) in the light and then the dark theme. */
async function expectNoViolations(
  page: Page,
  what: string,
  include?: string,
  scan: (page: Page, include?: string) => Promise<Finding[]> = seriousViolations
) {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    const found = await scan(page, include)
    const lines = found.flatMap((f) => f.targets.map((t) => `  ${f.rule} (${f.impact}): ${t}`))
    expect.soft(lines, `${what}, ${theme} theme:\n${lines.join('\n')}`).toEqual([])
  }
}

function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === el.ownerDocument.activeElement)
}

/** Presses Tab until `target` has the focus. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`${String(target)} not reached in ${max} presses of Tab`)
}

/** Whether the focused element sits inside the open dialog. */
function focusInDialog(page: Page): Promise<unknown> {
  return page.evaluate('document.activeElement?.closest(\'[role="dialog"]\') != null')
}

test('every view has no axe violation', async ({ shell, api, page, topic, browse }) => {
  test.setTimeout(360_000)
  await loadDemo(api)
  const views: { hash: string; title: string; ready: string }[] = [
    { hash: '#/', title: 'Overview', ready: 'largest-topics' },
    { hash: '#/topics', title: 'Topics', ready: 'topics-table' },
    { hash: `#/topics/${DEMO.orders}`, title: DEMO.orders, ready: 'partitions-table' },
    { hash: `#/messages?topic=${DEMO.orders}`, title: 'Messages', ready: 'message-list' },
    { hash: '#/groups', title: 'Consumer groups', ready: 'groups-table' },
    { hash: `#/groups/${DEMO.fulfillment}`, title: DEMO.fulfillment, ready: 'risk-panel' },
    { hash: '#/transactions', title: 'Transactions', ready: 'empty-state' },
    { hash: '#/schemas', title: 'Schemas', ready: 'register-subject' },
    {
      hash: `#/hot-partitions?topic=${DEMO.orders}`,
      title: 'Hot partitions',
      ready: 'produce-heatmap'
    },
    { hash: '#/brokers', title: 'Brokers and replication', ready: 'replica-table' },
    { hash: '#/faults', title: 'Faults', ready: 'fault-row' },
    { hash: '#/client-metrics', title: 'Client metrics', ready: 'client-instances-panel' },
    { hash: '#/connections', title: 'Connections', ready: 'page-title' },
    { hash: '#/security', title: 'Security', ready: 'quotas-panel' },
    { hash: '#/settings', title: 'Settings', ready: 'page-title' }
  ]
  await shell.open()
  for (const v of views) {
    // The Faults view with a fault listed (the banner then shows on the views after it).
    if (v.hash === '#/faults')
      await api.call('faults.inject', {
        target: { groupId: 'a11y-nobody' },
        action: { type: 'latency', ms: 1 }
      })
    await page.goto(page.url().replace(/#.*$/, '') + v.hash)
    await expect(shell.ui.title).toHaveText(v.title)
    await expect(page.getByTestId(v.ready).first()).toBeVisible()
    await expectNoViolations(page, v.hash, undefined, allViolations)
    if (v.hash.startsWith('#/topics/')) {
      await topic.ui.configsTab.click()
      await expect(topic.ui.configsTable).toBeVisible()
      await expectNoViolations(page, `${v.hash}, configuration`, undefined, allViolations)
    }
    if (v.hash.startsWith('#/messages')) {
      await browse.ui.rows.first().click()
      await expect(browse.ui.detail).toBeVisible()
      await expectNoViolations(page, `${v.hash}, a message open`, undefined, allViolations)
    }
  }
})

test('every dialog has no serious or critical axe violation and closes on Escape', async ({
  shell,
  api,
  page,
  wizard,
  topic,
  groups
}) => {
  test.setTimeout(360_000)
  await loadDemo(api)
  const scanDialog = async (what: string) => {
    await expect(page.getByRole('dialog')).toBeVisible()
    await expectNoViolations(page, what, '.n-modal-container')
  }
  const closeWithEscape = async () => {
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toHaveCount(0)
  }

  await shell.open('#/topics')
  await wizard.open()
  await expect(page.getByRole('dialog', { name: 'Create topic' })).toBeVisible()
  await wizard.nameAndPurpose('a11y.orders', 'events')
  for (let step = 0; step < 6; step++) {
    await expect(wizard.ui.dialog).toContainText(`Step ${step + 1} of 6`)
    await scanDialog(`wizard step ${step + 1}`)
    if (step === 4) {
      // The Advanced step with a config set and one refused on its row.
      await page.getByTestId('advanced-set-min.cleanable.dirty.ratio').click()
      await page.getByTestId('config-input-min.cleanable.dirty.ratio').locator('input').fill('2')
      await expect(page.getByTestId('advanced-error-min.cleanable.dirty.ratio')).toBeVisible()
      await scanDialog('wizard step 5, a config refused')
      await page.getByTestId('advanced-default-min.cleanable.dirty.ratio').click()
    }
    if (step < 5) await wizard.ui.next.click()
  }
  await closeWithEscape()

  await shell.open(`#/topics/${DEMO.orders}`)
  await topic.ui.produceOpen.click()
  await expect(page.getByRole('dialog', { name: 'Produce a message' })).toBeVisible()
  await scanDialog('produce')
  await closeWithEscape()
  await topic.ui.replayOpen.click()
  await scanDialog('replay')
  await closeWithEscape()
  await topic.openGrow()
  await topic.setGrowCount(8)
  await expect(topic.ui.growPreview).toContainText(/\d+% of [\d,]+ sampled/)
  await scanDialog('grow partitions')
  await closeWithEscape()
  await topic.ui.deleteButton.click()
  await scanDialog('delete topic')
  await closeWithEscape()
  await page.getByTestId('delete-records-open').click()
  await scanDialog('delete records')
  await closeWithEscape()

  await shell.open(`#/groups/${DEMO.fulfillment}`)
  await groups.openReset()
  await scanDialog('offset reset')
  await closeWithEscape()
  await groups.ui.deleteOpen.click()
  await scanDialog('delete group')
  await closeWithEscape()

  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await scanDialog('shortcuts')
  await closeWithEscape()
})

test('deleting several topics: the selection bar and the dialog, before and after a failure', async ({
  shell,
  api,
  page
}) => {
  for (const name of ['a11y.a', 'a11y.b', 'a11y.c']) await api.createTopic(name, 2, 1)
  await shell.open('#/topics')
  for (const name of ['a11y.a', 'a11y.b', 'a11y.c'])
    await shell.topics.row(name).locator('.n-checkbox').click()
  await expect(page.getByTestId('topics-selection')).toBeVisible()
  await expectNoViolations(page, 'topics, three selected')

  await page.getByTestId('delete-topics-open').click()
  const dialog = page.getByRole('dialog', { name: 'Delete 3 topics' })
  await expect(dialog).toBeVisible()
  // The confirmation field is named by its visible label and has the focus.
  const typed = page.getByLabel('Type 3, the number of topics, to confirm:')
  await expect(typed).toBeFocused()
  await expectNoViolations(page, 'delete topics', '.n-modal-container')

  await api.call('topics.delete', { name: 'a11y.b' })
  await page.keyboard.type('3')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('delete-topics-outcome')).toBeVisible()
  await expectNoViolations(page, 'delete topics, a failure', '.n-modal-container')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
})

test('creates a topic with the wizard and produces a message with the keyboard alone', async ({
  shell,
  api,
  page,
  wizard,
  topic
}) => {
  test.setTimeout(120_000)
  await shell.open('#/topics')

  // The focused button shows a focus ring.
  await tabTo(page, shell.topics.createButton)
  await expect(shell.topics.createButton).toHaveCSS('outline-style', 'solid')
  await expect(shell.topics.createButton).toHaveCSS('outline-width', '2px')
  await shell.screenshot('focus-ring')
  await page.keyboard.press('Enter')
  await expect(wizard.ui.dialog).toBeVisible()

  // Step 1: the Name field is named by its visible label.
  const name = page.getByLabel('Name', { exact: true })
  await expect(name).toHaveCount(1)
  await tabTo(page, name)
  await page.keyboard.type('kb.orders')
  await tabTo(page, wizard.ui.purpose('events'))
  await page.keyboard.press('Space')
  await expect(wizard.ui.purpose('events')).toHaveAttribute('aria-checked', 'true')
  await shell.screenshot('focus-ring-wizard')
  await tabTo(page, wizard.ui.next)
  await page.keyboard.press('Enter')

  // Step 2: 3 partitions typed, one more with the arrow key.
  await expect(wizard.ui.dialog).toContainText('Step 2 of 6')
  await tabTo(page, wizard.ui.partitionsInput)
  await page.keyboard.press('Control+A')
  await page.keyboard.type('3')
  await page.keyboard.press('ArrowUp')
  await expect(wizard.ui.partitionsInput).toHaveValue('4')
  for (const step of [3, 4, 5, 6]) {
    await tabTo(page, wizard.ui.next)
    await page.keyboard.press('Enter')
    await expect(wizard.ui.dialog).toContainText(`Step ${step} of 6`)
  }
  await expect(wizard.ui.summary).toContainText('kb.orders')
  await tabTo(page, wizard.ui.create)
  await page.keyboard.press('Enter')
  await expect(shell.ui.title).toHaveText('kb.orders')
  await expect(page.getByRole('dialog')).toHaveCount(0)

  // Produce: a dialog that keeps the focus, with labelled fields.
  await tabTo(page, topic.ui.produceOpen)
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Produce a message' })
  await expect(dialog).toBeVisible()
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab')
    expect(await focusInDialog(page), `focus after ${i + 1} presses of Tab`).toBe(true)
  }
  const key = dialog.getByLabel('Key', { exact: true })
  const value = dialog.getByLabel('Value', { exact: true })
  await tabTo(page, key)
  await page.keyboard.type('customer-7')
  await tabTo(page, value)
  await page.keyboard.type('{"orderId": 7, "via": "keyboard"}')
  const send = dialog.getByTestId('produce-send')
  await tabTo(page, send)
  await page.keyboard.press('Enter')
  await expect(dialog.getByTestId('produce-result')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)

  const described = await api.call('topics.describe', { name: 'kb.orders' })
  expect(described.partitions).toHaveLength(4)
  const { records } = await api.call('messages.read', {
    topic: 'kb.orders',
    from: 'earliest',
    limit: 10
  })
  expect(records.map((r) => [r.key, r.value])).toEqual([
    ['customer-7', '{"orderId": 7, "via": "keyboard"}']
  ])
})

test('sorts a table by a column from the keyboard', async ({ shell, api, page }) => {
  for (const [name, partitions] of [
    ['kb.a', 3],
    ['kb.b', 1],
    ['kb.c', 2]
  ] as const)
    await api.createTopic(name, partitions, 1)
  await shell.open('#/topics')
  await expect(shell.topics.rows).toHaveCount(3)
  const header = shell.topics.table.locator('th[data-col-key="partitions"]')
  await expect(header).toHaveAttribute('aria-sort', 'none')
  await tabTo(page, header)
  await expect(header).toHaveCSS('outline-style', 'solid')
  await page.keyboard.press('Enter')
  // As a click does, the first sorts the largest first.
  await expect(header).toHaveAttribute('aria-sort', 'descending')
  await expect(shell.topics.rows).toHaveText([/kb\.a\s*3/, /kb\.c\s*2/, /kb\.b\s*1/])
  await page.keyboard.press('Space')
  await expect(header).toHaveAttribute('aria-sort', 'ascending')
  await expect(shell.topics.rows).toHaveText([/kb\.b\s*1/, /kb\.c\s*2/, /kb\.a\s*3/])
  // The list stays where it is: Enter on the header opens no topic.
  await expect(shell.ui.title).toHaveText('Topics')
  await expect(
    shell.topics.table.locator('th[data-col-key="name"]'),
    'sorted by one column at a time'
  ).toHaveAttribute('aria-sort', 'none')
})
