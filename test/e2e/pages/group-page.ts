// Selectors: one consumer group's page (risk, lag chart, members, offsets, configs) and its
// offset-reset dialog.
import type { Locator, Page } from '@playwright/test'
import { ConfigPanelPage } from './config-panel-page'

export class GroupPage {
  readonly title: Locator
  readonly state: Locator
  readonly risk: Locator
  readonly verdict: Locator
  readonly lagTime: Locator
  readonly rates: Locator
  readonly trend: Locator
  readonly deadline: Locator
  readonly lost: Locator
  readonly lagChart: Locator
  readonly members: Locator
  readonly memberRows: Locator
  readonly offsetRows: Locator
  readonly resetOpen: Locator

  readonly dialog: Locator
  readonly membersWarning: Locator
  readonly partitionsSelect: Locator
  readonly offsetInput: Locator
  readonly shiftInput: Locator
  readonly previewRun: Locator
  readonly preview: Locator
  readonly previewRows: Locator
  readonly previewSummary: Locator
  readonly problem: Locator
  /** A consumer-protocol group's configs panel. */
  readonly configs: ConfigPanelPage
  readonly apply: Locator
  readonly resetPauseDemo: Locator

  readonly demoPause: Locator
  readonly demoResume: Locator
  readonly deleteOpen: Locator
  readonly deleteDialog: Locator
  readonly deleteMembers: Locator
  readonly deletePauseDemo: Locator
  readonly deleteConfirm: Locator

  constructor(readonly page: Page) {
    this.title = page.getByTestId('page-title')
    this.state = page.locator('.page-header').getByTestId('group-state')
    this.risk = page.getByTestId('risk-panel')
    this.verdict = this.risk.getByTestId('risk-verdict')
    this.lagTime = this.risk.getByTestId('risk-lag-time')
    this.rates = this.risk.getByTestId('risk-rates')
    this.trend = this.risk.getByTestId('risk-trend')
    this.deadline = this.risk.getByTestId('risk-deadline')
    this.lost = this.risk.getByTestId('risk-lost')
    this.lagChart = page.getByTestId('lag-chart')
    this.members = page.getByTestId('members')
    this.memberRows = this.members.locator('tbody tr')
    this.offsetRows = page.getByTestId('offsets-table').locator('tbody tr[data-partition]')
    this.resetOpen = page.getByTestId('reset-open')

    this.dialog = page.getByTestId('reset-dialog')
    this.membersWarning = this.dialog.getByTestId('reset-members-warning')
    this.partitionsSelect = this.dialog.getByTestId('reset-partitions')
    this.offsetInput = this.dialog.getByTestId('reset-offset').locator('input')
    this.shiftInput = this.dialog.getByTestId('reset-shift').locator('input')
    this.previewRun = this.dialog.getByTestId('reset-preview-run')
    this.preview = this.dialog.getByTestId('reset-preview')
    this.previewRows = this.dialog
      .getByTestId('reset-preview-table')
      .locator('tbody tr[data-partition]')
    this.previewSummary = this.dialog.getByTestId('reset-summary')
    this.problem = this.dialog.getByTestId('problem')
    this.configs = new ConfigPanelPage(page, 'group-config')
    this.apply = this.dialog.getByTestId('reset-apply')
    this.resetPauseDemo = this.dialog.getByTestId('reset-pause-demo')

    this.demoPause = page.getByTestId('demo-pause')
    this.demoResume = page.getByTestId('demo-resume')
    this.deleteOpen = page.getByTestId('delete-group-open')
    this.deleteDialog = page.getByTestId('delete-group-dialog')
    this.deleteMembers = this.deleteDialog.getByTestId('delete-group-members')
    this.deletePauseDemo = this.deleteDialog.getByTestId('delete-group-pause-demo')
    this.deleteConfirm = this.deleteDialog.getByTestId('delete-group-confirm')
  }

  window(label: string): Locator {
    return this.lagChart.getByTestId('lag-window').locator('.n-radio-button', { hasText: label })
  }

  offsetRow(topic: string, partition: number): Locator {
    return this.page.locator(
      `[data-testid="offsets-table"] tr[data-partition="${topic}-${partition}"]`
    )
  }

  scope(label: 'All' | 'Chosen'): Locator {
    return this.dialog.getByTestId('reset-scope').locator('.n-radio', { hasText: label })
  }

  kind(label: string): Locator {
    return this.dialog.getByTestId('reset-kind').locator('.n-radio-button', { hasText: label })
  }

  previewRow(partition: number): Locator {
    return this.dialog.locator(
      `[data-testid="reset-preview-table"] tr[data-partition="${partition}"]`
    )
  }
}
