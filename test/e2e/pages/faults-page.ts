// Page: the Faults view, the fault banner and the fault markers of other views (selectors only).
import type { Locator, Page } from '@playwright/test'

export class FaultsPage {
  readonly form: Locator
  readonly action: Locator
  readonly error: Locator
  readonly api: Locator
  readonly topic: Locator
  readonly count: Locator
  readonly probability: Locator
  readonly inject: Locator
  readonly rows: Locator
  readonly banner: Locator
  readonly bannerClear: Locator
  readonly markers: Locator

  constructor(readonly page: Page) {
    this.form = page.getByTestId('fault-form')
    this.action = page.getByTestId('fault-action')
    this.error = page.getByTestId('fault-error')
    this.api = page.getByTestId('fault-api')
    this.topic = page.getByTestId('fault-topic')
    this.count = page.getByTestId('fault-count').locator('input')
    this.probability = page.getByTestId('fault-probability').locator('input')
    this.inject = page.getByTestId('fault-inject')
    this.rows = page.getByTestId('fault-row')
    this.banner = page.getByTestId('fault-banner')
    this.bannerClear = page.getByTestId('fault-banner-clear')
    this.markers = page.getByTestId('fault-marker')
  }

  row(text: string): Locator {
    return this.rows.filter({ hasText: text })
  }

  /** The form item (label, control and feedback) labelled `label`. */
  field(label: string): Locator {
    return this.form.locator('.n-form-item').filter({ hasText: label })
  }
}
