// Partitioners for the built-in producer: Kafka-compatible keyed hashing plus keyless strategies.
import { murmur2Partition } from './murmur2'

/** Picks a partition in [0, partitionCount) for a record key (null for keyless records). */
export type PartitionFn = (key: Buffer | null, partitionCount: number) => number

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

/** Spreads records over partitions one after another, ignoring keys (Java's RoundRobinPartitioner). */
export class RoundRobinPartitioner implements Partitioner {
  private next = 0

  partition(_key: Buffer | null, partitionCount: number): number {
    checkCount(partitionCount)
    const p = this.next % partitionCount
    this.next = (p + 1) % partitionCount
    return p
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

export type PartitionerFactory = () => Partitioner

const registry = new Map<string, PartitionerFactory>([
  ['murmur2', () => new Murmur2Partitioner()],
  ['murmur2-round-robin', () => new Murmur2Partitioner(new RoundRobinPartitioner())],
  ['round-robin', () => new RoundRobinPartitioner()],
  ['sticky', () => new StickyPartitioner()]
])

/** The name used when none is given: identical placement to a Java producer's keyed records. */
export const DEFAULT_PARTITIONER = 'murmur2'

/** @internal Adds or replaces a named partitioner, e.g. one mirroring a team's custom Java partitioner. */
export function registerPartitioner(name: string, factory: PartitionerFactory): void {
  registry.set(name, factory)
}

/** @internal */
export function partitionerNames(): string[] {
  return [...registry.keys()]
}

/** @internal Resolves a registered name, a plain function or a ready partitioner into a Partitioner. */
export function createPartitioner(
  spec: string | PartitionFn | Partitioner = DEFAULT_PARTITIONER
): Partitioner {
  if (typeof spec === 'function') return { partition: spec }
  if (typeof spec === 'object') return spec
  const factory = registry.get(spec)
  if (!factory) throw new Error(`unknown partitioner "${spec}"`)
  return factory()
}

/** @internal Applies a partitioner and rejects answers outside the topic, so a custom one cannot misroute. */
export function choosePartition(
  partitioner: Partitioner,
  key: Buffer | null,
  partitionCount: number
): number {
  const p = partitioner.partition(key, partitionCount)
  if (!Number.isInteger(p) || p < 0 || p >= partitionCount) {
    throw new RangeError(`partitioner returned ${p} for a topic with ${partitionCount} partitions`)
  }
  return p
}
