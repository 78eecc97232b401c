// Selectors: one topic's page (partitions, configs) and its dialogs.
import type { Locator, Page } from '@playwright/test'

export class TopicPage {
  readonly title: Locator
  readonly partitionRows: Locator
  readonly configsTab: Locator
  readonly configsTable: Locator
  readonly configSave: Locator
  readonly configError: Locator
  readonly growOpen: Locator
  readonly growDialog: Locator
  readonly growCount: Locator
  readonly growField: Locator
  readonly growPreview: Locator
  readonly growConfirm: Locator
  readonly deleteButton: Locator
  readonly deleteDialog: Locator
  readonly deleteInput: Locator
  readonly deleteConfirm: Locator
  readonly browse: Locator
  readonly produceOpen: Locator
  readonly replayOpen: Locator
  readonly replication: Locator

  constructor(readonly page: Page) {
    this.title = page.getByTestId('page-title')
    this.partitionRows = page.getByTestId('partitions-table').locator('tbody tr')
    this.configsTab = page.locator('.n-tabs-tab', { hasText: 'Configuration' })
    this.configsTable = page.getByTestId('configs-table')
    this.configSave = page.getByTestId('config-save')
    this.configError = page.getByTestId('config-error')
    this.growOpen = page.getByTestId('grow-open')
    this.growDialog = page.getByTestId('grow-dialog')
    this.growCount = this.growDialog.getByTestId('grow-count').locator('input')
    this.growField = this.growDialog.getByTestId('field-grow')
    this.growPreview = this.growDialog.getByTestId('grow-preview')
    this.growConfirm = this.growDialog.getByTestId('grow-confirm')
    this.deleteButton = page.getByTestId('delete-topic')
    this.deleteDialog = page.getByTestId('delete-dialog')
    this.deleteInput = this.deleteDialog.getByTestId('delete-confirm-input').locator('input')
    this.deleteConfirm = this.deleteDialog.getByTestId('delete-confirm')
    this.browse = page.getByTestId('browse-messages')
    this.produceOpen = page.getByTestId('produce-open')
    this.replayOpen = page.getByTestId('replay-open')
    this.replication = page.getByTestId('stat-replication')
  }

  configRow(name: string): Locator {
    return this.configsTable.locator(`tr[data-config="${name}"]`)
  }

  configValue(name: string): Locator {
    return this.configRow(name).getByTestId('config-value')
  }

  configEdit(name: string): Locator {
    return this.page.getByTestId(`config-edit-${name}`)
  }

  configInput(name: string): Locator {
    return this.page.getByTestId(`config-input-${name}`)
  }
}
