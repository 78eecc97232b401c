// Deleting several topics from the topics list at once: tick them, confirm by typing how many,
// and they are gone; a topic that cannot be deleted (here: deleted by someone else meanwhile)
// stays in the dialog with its reason while the others go.
import { test, expect } from './fixtures'
import { produceBatched } from './support/batched'

const names = (topics: { name: string }[]) => topics.map((t) => t.name).sort()

test('deletes the ticked topics after the count is typed, reporting each failure', async ({
  shell,
  api,
  server,
  page
}) => {
  for (const name of ['bulk.a', 'bulk.b', 'bulk.c', 'bulk.d', 'keep.me'])
    await api.createTopic(name, 2, 3)
  await produceBatched(server.bootstrap, 'bulk.a', 500)

  await shell.open('#/topics')
  const { topics } = shell
  await expect(topics.row('bulk.d')).toBeVisible()
  await expect(page.getByTestId('topics-selection')).toHaveCount(0)
  for (const name of ['bulk.a', 'bulk.b', 'bulk.c', 'bulk.d'])
    await topics.row(name).locator('.n-checkbox').click()
  // Ticking a row does not open the topic.
  await expect(page).toHaveURL(/#\/topics$/)
  await expect(page.getByTestId('topics-selection-count')).toHaveText('4 topics selected')

  // A search that hides some of them says so.
  await topics.search.fill('bulk.a')
  await expect(page.getByTestId('topics-selection-count')).toHaveText(
    '4 topics selected, 3 hidden by the search'
  )
  await topics.search.fill('')

  await page.getByTestId('delete-topics-open').click()
  const dialog = page.getByTestId('delete-topics-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Delete 4 topics')
  await expect(dialog).toContainText('with 8 partitions and 500 messages')
  const list = dialog.getByTestId('delete-topics-list')
  await expect(list.locator('tbody tr[data-topic]')).toHaveCount(4)
  await expect(list.locator('tr[data-topic="bulk.a"]')).toContainText('500')

  const confirm = dialog.getByTestId('delete-topics-confirm')
  const typed = dialog.getByTestId('delete-topics-confirm-input').locator('input')
  await expect(confirm).toBeDisabled()
  await typed.fill('3')
  await expect(confirm).toBeDisabled()
  await typed.fill('4')
  await expect(confirm).toBeEnabled()
  await shell.screenshot('delete-topics-confirm')

  // Someone else deletes bulk.c before the confirmation: the other three still go.
  await api.call('topics.delete', { name: 'bulk.c' })
  await confirm.click()
  await expect(dialog.getByTestId('delete-topics-outcome')).toContainText(
    '3 topics deleted; 1 topic could not be deleted'
  )
  await expect(dialog.locator('[data-failed="bulk.c"]')).toContainText(
    "bulk.c: Topic 'bulk.c' does not exist"
  )
  // It is gone anyway: nothing is offered to try again.
  await expect(dialog.getByTestId('delete-topics-nothing-left')).toBeVisible()
  await expect(confirm).toHaveCount(0)
  await shell.screenshot('delete-topics-failure')
  expect(names((await api.call('topics.list', {})).topics)).toEqual(['keep.me'])

  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(topics.rows).toHaveCount(1)
  await expect(topics.row('keep.me')).toBeVisible()
  await expect(page.getByTestId('topics-selection')).toHaveCount(0)

  // All at once: the header box ticks every row shown, one confirmation deletes them.
  for (const name of ['more.a', 'more.b']) await api.createTopic(name, 1, 1)
  await expect(topics.rows).toHaveCount(3)
  await topics.table.locator('thead .n-checkbox').click()
  await expect(page.getByTestId('topics-selection-count')).toHaveText('3 topics selected')
  await page.getByTestId('delete-topics-open').click()
  await typed.fill('3')
  await typed.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByText('Deleted 3 topics')).toBeVisible()
  expect((await api.call('topics.list', {})).topics).toEqual([])
})
