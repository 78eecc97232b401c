// Actions: creating a topic with the wizard, step by step.
import { expect, type Page } from '@playwright/test'
import { WizardPage } from '../pages/wizard-page'
import { TopicsPage } from '../pages/topics-page'

export interface WizardInput {
  name: string
  purpose?: 'events' | 'changelog' | 'queue' | 'dlq'
  partitions?: number
  replicationFactor?: number
  minInsync?: number
  retentionDays?: number
}

export class WizardActions {
  readonly ui: WizardPage

  constructor(readonly page: Page) {
    this.ui = new WizardPage(page)
  }

  async open(): Promise<void> {
    await new TopicsPage(this.page).createButton.click()
    await expect(this.ui.dialog).toBeVisible()
  }

  async fillNumber(input: ReturnType<Page['locator']>, value: number): Promise<void> {
    await input.fill(String(value))
    await input.blur()
  }

  async nameAndPurpose(name: string, purpose?: WizardInput['purpose']): Promise<void> {
    await this.ui.nameInput.fill(name)
    if (purpose) await this.ui.purpose(purpose).click()
  }

  async setRetentionDays(days: number): Promise<void> {
    await this.ui.retentionUnit.click()
    await this.ui.option('days').click()
    await this.fillNumber(this.ui.retentionAmount, days)
  }

  /** Walks every step with `input`, ending on the review step. */
  async fillAll(input: WizardInput): Promise<void> {
    await this.nameAndPurpose(input.name, input.purpose)
    await this.ui.next.click()
    if (input.partitions !== undefined)
      await this.fillNumber(this.ui.partitionsInput, input.partitions)
    await this.ui.next.click()
    if (input.replicationFactor !== undefined)
      await this.fillNumber(this.ui.replicationInput, input.replicationFactor)
    if (input.minInsync !== undefined)
      await this.fillNumber(this.ui.minInsyncInput, input.minInsync)
    await this.ui.next.click()
    if (input.retentionDays !== undefined) await this.setRetentionDays(input.retentionDays)
    await this.ui.next.click()
    // Advanced: nothing changed.
    await this.ui.next.click()
    await expect(this.ui.command).toBeVisible()
  }
}
