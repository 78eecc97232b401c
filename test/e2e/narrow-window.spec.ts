// The console in a window 1024 px wide (and one 1440 px wide): the lists keep their name columns
// readable and scroll sideways rather than squeeze them, tags are not cut off, and table titles
// do not break inside a word.
import type { Locator } from '@playwright/test'
import { test, expect } from './fixtures'
import { DEMO, hotPartition, loadDemo } from './support/demo'
import { liesWithin, textLines } from './support/measure'

async function width(locator: Locator): Promise<number> {
  return (await locator.boundingBox())?.width ?? 0
}

test('lists and tables stay readable in a narrow window', async ({ shell, api, page, groups }) => {
  test.setTimeout(120_000)
  await loadDemo(api)
  await hotPartition(api)
  await page.setViewportSize({ width: 1024, height: 700 })

  // Topics: every name on one line in a column of its own width, the hot tag whole beside it.
  await shell.open('#/topics')
  const orders = shell.topics.row(DEMO.orders)
  const hotTag = orders.getByTestId('topic-hot')
  await expect(hotTag).toBeVisible()
  for (const name of [DEMO.orders, DEMO.payments, DEMO.deadLetters]) {
    const cell = shell.topics.row(name).locator('td[data-col-key="name"]')
    const link = cell.locator('.topic-link')
    await expect(link).toHaveText(name)
    expect(await width(cell), `${name}'s cell`).toBeGreaterThan(200)
    expect(await liesWithin(link, cell), `${name} inside its cell`).toBe(true)
    expect(await textLines(link), `${name} on one line`).toBe(1)
  }
  const nameCell = orders.locator('td[data-col-key="name"]')
  expect(await liesWithin(hotTag, nameCell), 'hot tag inside its cell').toBe(true)
  await shell.screenshot('narrow-topics')

  // Consumer groups: the group id on one line, not a letter per line.
  await shell.open('#/groups')
  const link = groups.list.link(DEMO.fulfillment)
  await expect(link).toHaveText(DEMO.fulfillment)
  expect(await textLines(link)).toBe(1)
  expect(await width(link)).toBeGreaterThan(100)
  await shell.screenshot('narrow-groups')

  // A topic's partitions: each column title on one line.
  await shell.open(`#/topics/${DEMO.orders}`)
  const titles = page.getByTestId('partitions-table').locator('th .n-data-table-th__title')
  await expect(titles.first()).toBeVisible()
  for (const title of await titles.all())
    expect(await textLines(title), `${await title.textContent()} on one line`).toBe(1)

  // In a 1440 px window too, the hot tag is whole beside the topic's name.
  await page.setViewportSize({ width: 1440, height: 900 })
  await shell.open('#/topics')
  await expect(hotTag).toBeVisible()
  expect(await liesWithin(hotTag, nameCell), 'hot tag inside its cell at 1440 px').toBe(true)
})
