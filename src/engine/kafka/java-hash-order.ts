// The order Java's HashMap lists its keys in, which Kafka's answers inherit where they are built
// from one (quota entities and values): by bucket of the key's hash in the table, and in a bucket
// by insertion.

/** Java's String.hashCode; null hashes to 0, as Objects.hashCode does. */
export function javaHash(s: string | null): number {
  if (s === null) return 0
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0
  return h
}

/** HashMap.hash: the high half folded into the low one. */
const spread = (h: number) => h ^ (h >>> 16)

/** The table size of a HashMap made with `initialCapacity` after `count` puts. */
function tableSize(initialCapacity: number, count: number): number {
  let capacity = 1
  while (capacity < initialCapacity) capacity *= 2
  while (count > Math.floor(capacity * 0.75)) capacity *= 2
  return capacity
}

/**
 * Items in the order a java.util.HashMap made with `initialCapacity` (16 by default) lists them
 * when they are put in the given order, each item hashing as `hash` says.
 */
export function javaHashMapOrder<T>(
  items: readonly T[],
  hash: (item: T) => number,
  initialCapacity = 16
): T[] {
  const mask = tableSize(initialCapacity, items.length) - 1
  return items
    .map((item, i) => ({ item, i, bucket: spread(hash(item)) & mask }))
    .sort((a, b) => a.bucket - b.bucket || a.i - b.i)
    .map((e) => e.item)
}
