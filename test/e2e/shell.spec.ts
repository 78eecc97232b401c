// The app shell: the header shows the cluster and its health, empty states say what to do,
// the theme switches, and the keyboard moves between views.
import { test, expect } from './fixtures'

test('the overview shows the cluster, its health and what to do on an empty cluster', async ({
  shell,
  page
}) => {
  await shell.open()
  await expect(shell.ui.health).toHaveText('healthy · 3 brokers')
  await expect(shell.ui.stat('brokers')).toContainText('3 / 3')
  await expect(shell.ui.stat('topics')).toContainText('0')
  await expect(page.getByTestId('largest-topics')).toContainText('No topics yet')
  await expect(page.getByTestId('largest-topics')).toContainText(
    'point a Kafka client at 127.0.0.1:'
  )
  await expect(page.getByTestId('lagging-groups')).toContainText('No consumer groups yet')
  // The rate chart either draws or says plainly that the cluster does not serve rates.
  await expect(
    page
      .getByTestId('produce-rate')
      .locator('canvas, [data-testid="problem"], [data-testid="empty-state"]')
      .first()
  ).toBeVisible()
  await shell.screenshot('overview-empty')
})

test('a stopped broker shows in the header and on the overview', async ({ shell, api }) => {
  await api.createTopic('orders', 6, 3)
  await shell.open()
  await api.call('brokers.stop', { brokerId: 2 })
  await expect(shell.ui.health).toHaveText('1 of 3 brokers down · 6 under-replicated')
  await expect(shell.ui.health).toHaveAttribute('data-level', 'degraded')
  await expect(shell.ui.stat('brokers')).toContainText('Stopped: broker 2')
  await shell.screenshot('overview-degraded')
})

test('the theme follows the system, switches, and is remembered', async ({ shell, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await shell.open()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await shell.ui.themeToggle.click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await shell.screenshot('shell-dark')
})

test('the keyboard moves between views and opens the shortcuts', async ({ shell, page, api }) => {
  await api.createTopic('alpha', 1, 1)
  await api.createTopic('beta', 1, 1)
  await shell.open()
  await page.keyboard.press('Alt+2')
  await expect(shell.ui.title).toHaveText('Topics')
  await expect(shell.topics.row('beta')).toBeVisible()
  await page.keyboard.press('/')
  await expect(shell.topics.search).toBeFocused()
  await page.keyboard.type('bet')
  await page.keyboard.press('Enter')
  await expect(shell.ui.title).toHaveText('beta')
  await page.keyboard.press('Alt+9')
  await expect(shell.ui.title).toHaveText('Settings')
  await page.keyboard.press('?')
  await expect(shell.ui.shortcutsDialog).toBeVisible()
  await shell.screenshot('shortcuts')
})
