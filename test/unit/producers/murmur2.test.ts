import { describe, expect, it } from 'vitest'
import { murmur2, murmur2Partition, toPositive } from '../../../src/engine/producers/murmur2'

describe('murmur2', () => {
  // The vectors of Kafka's UtilsTest.testMurmur2, covering every tail length.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107]
  ])('hashes %j to %i like the Java client', (key, expected) => {
    expect(murmur2(Buffer.from(key))).toBe(expected)
  })

  it('places "foobar" on partition 16 of 50', () => {
    expect(murmur2Partition(Buffer.from('foobar'), 50)).toBe(16)
  })

  it('masks the sign bit like Utils.toPositive', () => {
    expect(toPositive(-1)).toBe(0x7fffffff)
    expect(toPositive(-2147483648)).toBe(0)
    expect(toPositive(-790332482)).toBe(-790332482 & 0x7fffffff)
    expect(toPositive(123)).toBe(123)
  })

  it('hashes empty and binary keys to 32-bit ints', () => {
    expect(murmur2(Buffer.alloc(0))).toBe(murmur2(new Uint8Array(0)))
    const h = murmur2(Buffer.from([0xff, 0x80, 0x00, 0x7f, 0xfe]))
    expect(h | 0).toBe(h)
    for (let n = 1; n <= 64; n++) {
      const p = murmur2Partition(Buffer.from(`key-${n}`), n)
      expect(p).toBeGreaterThanOrEqual(0)
      expect(p).toBeLessThan(n)
    }
  })
})
