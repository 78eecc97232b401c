// Actions: on brokers and replication: stop and start a broker, pick the topic of the replica
// map, elect preferred leaders.
import { expect, type Page } from '@playwright/test'
import { BrokersPage } from '../pages/brokers-page'
import { selectOption } from '../pages/select-option'

export class ReplicationActions {
  readonly ui: BrokersPage

  constructor(readonly page: Page) {
    this.ui = new BrokersPage(page)
  }

  async stopBroker(id: number): Promise<void> {
    await this.ui.toggle(id).click()
    await expect(this.ui.brokerStatus(id)).toHaveText('stopped')
  }

  async startBroker(id: number): Promise<void> {
    await this.ui.toggle(id).click()
    await expect(this.ui.brokerStatus(id)).toHaveText('online')
  }

  /** Sets how long broker `id`'s follower replicas wait before copying (0: at once). */
  async setCopyDelay(id: number, delayMs: number): Promise<void> {
    await this.ui.slowDown(id).click()
    const form = this.ui.slowForm(id)
    await expect(form).toBeVisible()
    const input = form.getByTestId('slow-delay').locator('input')
    await input.fill(String(delayMs))
    await input.blur()
    await form.getByTestId('slow-apply').click()
    await expect(form).toBeHidden()
  }

  async showTopic(name: string): Promise<void> {
    await this.ui.topicSelect.click()
    await selectOption(this.page, name).click()
  }
}
