// Selectors: the app shell (navigation, header, theme, shortcuts).
import type { Locator, Page } from '@playwright/test'

export class ShellPage {
  readonly header: Locator
  readonly health: Locator
  readonly themeToggle: Locator
  readonly title: Locator
  readonly shortcutsDialog: Locator
  readonly operationsMenu: Locator
  readonly emptyState: Locator

  constructor(readonly page: Page) {
    this.header = page.getByTestId('cluster-header')
    this.health = page.getByTestId('cluster-health')
    this.themeToggle = page.getByTestId('theme-toggle')
    this.title = page.getByTestId('page-title')
    this.shortcutsDialog = page.locator('.n-card', { hasText: 'Keyboard shortcuts' })
    this.operationsMenu = page.getByTestId('operations-menu')
    this.emptyState = page.getByTestId('empty-state')
  }

  nav(name: string): Locator {
    return this.page.locator(`[data-nav="${name}"]`)
  }

  stat(name: string): Locator {
    return this.page.getByTestId(`stat-${name}`)
  }
}
