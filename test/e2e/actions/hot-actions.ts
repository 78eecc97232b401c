// Actions: on the hot-partitions view: open a partition's keys, run the what-if simulator.
import type { Page } from '@playwright/test'
import { HotPage } from '../pages/hot-page'

export class HotActions {
  readonly ui: HotPage

  constructor(readonly page: Page) {
    this.ui = new HotPage(page)
  }

  async openKeys(partition: number): Promise<void> {
    await this.ui.partitionRow(partition).click()
  }

  async simulate(partitions: number, strategy: string, detail?: string | number): Promise<void> {
    await this.ui.whatIfPartitions.fill(String(partitions))
    await this.ui.whatIfPartitions.blur()
    await this.ui.strategy(strategy).click()
    if (strategy === 'Salt into N buckets' && detail !== undefined) {
      await this.ui.whatIfBuckets.fill(String(detail))
      await this.ui.whatIfBuckets.blur()
    }
    if (strategy === 'Compound key' && detail !== undefined)
      await this.ui.whatIfCompound.fill(String(detail))
  }
}
