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

  async showTopic(name: string): Promise<void> {
    await this.ui.topicSelect.click()
    await selectOption(this.page, name).click()
  }
}
