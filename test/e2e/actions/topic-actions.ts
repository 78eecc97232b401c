// Actions: on a topic's page: edit a config, add partitions, delete the topic.
import { expect, type Page } from '@playwright/test'
import { TopicPage } from '../pages/topic-page'
import { selectOption } from '../pages/select-option'

export class TopicActions {
  readonly ui: TopicPage

  constructor(readonly page: Page) {
    this.ui = new TopicPage(page)
  }

  async startEditing(config: string): Promise<void> {
    await this.ui.configsTab.click()
    await this.ui.configEdit(config).click()
    await expect(this.ui.configInput(config)).toBeVisible()
  }

  /** Sets a duration config (e.g. retention.ms) as an amount of a unit. */
  async setDuration(config: string, amount: number, unitLabel: string): Promise<void> {
    await this.startEditing(config)
    const input = this.ui.configInput(config)
    await input.getByTestId('duration-unit').click()
    await selectOption(this.page, unitLabel).click()
    const amountInput = input.getByTestId('duration-amount').locator('input')
    await amountInput.fill(String(amount))
    await amountInput.blur()
    await this.ui.configSave.click()
  }

  /** Types a raw value for a free-text config and saves. */
  async setText(config: string, value: string): Promise<void> {
    await this.startEditing(config)
    const input = this.ui.configInput(config).locator('input')
    await input.fill(value)
    await this.ui.configSave.click()
  }

  async openGrow(): Promise<void> {
    await this.ui.growOpen.click()
    await expect(this.ui.growDialog).toBeVisible()
  }

  async setGrowCount(total: number): Promise<void> {
    await this.ui.growCount.fill(String(total))
    await this.ui.growCount.blur()
  }

  async deleteTopic(name: string): Promise<void> {
    await this.ui.deleteButton.click()
    await this.ui.deleteInput.fill(name)
    await this.ui.deleteConfirm.click()
  }
}
