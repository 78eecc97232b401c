// kcat command lines shared by the throughput benchmarks, with the client tuning they use.

/** Producer tuning: 5 ms linger and up to 10,000 records per batch (batch.size stays 1 MB). */
export const PRODUCER_TUNING = ['-X', 'linger.ms=5', '-X', 'batch.num.messages=10000']

/**
 * Consumer tuning: the local queue may hold a whole partition, so that the fetcher never stops
 * on back-pressure and then sits in a long poll on the partitions already read to the end.
 */
export const CONSUMER_TUNING = ['-X', 'queued.min.messages=1000000']

export function kcatProduceArgs(bootstrap: string, topic: string, acks: '1' | 'all'): string[] {
  return ['-P', '-b', bootstrap, '-t', topic, '-X', `acks=${acks}`, ...PRODUCER_TUNING]
}

/**
 * Reads `records` records from offset 0 and discards them, as a consumer benchmark does. Without
 * -e, kcat exits only once it has consumed exactly that many (-c): its exit proves the count.
 */
export function kcatConsumeArgs(bootstrap: string, topic: string, records: number): string[] {
  return [
    '-C',
    '-b',
    bootstrap,
    '-t',
    topic,
    '-o',
    'beginning',
    '-c',
    String(records),
    '-q',
    '-f',
    '',
    ...CONSUMER_TUNING
  ]
}
