// Page object: the topics list and the create-topic dialog.
import type { Page, Locator } from '@playwright/test'

export class TopicsPage {
  readonly createButton: Locator
  readonly table: Locator
  readonly search: Locator
  readonly dialog: Locator
  readonly nameInput: Locator
  readonly partitionsInput: Locator
  readonly replicationInput: Locator
  readonly submit: Locator

  constructor(readonly page: Page) {
    this.createButton = page.getByTestId('create-topic')
    this.table = page.getByTestId('topics-table')
    this.search = page.getByTestId('topic-search').locator('input')
    this.dialog = page.getByTestId('create-topic-dialog')
    this.nameInput = this.dialog.getByTestId('topic-name').locator('input')
    this.partitionsInput = this.dialog.getByTestId('topic-partitions').locator('input')
    this.replicationInput = this.dialog.getByTestId('topic-replication').locator('input')
    this.submit = this.dialog.getByTestId('create-topic-submit')
  }

  row(name: string): Locator {
    return this.table.locator('tr', { hasText: name })
  }

  async fillCreateForm(name: string, partitions: number, replication: number): Promise<void> {
    await this.nameInput.fill(name)
    await this.partitionsInput.fill(String(partitions))
    await this.partitionsInput.blur()
    await this.replicationInput.fill(String(replication))
    await this.replicationInput.blur()
  }
}
