// Page: the Client metrics view (selectors only).
import type { Locator, Page } from '@playwright/test'

export class ClientMetricsPage {
  readonly instances: Locator
  readonly detail: Locator
  readonly metricsTable: Locator
  readonly form: Locator
  readonly name: Locator
  readonly metrics: Locator
  readonly interval: Locator
  readonly match: Locator
  readonly save: Locator
  readonly subscriptions: Locator

  constructor(readonly page: Page) {
    this.instances = page.getByTestId('client-instance')
    this.detail = page.getByTestId('client-instance-detail')
    this.metricsTable = page.getByTestId('client-metrics-table')
    this.form = page.getByTestId('subscription-form')
    this.name = page.getByLabel('Subscription name')
    this.metrics = page.getByLabel('Metric prefixes')
    this.interval = page.getByLabel('Push interval in ms')
    this.match = page.getByLabel('Client selectors')
    this.save = page.getByTestId('subscription-save')
    this.subscriptions = page.getByTestId('subscriptions-table')
  }

  /** A form item (label, control and its feedback) by its test id. */
  field(testId: 'field-name' | 'field-metrics' | 'field-interval' | 'field-match'): Locator {
    return this.form.getByTestId(testId)
  }

  subscriptionRow(name: string): Locator {
    return this.subscriptions.locator('tr').filter({ hasText: name })
  }
}
