// Selector: a choice in the open naive-ui select menu, matched on its whole label. A menu still
// fading out after the previous choice (its leave transition) is not the open one.
import type { Locator, Page } from '@playwright/test'

export function selectOption(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return page
    .locator('.n-base-select-menu:not([class*="-leave-"]) .n-base-select-option:visible')
    .filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) })
}
