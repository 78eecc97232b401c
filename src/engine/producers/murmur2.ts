// Murmur2 key hashing exactly as Kafka's Java client does it (Utils.murmur2), for key partitioning.

const SEED = 0x9747b28c
const M = 0x5bd1e995

/** Kafka's murmur2 of `data`, as the signed 32-bit int the Java client returns. */
export function murmur2(data: Uint8Array): number {
  const length = data.length
  let h = (SEED ^ length) | 0
  const length4 = length & ~3
  for (let i = 0; i < length4; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)
    k = Math.imul(k, M)
    k ^= k >>> 24
    k = Math.imul(k, M)
    h = Math.imul(h, M) ^ k
  }
  // Mirrors the Java switch that falls through from the highest remaining byte down.
  const rest = length & 3
  if (rest > 0) {
    if (rest === 3) h ^= data[length4 + 2] << 16
    if (rest >= 2) h ^= data[length4 + 1] << 8
    h ^= data[length4]
    h = Math.imul(h, M)
  }
  h ^= h >>> 13
  h = Math.imul(h, M)
  h ^= h >>> 15
  return h | 0
}

/** Kafka's Utils.toPositive: masks the sign bit rather than taking Math.abs (which overflows). */
export function toPositive(n: number): number {
  return n & 0x7fffffff
}

/** The partition the Java client's default partitioner picks for a non-null key. */
export function murmur2Partition(key: Uint8Array, partitionCount: number): number {
  return toPositive(murmur2(key)) % partitionCount
}
