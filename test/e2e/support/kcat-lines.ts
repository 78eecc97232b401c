// Test data as real clients write it: kcat with linger.ms and batch.num.messages, so that the
// log is made of multi-record batches rather than one record per request.
import { kcat } from '../../support/external-clients'

/** Produces "key\tvalue" lines to one partition (or by murmur2 of the key) in batches. */
export async function produceLines(
  bootstrap: string,
  topic: string,
  lines: string[],
  partition?: number
): Promise<void> {
  const args = [
    '-P',
    '-b',
    bootstrap,
    '-t',
    topic,
    '-K',
    '\t',
    '-X',
    'linger.ms=50',
    '-X',
    'batch.num.messages=100',
    '-X',
    'partitioner=murmur2_random',
    ...(partition !== undefined ? ['-p', String(partition)] : [])
  ]
  const r = await kcat(args, lines.join('\n') + '\n')
  if (r.code !== 0) throw new Error(`kcat -P failed (${r.code}): ${r.stderr}`)
}

/** `n` order lines: key customer-(i % 7), a small JSON value with the order's number. */
export function orderLines(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k
    return `customer-${i % 7}\t${JSON.stringify({ orderId: i, status: i % 3 ? 'placed' : 'failed', note: 'x'.repeat(40) })}`
  })
}
