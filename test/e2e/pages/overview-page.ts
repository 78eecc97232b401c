// Selectors: the overview's demo clients and the alerts about stalled ones.
import type { Locator, Page } from '@playwright/test'

export class OverviewPage {
  readonly demoClients: Locator
  readonly stalls: Locator

  constructor(readonly page: Page) {
    this.demoClients = page.getByTestId('demo-clients')
    this.stalls = page.getByTestId('demo-stall')
  }

  /** The demo producer's row (`producer`) or a demo consumer's (its group id). */
  demoClient(key: string): Locator {
    return this.page.getByTestId(`demo-client-${key}`)
  }

  demoToggle(groupId: string): Locator {
    return this.page.getByTestId(`demo-toggle-${groupId}`)
  }
}
