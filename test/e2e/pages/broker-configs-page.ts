// Selectors: the broker configs panel of the Brokers view.
import type { Locator, Page } from '@playwright/test'

export class BrokerConfigsPage {
  readonly panel: Locator
  readonly scope: Locator
  readonly error: Locator
  readonly save: Locator

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('broker-configs')
    this.scope = page.getByTestId('broker-config-scope')
    this.error = page.getByTestId('broker-config-error')
    this.save = page.getByTestId('broker-config-save')
  }

  row(name: string): Locator {
    return this.panel.locator(`tr[data-config="${name}"]`)
  }

  value(name: string): Locator {
    return this.row(name).getByTestId('broker-config-value')
  }

  source(name: string): Locator {
    return this.page.getByTestId(`broker-config-source-${name}`)
  }

  edit(name: string): Locator {
    return this.page.getByTestId(`broker-config-edit-${name}`)
  }

  input(name: string): Locator {
    return this.page.getByTestId(`broker-config-input-${name}`).locator('input')
  }
}
