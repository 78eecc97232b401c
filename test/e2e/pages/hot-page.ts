// Selectors: the hot-partitions view (figures, diagnosis, heatmap, partitions, what-if, the
// move to a cooler broker).
import type { Locator, Page } from '@playwright/test'

export class HotPage {
  readonly report: Locator
  readonly diagnosis: Locator
  readonly hottest: Locator
  readonly maxOverMean: Locator
  /** The skew report's "Records sampled" figure. */
  readonly sampled: Locator
  readonly heatmap: Locator
  readonly partitions: Locator
  readonly partitionRows: Locator
  readonly topKeys: Locator
  readonly whatIf: Locator
  readonly whatIfPartitions: Locator
  readonly whatIfBuckets: Locator
  readonly whatIfCompound: Locator
  readonly whatIfResult: Locator
  readonly whatIfMoved: Locator
  readonly whatIfMaxOverMean: Locator
  readonly whatIfSampled: Locator
  readonly analyzeAgain: Locator
  readonly coolerBroker: Locator
  readonly movePlan: Locator
  readonly moveButton: Locator
  readonly moveSummary: Locator

  constructor(readonly page: Page) {
    this.report = page.getByTestId('skew-report')
    this.diagnosis = page.getByTestId('diagnosis')
    this.hottest = page.getByTestId('stat-hottest')
    this.maxOverMean = page.getByTestId('stat-max-over-mean')
    this.sampled = page.getByTestId('stat-sampled').locator('.value')
    this.heatmap = page.getByTestId('produce-heatmap')
    this.partitions = page.getByTestId('partition-load')
    this.partitionRows = this.partitions.locator('tbody tr[data-partition]')
    this.topKeys = this.partitions.getByTestId('top-keys')
    this.whatIf = page.getByTestId('what-if')
    this.whatIfPartitions = this.whatIf.getByTestId('what-if-partitions').locator('input')
    this.whatIfBuckets = this.whatIf.getByTestId('what-if-buckets').locator('input')
    this.whatIfCompound = this.whatIf.getByTestId('what-if-compound').locator('input')
    this.whatIfResult = this.whatIf.getByTestId('what-if-result')
    this.whatIfMoved = this.whatIf.getByTestId('what-if-moved')
    this.whatIfMaxOverMean = this.whatIf.getByTestId('what-if-max-over-mean')
    this.whatIfSampled = this.whatIf.getByTestId('what-if-sampled')
    this.analyzeAgain = page.getByRole('button', { name: 'Analyze again' })
    this.coolerBroker = page.getByTestId('cooler-broker')
    this.movePlan = this.coolerBroker.getByTestId('move-plan')
    this.moveButton = this.coolerBroker.getByTestId('move-partition')
    this.moveSummary = this.coolerBroker.getByTestId('move-summary')
  }

  partitionRow(p: number): Locator {
    return this.partitions.locator(`tbody tr[data-partition="${p}"]`)
  }

  lagCell(groupId: string, p: number): Locator {
    return this.partitionRow(p).getByTestId(`lag-${groupId}`)
  }

  /** A broker's row of write loads under the move (before, expected, now). */
  brokerLoad(broker: number): Locator {
    return this.coolerBroker.locator(`[data-testid="broker-loads"] tr[data-broker="${broker}"]`)
  }

  strategy(label: string): Locator {
    return this.whatIf
      .getByTestId('what-if-strategy')
      .locator('.n-radio-button', { hasText: label })
  }
}
