// Page: the Transactions view and its abort dialog (selectors only).
import type { Locator, Page } from '@playwright/test'

export class TransactionsPage {
  readonly table: Locator
  readonly dialog: Locator
  readonly confirm: Locator
  readonly oldestOpen: Locator

  constructor(readonly page: Page) {
    this.table = page.getByTestId('transactions-table')
    this.dialog = page.getByTestId('abort-transaction-dialog')
    this.confirm = page.getByTestId('abort-transaction-confirm')
    this.oldestOpen = page.getByTestId('stat-oldest-open')
  }

  row(transactionalId: string): Locator {
    return this.table.locator(`tr[data-transactional-id="${transactionalId}"]`)
  }

  state(transactionalId: string): Locator {
    return this.row(transactionalId).getByTestId('txn-state')
  }

  abort(transactionalId: string): Locator {
    return this.row(transactionalId).getByTestId('txn-abort')
  }
}
