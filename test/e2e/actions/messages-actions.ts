// Actions: browsing a topic's messages, filtering, producing and replaying.
import { expect, type Page } from '@playwright/test'
import { MessagesPage } from '../pages/messages-page'

export class MessagesActions {
  readonly ui: MessagesPage

  constructor(readonly page: Page) {
    this.ui = new MessagesPage(page)
  }

  async choosePartition(partition: number | 'all'): Promise<void> {
    await this.ui.partitionSelect.click()
    await this.ui.option(partition === 'all' ? 'All partitions' : `Partition ${partition}`).click()
  }

  async readAtOffset(offset: number): Promise<void> {
    await this.ui.mode('Offset').click()
    await this.ui.offsetInput.fill(String(offset))
    await this.ui.offsetInput.blur()
    await this.ui.read.click()
  }

  /** Types a local date-time ("2026-11-22 14:03:07") into the picker and reads from there. */
  async readAtTime(localDateTime: string): Promise<void> {
    await this.ui.mode('Time').click()
    await this.ui.timestampInput.fill(localDateTime)
    await this.ui.timestampInput.press('Enter')
    await this.page.keyboard.press('Escape')
    await this.ui.read.click()
  }

  async addFilter(
    field: 'Value' | 'Key' | 'Header',
    op: string,
    value: string,
    headerKey?: string
  ): Promise<void> {
    const i = await this.ui.page.getByTestId('filter-bar').getByTestId('filter-op').count()
    await this.ui.addFilter.click()
    const f = this.ui.filter(i)
    if (field !== 'Value') {
      await f.field.click()
      await this.ui.option(field).click()
    }
    if (headerKey !== undefined) await f.headerKey.fill(headerKey)
    if (op !== 'contains') {
      await f.op.click()
      await this.ui.option(op).click()
    }
    await f.value.fill(value)
  }

  async setPageSize(n: number): Promise<void> {
    await this.ui.pageSize.click()
    await this.ui.option(`${n} per page`).click()
  }

  async clearSearch(): Promise<void> {
    await this.ui.page.getByTestId('search-clear').click()
  }

  /**
   * Scrolls the list until the row is rendered: rows are virtualised, only those near the view
   * are in the DOM.
   */
  async revealRow(partition: number, offset: number): Promise<void> {
    const row = this.ui.row(partition, offset)
    if ((await row.count()) > 0) return
    const scroller = this.ui.list.locator('.v-vl').first()
    // The list renders the rows of a new scroll position on the next frames: wait for them
    // before looking, or a row at the top is missed and the walk runs past it.
    const settle = () =>
      scroller.evaluate(() => {
        const frame = (globalThis as unknown as { requestAnimationFrame: (f: () => void) => void })
          .requestAnimationFrame
        return new Promise<void>((resolve) => frame(() => frame(() => resolve())))
      })
    await scroller.evaluate((el) => (el.scrollTop = 0))
    await settle()
    for (let i = 0; i < 200 && (await row.count()) === 0; i++) {
      const atEnd = await scroller.evaluate((el) => {
        const before = el.scrollTop
        el.scrollTop += el.clientHeight / 2
        return el.scrollTop === before
      })
      await settle()
      if (atEnd && (await row.count()) === 0) break
    }
    await row.scrollIntoViewIfNeeded()
  }

  async selectRow(partition: number, offset: number): Promise<void> {
    await this.revealRow(partition, offset)
    await this.ui.rowCheckbox(partition, offset).click()
  }

  /** Exports through the menu and returns the downloaded file's name and path. */
  async exportAs(label: string): Promise<{ name: string; path: string }> {
    await this.ui.exportButton.click()
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.ui.menuItem(label).click()
    ])
    const path = await download.path()
    return { name: download.suggestedFilename(), path }
  }

  async search(): Promise<void> {
    await this.ui.runSearch.click()
    await expect(this.ui.progress).toHaveAttribute('data-done', 'yes')
  }

  async produce(key: string, value: string): Promise<void> {
    await this.ui.produceKey.fill(key)
    await this.ui.produceValue.fill(value)
    await this.ui.produceSend.click()
  }

  /** Chooses the cluster the open replay dialog copies into. */
  async replayIntoCluster(label: string): Promise<void> {
    await this.ui.replayTargetConnection.click()
    await this.ui.option(label).click()
  }

  /** Chooses the target of the open replay dialog. */
  async replayInto(target: string): Promise<void> {
    await this.ui.replayTarget.click()
    await this.ui.option(target).click()
  }

  async replay(target: string, from: number, until: number, partition?: number): Promise<void> {
    await this.ui.replayTarget.click()
    await this.ui.option(target).click()
    if (partition !== undefined) {
      await this.ui.replayPartition.click()
      await this.ui.option(`Partition ${partition}`).click()
    }
    await this.ui.replayFrom.fill(String(from))
    await this.ui.replayFrom.blur()
    await this.ui.replayUntil.fill(String(until))
    await this.ui.replayUntil.blur()
    await this.ui.replayStart.click()
  }
}
