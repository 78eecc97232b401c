// Records written the way real clients write them: kcat (librdkafka) batching many records per
// produce request, keys placed by murmur2 as the Java client does.
import { kcat } from '../../support/external-clients'

/** Produces `count` keyed JSON records to `topic` in large batches; returns when all are acked. */
export async function produceBatched(
  bootstrap: string,
  topic: string,
  count: number,
  keyOf: (i: number) => string = (i) => `key-${i}`
): Promise<void> {
  const lines = Array.from({ length: count }, (_, i) => `${keyOf(i)}\t{"n":${i}}`).join('\n')
  const r = await kcat(
    [
      '-b',
      bootstrap,
      '-t',
      topic,
      '-P',
      '-K',
      '\t',
      '-X',
      'partitioner=murmur2_random',
      '-X',
      'linger.ms=50',
      '-X',
      'batch.num.messages=1000',
      '-X',
      'allow.auto.create.topics=false'
    ],
    lines + '\n'
  )
  if (r.code !== 0) throw new Error(`kcat failed (${r.code}): ${r.stderr}`)
}
