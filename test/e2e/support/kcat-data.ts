// Records written by kcat as a batching producer writes them: one partition, linger.ms and
// batch.num.messages so that many records share one stored batch, compressed.
import { expect } from '@playwright/test'
import { kcat } from '../../support/external-clients'

/** `count` records `customer-<i % 7>` / `order-<i>` in partition 0 of `topic`. */
export async function kcatOrders(bootstrap: string, topic: string, count: number): Promise<void> {
  const lines = Array.from({ length: count }, (_, i) => `customer-${i % 7}:order-${i}`)
  const res = await kcat(
    [
      '-b',
      bootstrap,
      '-P',
      '-t',
      topic,
      '-p',
      '0',
      '-K',
      ':',
      '-X',
      'linger.ms=50',
      '-X',
      'batch.num.messages=1000',
      '-z',
      'lz4'
    ],
    lines.join('\n') + '\n'
  )
  expect(res.code, res.stderr).toBe(0)
}
