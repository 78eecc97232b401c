// Selector: a choice in the open naive-ui select menu, matched on its whole label.
import type { Locator, Page } from '@playwright/test'

export function selectOption(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return page
    .locator('.n-base-select-option:visible')
    .filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) })
}
