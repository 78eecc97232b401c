// Partitioners for the built-in producer: the Java client's murmur2 placement of keyed records,
// and sticky batches for keyless ones.
import { murmur2Partition } from './murmur2'

export interface Partitioner {
  partition(key: Buffer | null, partitionCount: number): number
  /** Called when the producer closes a batch; sticky strategies move on at that point. */
  onNewBatch?(): void
}

/** Source of randomness in [0, 1); injectable so tests can pin sticky choices. */
export type RandomSource = () => number

function checkCount(partitionCount: number): void {
  if (!Number.isInteger(partitionCount) || partitionCount < 1) {
    throw new RangeError(`partition count must be a positive integer, got ${partitionCount}`)
  }
}

/**
 * Keeps sending to one partition until the current batch is closed, so keyless records fill
 * batches instead of scattering one record per partition; then jumps to a different partition.
 */
export class StickyPartitioner implements Partitioner {
  private current = -1
  private count = 0

  constructor(private readonly random: RandomSource = Math.random) {}

  partition(_key: Buffer | null, partitionCount: number): number {
    checkCount(partitionCount)
    this.count = partitionCount
    if (this.current < 0 || this.current >= partitionCount) {
      this.current = Math.floor(this.random() * partitionCount)
    }
    return this.current
  }

  onNewBatch(): void {
    this.switchPartition()
  }

  /** Moves keyless records to another partition now (also when the current one is unavailable). */
  switchPartition(): void {
    if (this.current < 0 || this.count < 2) {
      this.current = -1
      return
    }
    // Drawing from the other partitions only guarantees that a switch actually moves.
    const step = 1 + Math.floor(this.random() * (this.count - 1))
    this.current = (this.current + step) % this.count
  }
}

/**
 * The Java client's default: murmur2 of the key for keyed records, a keyless strategy (sticky by
 * default) for records with a null key.
 */
export class Murmur2Partitioner implements Partitioner {
  constructor(private readonly keyless: Partitioner = new StickyPartitioner()) {}

  partition(key: Buffer | null, partitionCount: number): number {
    checkCount(partitionCount)
    return key === null
      ? this.keyless.partition(null, partitionCount)
      : murmur2Partition(key, partitionCount)
  }

  onNewBatch(): void {
    this.keyless.onNewBatch?.()
  }
}
