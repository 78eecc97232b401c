// Selectors: the message browser, its filters, and the produce and replay dialogs.
import type { Locator, Page } from '@playwright/test'
import { selectOption } from './select-option'

export class MessagesPage {
  readonly topicSelect: Locator
  readonly partitionSelect: Locator
  readonly offsetInput: Locator
  readonly timestampInput: Locator
  readonly read: Locator
  readonly pageSize: Locator
  readonly tail: Locator
  readonly list: Locator
  readonly rows: Locator
  readonly pageRange: Locator
  readonly older: Locator
  readonly newer: Locator
  readonly problem: Locator
  readonly addFilter: Locator
  readonly runSearch: Locator
  readonly matchCount: Locator
  readonly progress: Locator
  readonly detail: Locator
  readonly coordinatorRecord: Locator
  readonly replayButton: Locator
  readonly exportButton: Locator
  readonly replayDialog: Locator
  readonly replayTarget: Locator
  readonly replayTargetConnection: Locator
  readonly replayPartition: Locator
  readonly replayFrom: Locator
  readonly replayUntil: Locator
  readonly replayStart: Locator
  readonly replayBrowseTarget: Locator
  readonly replaySelection: Locator
  readonly replayCount: Locator
  readonly replayUseFilters: Locator
  readonly replayOutcome: Locator
  readonly replaySummary: Locator
  readonly produceDialog: Locator
  readonly produceKey: Locator
  readonly produceValue: Locator
  readonly produceSend: Locator
  readonly produceResult: Locator
  readonly produceHeaders: Locator
  readonly producePreview: Locator
  readonly order: Locator
  readonly pageNote: Locator
  readonly endMode: Locator
  readonly endOffsetInput: Locator
  readonly viewMode: Locator
  readonly jsonTree: Locator
  readonly searchLimit: Locator
  readonly searchMore: Locator
  readonly filterError: Locator
  readonly resultsBar: Locator
  readonly timeZone: Locator

  constructor(readonly page: Page) {
    this.topicSelect = page.getByTestId('browser-topic')
    this.partitionSelect = page.getByTestId('browser-partition')
    this.offsetInput = page.getByTestId('browser-offset').locator('input')
    this.timestampInput = page.getByTestId('browser-timestamp').locator('input')
    this.read = page.getByTestId('browser-load')
    this.pageSize = page.getByTestId('browser-page-size')
    this.tail = page.getByTestId('browser-tail')
    this.list = page.getByTestId('message-list')
    this.rows = this.list.locator('tbody tr[data-offset]')
    this.pageRange = page.getByTestId('page-range')
    this.older = page.getByTestId('page-older')
    this.newer = page.getByTestId('page-newer')
    this.problem = page.getByTestId('problem')
    this.coordinatorRecord = page.getByTestId('coordinator-record')
    this.addFilter = page.getByTestId('filter-add')
    this.runSearch = page.getByTestId('filter-run')
    this.matchCount = page.getByTestId('match-count')
    this.progress = page.getByTestId('operation-progress')
    this.detail = page.getByTestId('message-detail')
    this.replayButton = page.getByTestId('replay-selection')
    this.exportButton = page.getByTestId('export')
    this.replayDialog = page.getByTestId('replay-dialog')
    this.replayTarget = this.replayDialog.getByTestId('replay-target')
    this.replayTargetConnection = page.getByTestId('replay-target-connection')
    this.replayPartition = this.replayDialog.getByTestId('replay-partition')
    this.replayFrom = this.replayDialog.getByTestId('replay-from').locator('input')
    this.replayUntil = this.replayDialog.getByTestId('replay-until').locator('input')
    this.replayStart = this.replayDialog.getByTestId('replay-start')
    this.replayBrowseTarget = this.replayDialog.getByTestId('replay-browse-target')
    this.replaySelection = this.replayDialog.getByTestId('replay-selection-summary')
    this.replayCount = this.replayDialog.getByTestId('replay-count')
    this.replayUseFilters = this.replayDialog.getByTestId('replay-use-filters')
    this.replayOutcome = this.replayDialog.getByTestId('operation-outcome')
    this.replaySummary = this.replayDialog.getByTestId('operation-summary')
    this.produceDialog = page.getByTestId('produce-dialog')
    this.produceKey = this.produceDialog.getByTestId('produce-key').locator('input')
    this.produceValue = this.produceDialog.getByTestId('produce-value').locator('textarea')
    this.produceSend = this.produceDialog.getByTestId('produce-send')
    this.produceResult = this.produceDialog.getByTestId('produce-result')
    this.produceHeaders = this.produceDialog.locator('.n-form-item', { hasText: 'Headers' })
    this.producePreview = this.produceDialog.getByTestId('produce-preview')
    this.order = page.getByTestId('browser-order')
    this.pageNote = page.getByTestId('page-note')
    this.endMode = page.getByTestId('browser-end')
    this.endOffsetInput = page.getByTestId('browser-end-offset').locator('input')
    this.viewMode = page.getByTestId('view-mode')
    this.jsonTree = this.detail.getByTestId('json-tree')
    this.searchLimit = page.getByTestId('search-limit')
    this.searchMore = page.getByTestId('search-more')
    this.filterError = page.getByTestId('filter-bar').locator('.err')
    this.resultsBar = page.getByTestId('results-bar')
    this.timeZone = this.list.getByTestId('time-zone')
  }

  mode(label: 'Latest' | 'Earliest' | 'Offset' | 'Time'): Locator {
    return this.page.getByTestId('browser-mode').locator('label', { hasText: label })
  }

  /** The header cell of a column, by its title's start ("Value", "Time"). */
  column(title: string): Locator {
    return this.list.locator('th', { hasText: title }).first()
  }

  /** A value cell of the row (the column holding the value preview). */
  valueCell(partition: number, offset: number): Locator {
    return this.row(partition, offset).locator('td', { has: this.page.locator('.value') })
  }

  rowCheckbox(partition: number, offset: number): Locator {
    return this.row(partition, offset).locator('.n-checkbox')
  }

  /** An entry of the open dropdown menu. */
  menuItem(label: string): Locator {
    return this.page.locator('.n-dropdown-option:visible', { hasText: label })
  }

  row(partition: number, offset: number): Locator {
    return this.list.locator(`tbody tr[data-partition="${partition}"][data-offset="${offset}"]`)
  }

  filter(i: number): { field: Locator; op: Locator; value: Locator; headerKey: Locator } {
    const f = this.page.getByTestId(`filter-${i}`)
    return {
      field: f.getByTestId('filter-field'),
      op: f.getByTestId('filter-op'),
      value: f.getByTestId('filter-value').locator('input'),
      headerKey: f.getByTestId('filter-header-key').locator('input')
    }
  }

  option(label: string): Locator {
    return selectOption(this.page, label)
  }
}
