// KIP-1101's metadata hash as Kafka 4.2 computes it (Utils.computeTopicHash / computeGroupHash):
// the bytes Kafka's UtilsTest streams through hash4j's XXH3 (magic byte, the id's most then least
// significant bits, the name, the partition count, each partition and its sorted racks, each rack
// as its length and then the string), hashed by the reference XXH3 here; what Kafka's tests say
// changes the hash (magic byte, bit order, partition order) changes it, rack order does not; and,
// over random topics (names beyond ASCII among them), the same bytes give the same hash.
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { groupHash, topicHash } from '../../../src/engine/groups/metadata-hash'

const { xxh3 } = createRequire(import.meta.url)(
  '@node-rs/xxhash'
) as typeof import('@node-rs/xxhash')

/** hash4j's HashStream64, written out byte by byte as its AbstractHashSink does. */
class Stream {
  private bytes: number[] = []
  putByte(v: number) {
    this.bytes.push(v & 0xff)
    return this
  }
  putInt(v: number) {
    for (let i = 0; i < 4; i++) this.putByte(v >>> (8 * i))
    return this
  }
  putLong(v: bigint) {
    const u = BigInt.asUintN(64, v)
    this.putInt(Number(u & 0xffffffffn))
    return this.putInt(Number(u >> 32n))
  }
  /** putChars (each UTF-16 code unit as a little-endian short), then putInt(length). */
  putString(s: string) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      this.putByte(c).putByte(c >>> 8)
    }
    return this.putInt(s.length)
  }
  getAsLong(): bigint {
    return BigInt.asIntN(64, xxh3.xxh64(Buffer.from(this.bytes)))
  }
}

const FOO_ID = '5a1a8a43-6e2b-4e8c-9f0b-4c2f0a3b1d7e'
const MSB = BigInt.asIntN(64, 0x5a1a8a436e2b4e8cn)
const LSB = BigInt.asIntN(64, 0x9f0b4c2f0a3b1d7en)
/** Kafka's UtilsTest image: foo, two partitions, racks rack0/rack1 and rack1/rack2. */
const FOO = {
  id: FOO_ID,
  name: 'foo',
  partitionRacks: [
    ['rack1', 'rack0'],
    ['rack2', 'rack1']
  ]
}

describe('KIP-1101 metadata hash', () => {
  it('is the reference XXH3 (64 bits, seed 0)', () => {
    expect(new Stream().getAsLong()).toBe(BigInt.asIntN(64, 0x2d06800538d394c2n))
  })

  it("hashes a topic as Kafka's UtilsTest.testComputeTopicHash expects", () => {
    const expected = new Stream()
      .putByte(0)
      .putLong(MSB)
      .putLong(LSB)
      .putString('foo')
      .putInt(2)
      .putInt(0)
      .putInt(5)
      .putString('rack0')
      .putInt(5)
      .putString('rack1')
      .putInt(1)
      .putInt(5)
      .putString('rack1')
      .putInt(5)
      .putString('rack2')
      .getAsLong()
    expect(topicHash(FOO)).toBe(expected)
    // Pinned, so that a change of any step (here or in the stream above) shows.
    expect(expected).toBe(-4211302121695269642n)
    expect(topicHash({ ...FOO, id: FOO_ID.toUpperCase() })).toBe(expected)
  })

  it("differs where Kafka's tests say it must: magic byte, bit order, partition order", () => {
    const base = topicHash(FOO)
    const racks = (s: Stream, p: number) =>
      s
        .putInt(p)
        .putInt(5)
        .putString(FOO.partitionRacks[p].toSorted()[0])
        .putInt(5)
        .putString(FOO.partitionRacks[p].toSorted()[1])
    const head = (magic: number, a: bigint, b: bigint) =>
      new Stream().putByte(magic).putLong(a).putLong(b).putString('foo').putInt(2)
    expect(racks(racks(head(1, MSB, LSB), 0), 1).getAsLong()).not.toBe(base)
    expect(racks(racks(head(0, LSB, MSB), 0), 1).getAsLong()).not.toBe(base)
    expect(racks(racks(head(0, MSB, LSB), 1), 0).getAsLong()).not.toBe(base)
    expect(racks(racks(head(0, MSB, LSB), 0), 1).getAsLong()).toBe(base)
    // Racks are sorted first; a partition without racks writes its index only.
    expect(
      topicHash({
        ...FOO,
        partitionRacks: [
          ['rack0', 'rack1'],
          ['rack1', 'rack2']
        ]
      })
    ).toBe(base)
    expect(topicHash({ ...FOO, partitionRacks: [[], []] })).toBe(
      head(0, MSB, LSB).putInt(0).putInt(1).getAsLong()
    )
  })

  it("hashes a group's topics in the order of their names, 0 without topics", () => {
    expect(groupHash(new Map())).toBe(0n)
    const bar = topicHash({ ...FOO, name: 'bar' })
    const foo = topicHash(FOO)
    const expected = new Stream().putLong(bar).putLong(foo).getAsLong()
    expect(
      groupHash(
        new Map([
          ['foo', foo],
          ['bar', bar]
        ])
      )
    ).toBe(expected)
    expect(groupHash(new Map([['foo', foo]]))).toBe(new Stream().putLong(foo).getAsLong())
  })

  it('hashes any topic as the bytes Kafka streams (fast-check)', () => {
    const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 })
    const rack = fc.string({ unit: 'grapheme', maxLength: 12 })
    fc.assert(
      fc.property(
        fc.uuid(),
        name,
        fc.array(fc.array(rack, { maxLength: 4 }), { maxLength: 40 }),
        (id, topicName, partitionRacks) => {
          const hex = id.replace(/-/g, '')
          const s = new Stream()
            .putByte(0)
            .putLong(BigInt('0x' + hex.slice(0, 16)))
            .putLong(BigInt('0x' + hex.slice(16)))
            .putString(topicName)
            .putInt(partitionRacks.length)
          partitionRacks.forEach((racks, p) => {
            s.putInt(p)
            for (const r of [...racks].sort()) s.putInt(r.length).putString(r)
          })
          expect(topicHash({ id, name: topicName, partitionRacks })).toBe(s.getAsLong())
        }
      )
    )
  })

  it('refuses a topic id that is not one', () => {
    expect(() => topicHash({ ...FOO, id: 'not-an-id' })).toThrow('not a topic id: not-an-id')
  })
})
