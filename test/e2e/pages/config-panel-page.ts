// Selectors: a config panel (the brokers' or a group's), its rows by config name and the
// editing of one, by the panel's test-id prefix (broker-config, group-config).
import type { Locator, Page } from '@playwright/test'

export class ConfigPanelPage {
  readonly panel: Locator
  readonly error: Locator
  readonly save: Locator

  constructor(
    readonly page: Page,
    private readonly prefix: string
  ) {
    this.panel = page.getByTestId(`${prefix}s`)
    this.error = page.getByTestId(`${prefix}-error`)
    this.save = page.getByTestId(`${prefix}-save`)
  }

  row(name: string): Locator {
    return this.panel.locator(`tr[data-config="${name}"]`)
  }

  value(name: string): Locator {
    return this.row(name).getByTestId(`${this.prefix}-value`)
  }

  source(name: string): Locator {
    return this.page.getByTestId(`${this.prefix}-source-${name}`)
  }

  edit(name: string): Locator {
    return this.page.getByTestId(`${this.prefix}-edit-${name}`)
  }

  input(name: string): Locator {
    return this.page.getByTestId(`${this.prefix}-input-${name}`).locator('input')
  }
}
