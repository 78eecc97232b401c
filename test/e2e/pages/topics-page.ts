// Selectors: the topics list.
import type { Locator, Page } from '@playwright/test'

export class TopicsPage {
  readonly createButton: Locator
  readonly table: Locator
  readonly rows: Locator
  readonly search: Locator
  readonly count: Locator
  readonly scroller: Locator
  readonly showInternal: Locator

  constructor(readonly page: Page) {
    this.createButton = page.getByTestId('create-topic')
    this.table = page.getByTestId('topics-table')
    this.rows = this.table.locator('tbody tr[data-topic]')
    this.search = page.getByTestId('topic-search').locator('input')
    this.count = page.getByTestId('topics-count')
    this.scroller = this.table.locator('.v-vl, .n-scrollbar-container').first()
    this.showInternal = page.getByTestId('topics-show-internal')
  }

  row(name: string): Locator {
    return this.table.locator(`tr[data-topic="${name}"]`)
  }

  /** The Health pill of a topic's row. */
  health(name: string): Locator {
    return this.row(name).getByTestId('topic-health')
  }

  header(title: string): Locator {
    return this.table.locator('th', { hasText: title })
  }
}
