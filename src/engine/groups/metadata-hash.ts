// KIP-1101's metadata hash, which Kafka 4.1's group coordinator writes in a consumer or share
// group's epoch record (ConsumerGroupMetadataValue / ShareGroupMetadataValue MetadataHash) in place
// of the subscribed topics' metadata: XXH3 (64 bits, seed 0) as Kafka's Utils.computeTopicHash
// and computeGroupHash stream it through hash4j, whose putInt and putLong are little-endian and
// whose putString writes the string's UTF-16 code units (little-endian) and then its length.
// The native module loads with the first hash, not with the broker.
import { createRequire } from 'node:module'
import type * as XxHash from '@node-rs/xxhash'

let nativeXxh3: typeof XxHash.xxh3.xxh64 | undefined

/** XXH3 64-bit of `data` (seed 0), as Kafka's int64 (signed). */
function xxh3(data: Uint8Array): bigint {
  nativeXxh3 ??= (createRequire(import.meta.url)('@node-rs/xxhash') as typeof XxHash).xxh3.xxh64
  return BigInt.asIntN(64, nativeXxh3(data))
}

/** hash4j's stream of bytes, as Kafka feeds it. */
class HashInput {
  private readonly parts: Buffer[] = []

  byte(v: number): this {
    this.parts.push(Buffer.from([v & 0xff]))
    return this
  }

  int(v: number): this {
    const b = Buffer.alloc(4)
    b.writeInt32LE(v | 0)
    this.parts.push(b)
    return this
  }

  long(v: bigint): this {
    const b = Buffer.alloc(8)
    b.writeBigInt64LE(BigInt.asIntN(64, v))
    this.parts.push(b)
    return this
  }

  /** hash4j's putString: the UTF-16 code units, then their count. */
  string(s: string): this {
    this.parts.push(Buffer.from(s, 'utf16le'))
    return this.int(s.length)
  }

  hash(): bigint {
    return xxh3(Buffer.concat(this.parts))
  }
}

/** The version of the topic hash (Kafka's TOPIC_HASH_MAGIC_BYTE). */
const TOPIC_HASH_MAGIC_BYTE = 0

/** What Kafka hashes of a topic: its id, name, and each partition's replicas' racks. */
export interface TopicHashInput {
  /** The topic id, RFC 4122 form. */
  id: string
  name: string
  /** Per partition, the racks of its replicas' brokers (brokers without a rack left out). */
  partitionRacks: readonly (readonly string[])[]
}

/**
 * Kafka's Utils.computeTopicHash: the magic byte, the id's most and least significant 64 bits, the
 * name, the partition count, then each partition's index and its replicas' racks in order, each
 * rack as its length followed by the rack (a string, so its length again).
 */
export function topicHash(topic: TopicHashInput): bigint {
  const hex = topic.id.replace(/-/g, '')
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a topic id: ${topic.id}`)
  const input = new HashInput()
    .byte(TOPIC_HASH_MAGIC_BYTE)
    .long(BigInt('0x' + hex.slice(0, 16)))
    .long(BigInt('0x' + hex.slice(16)))
    .string(topic.name)
    .int(topic.partitionRacks.length)
  topic.partitionRacks.forEach((racks, partition) => {
    input.int(partition)
    for (const rack of [...racks].sort()) input.int(rack.length).string(rack)
  })
  return input.hash()
}

/**
 * Kafka's Utils.computeGroupHash: 0 without topics, else the topics' hashes in the order of their
 * names. `topicHashes` holds the subscribed topics that exist.
 */
export function groupHash(topicHashes: ReadonlyMap<string, bigint>): bigint {
  if (topicHashes.size === 0) return 0n
  const input = new HashInput()
  for (const name of [...topicHashes.keys()].sort()) input.long(topicHashes.get(name)!)
  return input.hash()
}

/** What the cache needs of a topic: its id, name, and each partition's replicas (brokers' ids). */
export interface HashedTopic {
  readonly uuid: string
  readonly name: string
  readonly partitions: readonly { readonly replicas: readonly number[] }[]
}

/**
 * Each topic's hash, kept until the topic changes, as Kafka's coordinator caches topic hashes
 * rather than hash every heartbeat. A topic is the same while it is the same object with as many
 * partitions, each with the same replica list (a reassignment or an election gives a partition a
 * new list; a topic created again is a new object with a new id); brokers' racks are given at
 * start and never change.
 */
export class TopicHashes {
  private readonly cache = new Map<
    string,
    { topic: HashedTopic; uuid: string; replicas: (readonly number[])[]; hash: bigint }
  >()

  constructor(private readonly rack: (brokerId: number) => string | null) {}

  of(topic: HashedTopic): bigint {
    const hit = this.cache.get(topic.name)
    if (
      hit &&
      hit.topic === topic &&
      hit.uuid === topic.uuid &&
      hit.replicas.length === topic.partitions.length &&
      hit.replicas.every((r, p) => r === topic.partitions[p].replicas)
    )
      return hit.hash
    const hash = topicHash({
      id: topic.uuid,
      name: topic.name,
      partitionRacks: topic.partitions.map((p) => p.replicas.flatMap((id) => this.rack(id) ?? []))
    })
    // Names of deleted topics are not asked for again: keep the cache to a bounded size.
    if (this.cache.size >= 4096 && !hit) this.cache.clear()
    this.cache.set(topic.name, {
      topic,
      uuid: topic.uuid,
      replicas: topic.partitions.map((p) => p.replicas),
      hash
    })
    return hash
  }
}
