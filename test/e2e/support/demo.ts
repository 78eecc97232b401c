// The demo data (topics, a producer, two consumer groups) loaded through the contract, and
// waited for until the views have something to show.
import { expect } from '@playwright/test'
import type { ApiClient } from './api'

export const DEMO = {
  orders: 'demo.orders',
  payments: 'demo.payments',
  deadLetters: 'demo.orders.dlq',
  fulfillment: 'demo-fulfillment',
  analytics: 'demo-analytics'
} as const

/** Loads the demo and waits until its lagging group has committed and lags. */
export async function loadDemo(api: ApiClient): Promise<void> {
  await api.call('demo.load', {})
  await expect
    .poll(
      async () => {
        const { groups } = await api.call('groups.list', {})
        return groups.find((g) => g.groupId === DEMO.fulfillment)?.totalLag ?? 0
      },
      { timeout: 30_000 }
    )
    .toBeGreaterThan(0)
}

/** The partition of demo.orders that takes the most writes (where tenant-42 hashes). */
export async function hotPartition(api: ApiClient): Promise<number> {
  // Shares are write rates over whole seconds: just after the demo starts, a report can weigh
  // the partitions before the hot one has its lead. Wait until the hottest is tenant-42's.
  let hot = -1
  await expect
    .poll(
      async () => {
        const report = await api.call('partitions.skew', { topic: DEMO.orders })
        const top = report.partitions.reduce((a, b) => (b.share > a.share ? b : a))
        hot = top.partition
        return top.topKeys[0]?.key ?? null
      },
      { timeout: 30_000 }
    )
    .toBe('tenant-42')
  return hot
}
