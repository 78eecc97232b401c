// Selectors: the consumer groups list.
import type { Locator, Page } from '@playwright/test'

export class GroupsPage {
  readonly table: Locator
  readonly rows: Locator

  constructor(readonly page: Page) {
    this.table = page.getByTestId('groups-table')
    this.rows = this.table.locator('tbody tr[data-group]')
  }

  row(groupId: string): Locator {
    return this.table.locator(`tr[data-group="${groupId}"]`)
  }

  link(groupId: string): Locator {
    return this.row(groupId).getByTestId('group-link')
  }

  lag(groupId: string): Locator {
    return this.row(groupId).getByTestId('group-lag')
  }

  sparkline(groupId: string): Locator {
    return this.row(groupId).getByTestId('group-sparkline')
  }

  stat(name: string): Locator {
    return this.page.getByTestId(`stat-${name}`)
  }
}
