// Splits a TCP byte stream into Kafka frames (INT32 size prefix), refusing oversized frames early.
import { ProtocolError, invalidLength } from './errors'

/** Kafka's default socket.request.max.bytes: 100 MiB. */
export const DEFAULT_MAX_FRAME_BYTES = 100 * 1024 * 1024

/**
 * A frame at least this large that arrives in pieces is copied into one buffer of its own as it
 * comes, rather than kept as the socket's small chunks: the system gives pages to such a buffer
 * only as they are written, and takes them back whole when it is freed.
 */
export const LARGE_FRAME_BYTES = 1024 * 1024

export interface FrameSplitterOptions {
  /** Largest accepted frame body (without its 4-byte prefix); default socket.request.max.bytes. */
  maxFrameBytes?: number
}

/**
 * Incremental frame splitter for one connection. Feed it socket chunks in order; it returns each
 * complete frame without its size prefix. A frame lying within one chunk is returned as a view of
 * it (no copy); a frame split across chunks is assembled once, when its last byte arrived. A size
 * prefix above the maximum (or negative) throws ProtocolError as soon as the 4 prefix bytes are
 * in, before anything is allocated for it; the splitter then refuses further input, and the
 * connection is to be closed. A large frame (LARGE_FRAME_BYTES) is assembled as it arrives.
 */
export class FrameSplitter {
  private readonly maxFrameBytes: number
  private readonly chunks: Buffer[] = []
  /** Read offset into chunks[0]. */
  private offset = 0
  /** Bytes held after `offset`. */
  private held = 0
  /** Size of the frame being assembled, or -1 while its prefix is still incomplete. */
  private expected = -1
  private failed: ProtocolError | null = null
  /** The large frame being assembled, and how much of it has arrived. */
  private assembling: Buffer | null = null
  private filled = 0

  constructor(options: FrameSplitterOptions = {}) {
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES
  }

  /** Bytes received and not yet returned as part of a frame. */
  get buffered(): number {
    return this.held + this.filled
  }

  /** Adds a chunk and returns the frames it completed, in order (often none, maybe several). */
  push(chunk: Buffer): Buffer[] {
    this.append(chunk)
    const frames: Buffer[] = []
    for (let frame = this.next(); frame !== null; frame = this.next()) frames.push(frame)
    return frames
  }

  /** Adds a chunk without taking frames out; see nextSize() and next(). */
  append(chunk: Buffer): void {
    if (this.failed !== null) throw this.failed
    if (this.assembling !== null && chunk.length > 0) {
      const n = Math.min(chunk.length, this.assembling.length - this.filled)
      chunk.copy(this.assembling, this.filled, 0, n)
      this.filled += n
      chunk = chunk.subarray(n)
    }
    if (chunk.length > 0) {
      this.chunks.push(chunk)
      this.held += chunk.length
    }
  }

  /**
   * The size of the next frame once its prefix is in, else -1. Throws ProtocolError for a size
   * above the maximum (or negative), before anything is allocated for it.
   */
  nextSize(): number {
    if (this.failed !== null) throw this.failed
    if (this.expected < 0) {
      if (this.held < 4) return -1
      const size = this.readPrefix()
      if (size < 0) this.fail(invalidLength(`negative frame size ${size}`))
      if (size > this.maxFrameBytes) {
        this.fail(
          new ProtocolError(
            'FRAME_TOO_LARGE',
            `frame of ${size} bytes exceeds socket.request.max.bytes (${this.maxFrameBytes})`
          )
        )
      }
      this.expected = size
    }
    return this.expected
  }

  /** Bytes of the next frame received so far (its prefix excluded), or 0 before its prefix. */
  get partialBytes(): number {
    return this.expected < 0 ? 0 : Math.min(this.held + this.filled, this.expected)
  }

  /** The next complete frame, or null while it is incomplete. */
  next(): Buffer | null {
    const size = this.nextSize()
    if (size < 0) return null
    if (this.assembling !== null) {
      if (this.filled < size) return null
      const frame = this.assembling
      this.assembling = null
      this.filled = 0
      this.expected = -1
      return frame
    }
    if (this.held >= size) {
      this.expected = -1
      return this.take(size)
    }
    if (size >= LARGE_FRAME_BYTES) {
      this.assembling = Buffer.allocUnsafeSlow(size)
      this.filled = this.held
      this.take(this.held).copy(this.assembling, 0)
    }
    return null
  }

  private fail(err: ProtocolError): never {
    this.failed = err
    this.chunks.length = 0
    this.held = 0
    this.assembling = null
    this.filled = 0
    throw err
  }

  private readPrefix(): number {
    const first = this.chunks[0]
    if (first.length - this.offset >= 4) {
      const size = first.readInt32BE(this.offset)
      this.advance(4)
      return size
    }
    return this.take(4).readInt32BE(0)
  }

  private advance(n: number): void {
    this.offset += n
    this.held -= n
    while (this.chunks.length > 0 && this.offset >= this.chunks[0].length) {
      this.offset -= this.chunks[0].length
      this.chunks.shift()
    }
  }

  /** Removes the next n held bytes: a view when they lie in one chunk, else one copy. */
  private take(n: number): Buffer {
    const first = this.chunks[0]
    if (first !== undefined && first.length - this.offset >= n) {
      const view = first.subarray(this.offset, this.offset + n)
      this.advance(n)
      return view
    }
    const out = Buffer.allocUnsafe(n)
    let filled = 0
    while (filled < n) {
      const c = this.chunks[0]
      const count = Math.min(n - filled, c.length - this.offset)
      c.copy(out, filled, this.offset, this.offset + count)
      filled += count
      this.advance(count)
    }
    return out
  }
}
