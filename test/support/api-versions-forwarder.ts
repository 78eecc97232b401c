// A TCP forwarder in front of one broker that makes it look like an older Kafka: in its
// ApiVersions answers (v0-v4) the APIs named in `hide` are renamed to an unused key (so a client
// does not find them) and those in `cap` offer at most the given version; everything else passes
// unchanged. The broker advertises the forwarder's port, so every connection goes through it.
import net from 'node:net'

export interface ApiVersionsForwarder {
  readonly port: number
  target: { host: string; port: number } | null
  close(): Promise<void>
}

const API_VERSIONS = 18
const UNUSED_KEY = 32_000

/** Splits a Kafka byte stream into size-prefixed frames. */
function framer(onFrame: (frame: Buffer) => void) {
  let pending = Buffer.alloc(0)
  return (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk])
    while (pending.length >= 4) {
      const size = pending.readInt32BE(0)
      if (pending.length < 4 + size) break
      onFrame(pending.subarray(0, 4 + size))
      pending = pending.subarray(4 + size)
    }
  }
}

function readUVarInt(b: Buffer, at: number): [value: number, next: number] {
  let value = 0
  let shift = 0
  for (;;) {
    const byte = b[at++]
    value |= (byte & 0x7f) << shift
    if ((byte & 0x80) === 0) return [value, at]
    shift += 7
  }
}

/** Rewrites an ApiVersions response in place (no lengths change). */
function rewrite(frame: Buffer, version: number, hide: number[], cap: Map<number, number>) {
  // size(4) correlation_id(4) error_code(2): ApiVersions answers with response header v0.
  let at = 10
  let count: number
  if (version >= 3) {
    const [n, next] = readUVarInt(frame, at)
    count = n - 1
    at = next
  } else {
    count = frame.readInt32BE(at)
    at += 4
  }
  for (let i = 0; i < count; i++) {
    const key = frame.readInt16BE(at)
    if (hide.includes(key)) frame.writeInt16BE(UNUSED_KEY, at)
    const max = cap.get(key)
    if (max !== undefined) {
      frame.writeInt16BE(Math.min(frame.readInt16BE(at + 2), max), at + 2)
      frame.writeInt16BE(Math.min(frame.readInt16BE(at + 4), max), at + 4)
    }
    at += 6
    if (version >= 3) {
      const [tags, next] = readUVarInt(frame, at)
      if (tags !== 0) throw new Error('tagged fields in an ApiVersions entry are not handled')
      at = next
    }
  }
}

export async function startApiVersionsForwarder(
  hide: number[],
  cap: Map<number, number>
): Promise<ApiVersionsForwarder> {
  const sockets = new Set<net.Socket>()
  const f = { port: 0, target: null as ApiVersionsForwarder['target'] }
  const server = net.createServer((client) => {
    sockets.add(client)
    client.on('error', () => client.destroy())
    if (!f.target) return client.destroy()
    const upstream = net.connect(f.target.port, f.target.host)
    sockets.add(upstream)
    upstream.on('error', () => upstream.destroy())
    upstream.once('close', () => client.destroy())
    client.once('close', () => upstream.destroy())
    /** ApiVersions requests in flight: correlation id -> version. */
    const asked = new Map<number, number>()
    client.on(
      'data',
      framer((frame) => {
        if (frame.readInt16BE(4) === API_VERSIONS)
          asked.set(frame.readInt32BE(8), frame.readInt16BE(6))
        upstream.write(frame)
      })
    )
    upstream.on(
      'data',
      framer((frame) => {
        const correlationId = frame.readInt32BE(4)
        const version = asked.get(correlationId)
        if (version !== undefined) {
          asked.delete(correlationId)
          rewrite(frame, version, hide, cap)
        }
        client.write(frame)
      })
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  f.port = (server.address() as net.AddressInfo).port
  return Object.assign(f, {
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
}
