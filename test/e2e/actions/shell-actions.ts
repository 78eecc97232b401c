// Actions: opening the console, moving between views, saving a screenshot.
import { expect, type Page } from '@playwright/test'
import type { ServeProcess } from '../../support/serve-process'
import { ShellPage } from '../pages/shell-page'
import { TopicsPage } from '../pages/topics-page'

export class ShellActions {
  readonly ui: ShellPage
  readonly topics: TopicsPage

  constructor(
    readonly page: Page,
    private readonly server: ServeProcess
  ) {
    this.ui = new ShellPage(page)
    this.topics = new TopicsPage(page)
  }

  /** Opens the console at `hash` (e.g. '#/topics') once the cluster has answered. */
  async open(hash = ''): Promise<void> {
    if (!this.server.uiUrl) throw new Error('serve started without a UI')
    await this.page.goto(this.server.uiUrl + hash)
    await expect(this.ui.health).toContainText('brokers')
  }

  async goTo(name: string): Promise<void> {
    await this.ui.nav(name).click()
  }

  /**
   * Saves a screenshot. `tall` grows the window to the whole view first: the view scrolls inside
   * the shell, so a full-page screenshot alone shows only its first screen.
   */
  async screenshot(name: string, opts: { tall?: boolean } = {}): Promise<void> {
    await this.page.evaluate('document.fonts.ready.then(() => true)')
    const size = this.page.viewportSize()
    if (opts.tall && size) {
      const needed = await this.page.evaluate(
        "(document.querySelector('#main')?.scrollHeight ?? 0) + 140"
      )
      await this.page.setViewportSize({
        width: size.width,
        height: Math.min(4000, Math.max(size.height, Number(needed)))
      })
    }
    // Transitions are fast-forwarded so the picture shows the page, not an animation.
    await this.page.screenshot({
      path: `test-results/screenshots/${name}.png`,
      fullPage: true,
      animations: 'disabled'
    })
    if (opts.tall && size) await this.page.setViewportSize(size)
  }
}
