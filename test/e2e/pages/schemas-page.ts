// Page: the Schemas view, a subject's page, and the register and delete dialogs (selectors only).
import type { Locator, Page } from '@playwright/test'
import { selectOption } from './select-option'

export class SchemasPage {
  readonly subjects: Locator
  readonly registerSubject: Locator
  readonly registerVersion: Locator
  readonly dialog: Locator
  readonly subjectName: Locator
  readonly schemaText: Locator
  readonly confirm: Locator
  readonly verdict: Locator
  readonly problems: Locator
  readonly versions: Locator
  readonly diff: Locator
  readonly level: Locator
  readonly levelInForce: Locator
  readonly deleteDialog: Locator
  readonly deleteConfirm: Locator

  constructor(readonly page: Page) {
    this.subjects = page.getByTestId('subjects-table')
    this.registerSubject = page.getByTestId('register-subject')
    this.registerVersion = page.getByTestId('register-version')
    this.dialog = page.getByTestId('register-schema-dialog')
    this.subjectName = this.dialog.getByTestId('register-subject-name').locator('input')
    this.schemaText = this.dialog.getByTestId('register-schema-text').locator('textarea')
    this.confirm = this.dialog.getByTestId('register-schema-confirm')
    this.verdict = this.dialog.getByTestId('compatibility-verdict')
    this.problems = this.dialog.getByTestId('compatibility-problem')
    this.versions = page.getByTestId('versions-table')
    this.diff = page.getByTestId('schema-diff')
    this.level = page.getByTestId('subject-level')
    this.levelInForce = page.getByTestId('level-in-force')
    this.deleteDialog = page.getByTestId('delete-schema-dialog')
    this.deleteConfirm = page.getByTestId('delete-schema-confirm')
  }

  subject(name: string): Locator {
    return this.subjects.locator(`tr[data-subject="${name}"]`)
  }

  version(n: number): Locator {
    return this.versions.locator(`tr[data-version="${n}"]`)
  }

  /** Diff rows of one kind: changed, added, removed or same. */
  diffRows(change: string): Locator {
    return this.diff.locator(`tr[data-change="${change}"]`)
  }

  option(label: string): Locator {
    return selectOption(this.page, label)
  }
}
