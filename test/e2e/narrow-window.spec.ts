// The console in a window 1024 px wide (and one 1440 px wide): the lists keep their name columns
// readable and scroll sideways rather than squeeze them, tags are not cut off, and table titles
// do not break inside a word.
import type { Locator, Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { DEMO, hotPartition, loadDemo } from './support/demo'
import { liesWithin, textLines } from './support/measure'
import { chartOption } from './support/charts'
import { allViolations } from './support/axe'
import { FaultsPage } from './pages/faults-page'

async function width(locator: Locator): Promise<number> {
  return (await locator.boundingBox())?.width ?? 0
}

/** axe-core's findings on the page, one line each (none expected). */
async function axeLines(page: Page): Promise<string[]> {
  const found = await allViolations(page)
  return found.flatMap((f) => f.targets.map((t) => `${f.rule} (${f.impact}): ${t}`))
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
  // A table that scrolls sideways is no scroll region the keyboard cannot reach.
  expect.soft(await axeLines(page), 'groups').toEqual([])

  // A group: the offsets table keeps its Topic column; the risk figures' captions are whole
  // and their rates inside them; the lag chart's legend stays on one line above the plot (it
  // draws from the second lag sample, taken every 10 s).
  await shell.open(`#/groups/${DEMO.fulfillment}`)
  const topicCell = page.getByTestId('offsets-table').locator('td[data-col-key="topic"]').first()
  await expect(topicCell).toHaveText(DEMO.orders)
  expect(await width(topicCell)).toBeGreaterThan(100)
  const risk = page.getByTestId('risk-panel')
  await expect(page.getByTestId('risk-rates')).toContainText('msg/s')
  for (const detail of await risk.locator('.fig .detail').all())
    expect(
      await detail.evaluate((el) => el.scrollWidth <= el.clientWidth),
      `${await detail.textContent()} whole`
    ).toBe(true)
  const rates = page.getByTestId('risk-rates')
  for (const rate of await rates.locator('.num').all())
    expect(await liesWithin(rate, rates.locator('..')), 'rate inside its figure').toBe(true)
  await expect
    .poll(
      async () => {
        const option = (await chartOption(page.getByTestId('lag-chart'))) as {
          legend?: { type?: string }[]
          grid?: { top?: number }[]
        } | null
        // The legend's line (24 px) and the axis name (12 px, 15 px above the plot) fit above
        // the plot.
        const top = option?.grid?.[0]?.top ?? 0
        if (!option) return null
        return option.legend?.[0]?.type === 'scroll' && top >= 24 + 12 + 15 ? 'clear' : option
      },
      { timeout: 45_000 }
    )
    .toBe('clear')
  await shell.screenshot('narrow-group', { tall: true })

  // Schema registry subjects: the subject on one line.
  await api.call('schemas.register', {
    subject: `${DEMO.orders}-value`,
    schema: '{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}]}'
  })
  await shell.open('#/schemas')
  const subject = page.getByTestId('subject-link')
  await expect(subject).toHaveText(`${DEMO.orders}-value`)
  expect(await textLines(subject)).toBe(1)
  await expect(page.getByTestId('subject-topic')).toHaveText(`${DEMO.orders} (value)`)
  expect(await textLines(page.getByTestId('subject-topic'))).toBe(1)

  // Client quotas: each column title on one line, the table scrolling sideways.
  await api.call('quotas.alter', {
    entity: { 'client-id': 'narrow-client' },
    values: { producer_byte_rate: 1_048_576 }
  })
  await shell.open('#/security')
  const quotaTitles = page
    .getByTestId('quotas-table')
    .locator('th .n-data-table-th__title:not(:has(.sr-only))')
  await expect(page.getByTestId('quotas-table')).toContainText('narrow-client')
  for (const title of await quotaTitles.all())
    expect(await textLines(title), `${await title.textContent()} on one line`).toBe(1)
  expect.soft(await axeLines(page), 'security').toEqual([])

  // A topic's partitions: each column title on one line.
  await shell.open(`#/topics/${DEMO.orders}`)
  const titles = page
    .getByTestId('partitions-table')
    .locator('th .n-data-table-th__title:not(:has(.sr-only))')
  await expect(titles.first()).toBeVisible()
  for (const title of await titles.all())
    expect(await textLines(title), `${await title.textContent()} on one line`).toBe(1)

  // The produce dialog: the "no key" checkbox's label on one line beside the key.
  await page.getByTestId('produce-open').click()
  const noKey = page.getByRole('dialog').locator('.n-checkbox', { hasText: 'no key' })
  await expect(noKey).toBeVisible()
  expect(await textLines(noKey.locator('.n-checkbox__label')), '"no key" on one line').toBe(1)
  await page.keyboard.press('Escape')

  // The metadata quorum: each node's last fetch time on one line.
  await shell.open('#/brokers')
  const lastFetch = page.getByTestId('quorum-node-0').locator('td').nth(4)
  await expect(lastFetch).toContainText(/\d{2}:\d{2}:\d{2}/)
  expect(await textLines(lastFetch), 'last fetch time on one line').toBe(1)
  expect.soft(await axeLines(page), 'brokers').toEqual([])

  // In a 1440 px window too, the hot tag is whole beside the topic's name.
  await page.setViewportSize({ width: 1440, height: 900 })
  await shell.open('#/topics')
  await expect(hotTag).toBeVisible()
  expect(await liesWithin(hotTag, nameCell), 'hot tag inside its cell at 1440 px').toBe(true)
})

test('the faults form keeps its error name whole and its hints apart from the next label', async ({
  shell,
  page
}) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  await shell.open('#/faults')
  const faults = new FaultsPage(page)
  await expect(faults.error).toContainText('NOT_LEADER_OR_FOLLOWER')
  // The chosen error's name fits its field, not cut off with an ellipsis.
  const name = faults.error.getByText('NOT_LEADER_OR_FOLLOWER', { exact: true })
  // Cut off: the text or a box it sits in (up to the select) wider than it shows.
  const cut = await name.evaluate((el) => {
    for (
      let e: typeof el | null = el;
      e && !e.matches('[data-testid="fault-error"]');
      e = e.parentElement
    )
      if (e.scrollWidth > e.clientWidth) return true
    return false
  })
  expect(cut, 'NOT_LEADER_OR_FOLLOWER cut off').toBe(false)
  // Each hint ends some pixels above the label of the field under it.
  const feedbacks = faults.form.locator('.n-form-item-feedback-wrapper')
  const labels = faults.form.locator('.n-form-item-label')
  const hints = await feedbacks.filter({ hasText: 'when empty' }).all()
  expect(hints.length).toBeGreaterThan(2)
  const labelBoxes = (await Promise.all((await labels.all()).map((l) => l.boundingBox()))).filter(
    (b) => b !== null
  )
  let below = 0
  for (const hint of hints) {
    const h = (await hint.locator('.n-form-item-feedback').boundingBox())!
    for (const l of labelBoxes) {
      const overlaps = l.x < h.x + h.width && h.x < l.x + l.width
      if (!overlaps || l.y < h.y + h.height / 2) continue
      below++
      expect(
        l.y - (h.y + h.height),
        `gap under "${await hint.innerText()}"`
      ).toBeGreaterThanOrEqual(6)
    }
  }
  expect(below, 'hints with a field under them').toBeGreaterThan(0)
  await shell.screenshot('narrow-faults')
})
