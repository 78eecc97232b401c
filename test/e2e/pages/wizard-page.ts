// Selectors: the topic-creation wizard.
import type { Locator, Page } from '@playwright/test'
import { selectOption } from './select-option'

export class WizardPage {
  readonly dialog: Locator
  readonly nameInput: Locator
  readonly nameField: Locator
  readonly next: Locator
  readonly back: Locator
  readonly create: Locator
  readonly partitionsInput: Locator
  readonly partitionsField: Locator
  readonly recommended: Locator
  readonly useRecommended: Locator
  readonly peakRate: Locator
  readonly consumers: Locator
  readonly replicationInput: Locator
  readonly replicationField: Locator
  readonly minInsyncInput: Locator
  readonly minInsyncField: Locator
  readonly failuresSurvived: Locator
  readonly retentionAmount: Locator
  readonly retentionUnit: Locator
  readonly retentionField: Locator
  readonly diskEstimate: Locator
  readonly summary: Locator
  readonly command: Locator
  readonly error: Locator

  constructor(readonly page: Page) {
    const d = (this.dialog = page.getByTestId('topic-wizard'))
    this.nameInput = d.getByTestId('topic-name').locator('input')
    this.nameField = d.getByTestId('field-name')
    this.next = d.getByTestId('wizard-next')
    this.back = d.getByTestId('wizard-back')
    this.create = d.getByTestId('wizard-create')
    this.partitionsInput = d.getByTestId('topic-partitions').locator('input')
    this.partitionsField = d.getByTestId('field-partitions')
    this.recommended = d.getByTestId('recommended-partitions')
    this.useRecommended = d.getByTestId('use-recommended')
    this.peakRate = d.getByTestId('peak-rate').locator('input')
    this.consumers = d.getByTestId('consumers').locator('input')
    this.replicationInput = d.getByTestId('topic-replication').locator('input')
    this.replicationField = d.getByTestId('field-replication')
    this.minInsyncInput = d.getByTestId('topic-min-insync').locator('input')
    this.minInsyncField = d.getByTestId('field-min-insync')
    this.failuresSurvived = d.getByTestId('failures-survived')
    this.retentionAmount = d
      .getByTestId('retention-time')
      .getByTestId('duration-amount')
      .locator('input')
    this.retentionUnit = d.getByTestId('retention-time').getByTestId('duration-unit')
    this.retentionField = d.getByTestId('field-retention-ms')
    this.diskEstimate = d.getByTestId('disk-estimate')
    this.summary = d.getByTestId('wizard-summary')
    this.command = d.getByTestId('wizard-command')
    this.error = d.getByTestId('wizard-error')
  }

  purpose(id: 'events' | 'changelog' | 'queue' | 'dlq'): Locator {
    return this.dialog.getByTestId(`purpose-${id}`)
  }

  step(i: number): Locator {
    return this.dialog.getByTestId(`wizard-step-${i}`)
  }

  policy(value: string): Locator {
    return this.dialog.getByTestId(`policy-${value}`)
  }

  /** A choice in an open naive-ui select menu. */
  option(label: string): Locator {
    return selectOption(this.page, label)
  }
}
