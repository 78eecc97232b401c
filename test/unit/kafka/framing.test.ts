// FrameSplitter: frames split across chunks, several per chunk, and oversized prefixes refused.
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_MAX_FRAME_BYTES,
  FrameSplitter,
  ProtocolError
} from '../../../src/engine/kafka/protocol'

function frame(body: Buffer): Buffer {
  const prefix = Buffer.alloc(4)
  prefix.writeInt32BE(body.length)
  return Buffer.concat([prefix, body])
}

const bodies = [Buffer.from('first'), Buffer.alloc(0), Buffer.alloc(3000, 7), Buffer.from('last')]
const stream = Buffer.concat(bodies.map(frame))

describe('FrameSplitter', () => {
  it('returns several frames from one chunk, as views of it', () => {
    const got = new FrameSplitter().push(stream)
    expect(got).toEqual(bodies)
    expect(got[0].buffer).toBe(stream.buffer)
  })

  it('assembles a large frame in a buffer of its own, whatever the chunking', () => {
    const big = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 17 }, (_, i) => (i * 13) % 256))
    const all = Buffer.concat([frame(Buffer.from('a')), frame(big), frame(Buffer.from('z'))])
    for (const size of [1000, 65_536, 1_000_003]) {
      const s = new FrameSplitter()
      const got: Buffer[] = []
      for (let at = 0; at < all.length; at += size) got.push(...s.push(all.subarray(at, at + size)))
      expect(got.map((b) => b.length)).toEqual([1, big.length, 1])
      expect(got[1].equals(big)).toBe(true)
      expect(got[2].toString()).toBe('z')
      expect(s.buffered).toBe(0)
    }
  })

  it('assembles frames split at every possible point, byte by byte too', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const s = new FrameSplitter()
      const got = [...s.push(stream.subarray(0, cut)), ...s.push(stream.subarray(cut))]
      expect(got).toEqual(bodies)
      expect(s.buffered).toBe(0)
    }
    const s = new FrameSplitter()
    const got: Buffer[] = []
    for (let i = 0; i < stream.length; i++) got.push(...s.push(stream.subarray(i, i + 1)))
    expect(got).toEqual(bodies)
  })

  it('holds a partial frame until the rest arrives', () => {
    const s = new FrameSplitter()
    expect(s.push(stream.subarray(0, 7))).toEqual([])
    expect(s.buffered).toBe(3)
  })

  it('refuses a size above the maximum as soon as the prefix is in, before any body', () => {
    const s = new FrameSplitter({ maxFrameBytes: 1024 })
    expect(s.push(frame(Buffer.alloc(1024)))).toHaveLength(1)
    const prefix = Buffer.alloc(4)
    prefix.writeInt32BE(1025)
    expect(() => s.push(prefix)).toThrow(expect.objectContaining({ code: 'FRAME_TOO_LARGE' }))
    // The connection is done: later input is refused too.
    expect(() => s.push(Buffer.alloc(1))).toThrow(ProtocolError)
  })

  it('defaults to socket.request.max.bytes (100 MiB) and never allocates a refused frame', () => {
    expect(DEFAULT_MAX_FRAME_BYTES).toBe(104857600)
    const before = process.memoryUsage().arrayBuffers
    const s = new FrameSplitter()
    const prefix = Buffer.from([0x7f, 0xff, 0xff, 0xff])
    expect(() => s.push(prefix)).toThrow(expect.objectContaining({ code: 'FRAME_TOO_LARGE' }))
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20)
    // Exactly the maximum is accepted (and waits for its bytes).
    const ok = new FrameSplitter()
    const max = Buffer.alloc(4)
    max.writeInt32BE(DEFAULT_MAX_FRAME_BYTES)
    expect(ok.push(max)).toEqual([])
  })

  it('refuses a negative size', () => {
    expect(() => new FrameSplitter().push(Buffer.from([0xff, 0xff, 0xff, 0xfe]))).toThrow(
      expect.objectContaining({ code: 'INVALID_LENGTH' })
    )
  })
})
