// Accessibility: axe-core finds no serious or critical violation on any view or dialog, in
// either theme; form fields and icon buttons have names; focus is visible; dialogs keep focus
// and close on Escape; a topic can be created and a message produced with the keyboard alone.
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { DEMO, loadDemo } from './support/demo'
import { seriousViolations } from './support/axe'

type Theme = 'light' | 'dark'

async function expectNoSeriousViolations(page: Page, what: string, include?: string) {
  const found = await seriousViolations(page, include)
  const lines = found.flatMap((f) => f.targets.map((t) => `  ${f.rule} (${f.impact}): ${t}`))
  expect.soft(lines, `${what}:\n${lines.join('\n')}`).toEqual([])
}

for (const theme of ['light', 'dark'] as Theme[]) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme })
    })

    test('every view has no serious or critical axe violation', async ({
      shell,
      api,
      page,
      topic,
      browse
    }) => {
      test.setTimeout(180_000)
      await loadDemo(api)
      const title = shell.ui.title
      const views: { hash: string; title: string | RegExp; ready: string }[] = [
        { hash: '#/', title: 'Overview', ready: 'largest-topics' },
        { hash: '#/topics', title: 'Topics', ready: 'topics-table' },
        { hash: `#/topics/${DEMO.orders}`, title: DEMO.orders, ready: 'partitions-table' },
        { hash: `#/messages?topic=${DEMO.orders}`, title: 'Messages', ready: 'message-list' },
        { hash: '#/groups', title: 'Consumer groups', ready: 'groups-table' },
        { hash: `#/groups/${DEMO.fulfillment}`, title: DEMO.fulfillment, ready: 'risk-panel' },
        {
          hash: `#/hot-partitions?topic=${DEMO.orders}`,
          title: 'Hot partitions',
          ready: 'produce-heatmap'
        },
        { hash: '#/brokers', title: 'Brokers and replication', ready: 'replica-table' },
        { hash: '#/connections', title: 'Connections', ready: 'page-title' },
        { hash: '#/settings', title: 'Settings', ready: 'page-title' }
      ]
      await shell.open()
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      for (const v of views) {
        await page.goto(page.url().replace(/#.*$/, '') + v.hash)
        await expect(title).toHaveText(v.title)
        await expect(page.getByTestId(v.ready).first()).toBeVisible()
        await expectNoSeriousViolations(page, v.hash)
        if (v.hash.startsWith('#/topics/')) {
          await topic.ui.configsTab.click()
          await expect(topic.ui.configsTable).toBeVisible()
          await expectNoSeriousViolations(page, `${v.hash} configuration`)
        }
        if (v.hash.startsWith('#/messages')) {
          await browse.ui.rows.first().click()
          await expect(browse.ui.detail).toBeVisible()
          await expectNoSeriousViolations(page, `${v.hash} with a message open`)
        }
      }
    })

    test('every dialog has no serious or critical axe violation', async ({
      shell,
      api,
      page,
      wizard,
      topic,
      groups
    }) => {
      test.setTimeout(180_000)
      await loadDemo(api)
      const dialog = page.locator('.n-modal-container')
      const scanDialog = async (what: string) => {
        await expect(dialog.locator('[role="dialog"]')).toBeVisible()
        await expectNoSeriousViolations(page, what, '.n-modal-container')
      }
      const closeWithEscape = async () => {
        await page.keyboard.press('Escape')
        await expect(page.getByRole('dialog')).toHaveCount(0)
      }

      await shell.open('#/topics')
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      await wizard.open()
      await wizard.nameAndPurpose('a11y.orders', 'events')
      for (let step = 0; step < 5; step++) {
        await expect(wizard.ui.dialog).toContainText(`Step ${step + 1} of 5`)
        await scanDialog(`wizard step ${step + 1}`)
        if (step < 4) await wizard.ui.next.click()
      }
      await closeWithEscape()

      await shell.open(`#/topics/${DEMO.orders}`)
      await topic.ui.produceOpen.click()
      await scanDialog('produce')
      await closeWithEscape()
      await topic.ui.replayOpen.click()
      await scanDialog('replay')
      await closeWithEscape()
      await topic.openGrow()
      await topic.setGrowCount(8)
      await expect(topic.ui.growPreview).toContainText('sampled keys')
      await scanDialog('grow partitions')
      await closeWithEscape()
      await topic.ui.deleteButton.click()
      await scanDialog('delete topic')
      await closeWithEscape()

      await shell.open(`#/groups/${DEMO.fulfillment}`)
      await groups.openReset()
      await scanDialog('offset reset')
      await closeWithEscape()

      await page.keyboard.press('?')
      await expect(shell.ui.shortcutsDialog).toBeVisible()
      await scanDialog('shortcuts')
      await closeWithEscape()
    })
  })
}
