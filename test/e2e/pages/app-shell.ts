// Page object: the app shell (navigation, header, theme).
import type { Page, Locator } from '@playwright/test'
import type { ServeProcess } from '../../support/serve-process'

export class AppShell {
  readonly header: Locator
  readonly health: Locator
  readonly themeToggle: Locator

  constructor(
    readonly page: Page,
    private readonly server: ServeProcess
  ) {
    this.header = page.getByTestId('cluster-header')
    this.health = page.getByTestId('cluster-health')
    this.themeToggle = page.getByTestId('theme-toggle')
  }

  async open(): Promise<void> {
    if (!this.server.uiUrl) throw new Error('serve started without a UI')
    await this.page.goto(this.server.uiUrl)
    await this.health.filter({ hasText: 'brokers' }).waitFor()
  }

  nav(name: string): Locator {
    return this.page.locator(`[data-nav="${name}"]`)
  }

  async goTo(name: string): Promise<void> {
    await this.nav(name).click()
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true })
  }
}
