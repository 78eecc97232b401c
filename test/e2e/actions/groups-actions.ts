// Actions: on the consumer groups list and a group's page: open a group, change the lag
// chart's window, preview and apply an offset reset.
import { expect, type Page } from '@playwright/test'
import { GroupsPage } from '../pages/groups-page'
import { GroupPage } from '../pages/group-page'
import { selectOption } from '../pages/select-option'

export class GroupsActions {
  readonly list: GroupsPage
  readonly ui: GroupPage

  constructor(readonly page: Page) {
    this.list = new GroupsPage(page)
    this.ui = new GroupPage(page)
  }

  async openFromList(groupId: string): Promise<void> {
    await this.list.link(groupId).click()
    await expect(this.ui.title).toHaveText(groupId)
    await expect(this.ui.risk).toBeVisible()
  }

  async showWindow(label: string): Promise<void> {
    await this.ui.window(label).click()
  }

  async openReset(): Promise<void> {
    await this.ui.resetOpen.click()
    await expect(this.ui.dialog).toBeVisible()
  }

  async choosePartitions(partitions: number[]): Promise<void> {
    await this.ui.scope('Chosen').click()
    await this.ui.partitionsSelect.click()
    for (const p of partitions) await selectOption(this.page, `Partition ${p}`).click()
    await this.ui.dialog.locator('.n-card-header').click()
  }

  async resetTo(kind: 'Earliest' | 'Latest' | 'Offset' | 'Timestamp' | 'Shift by', n?: number) {
    await this.ui.kind(kind).click()
    const input =
      kind === 'Offset' ? this.ui.offsetInput : kind === 'Shift by' ? this.ui.shiftInput : null
    if (input && n !== undefined) {
      await input.fill(String(n))
      await input.blur()
    }
  }

  async preview(): Promise<void> {
    await this.ui.previewRun.click()
  }
}
