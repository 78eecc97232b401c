// Selectors: the broker configs panel of the Brokers view.
import type { Locator, Page } from '@playwright/test'
import { ConfigPanelPage } from './config-panel-page'

export class BrokerConfigsPage extends ConfigPanelPage {
  readonly scope: Locator
  readonly filter: Locator

  constructor(page: Page) {
    super(page, 'broker-config')
    this.scope = page.getByTestId('broker-config-scope')
    this.filter = page.getByLabel('Filter broker configs')
  }

  /** The tag of a config kept and described without effect on the embedded cluster. */
  noEffect(name: string): Locator {
    return this.row(name).getByTestId(`broker-config-no-effect-${name}`)
  }
}
