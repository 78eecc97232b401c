// A person opens the console, creates a topic through the dialog and finds it in the list.
import { test, expect } from './fixtures'

test('creates a topic through the dialog and sees it in the list', async ({
  shell,
  topicsPage,
  page
}) => {
  await shell.open()
  await expect(shell.health).toContainText('3/3 brokers')
  await shell.goTo('topics')
  await expect(page.getByText('No topics yet')).toBeVisible()

  await topicsPage.createButton.click()
  await expect(topicsPage.dialog).toBeVisible()
  await topicsPage.nameInput.fill('bad name!')
  await expect(topicsPage.dialog).toContainText(
    "may contain only letters, digits, '.', '_' and '-'"
  )
  await expect(topicsPage.submit).toBeDisabled()
  await shell.screenshot('create-topic-invalid-name')

  await topicsPage.fillCreateForm('orders', 6, 3)
  await expect(topicsPage.submit).toBeEnabled()
  await topicsPage.submit.click()

  // Creation opens the topic's page: six partitions, three replicas each.
  await expect(page.getByTestId('topic-title')).toHaveText('orders')
  await expect(page.getByTestId('partitions-table').locator('tbody tr')).toHaveCount(6)
  await shell.screenshot('topic-detail')

  await shell.goTo('topics')
  await expect(topicsPage.row('orders')).toBeVisible()
  await expect(topicsPage.row('orders')).toContainText('6')
  await shell.screenshot('topics-list')
})

test('a topic created over the API shows up without a reload', async ({
  shell,
  topicsPage,
  server
}) => {
  await shell.open()
  await shell.goTo('topics')
  const res = await fetch(`${server.apiBase}/api/topics.create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'payments', partitions: 3, replicationFactor: 2 })
  })
  expect(res.status).toBe(200)
  await expect(topicsPage.row('payments')).toBeVisible()
})

test('the theme switches between light and dark', async ({ shell, page }) => {
  await shell.open()
  const before = await page.locator('html').getAttribute('data-theme')
  await shell.themeToggle.click()
  const after = await page.locator('html').getAttribute('data-theme')
  expect(after).not.toBe(before)
  expect(['light', 'dark']).toContain(after)
  await shell.screenshot(`shell-${after}`)
})
