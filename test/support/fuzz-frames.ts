// Request frames for the protocol fuzz test: representative, valid requests of every served API
// and version (bodies built from the schemas, encoded with the project's codec), and mutations
// of them: flipped bytes, truncation, extension, lying length prefixes and element counts,
// record batches with valid CRCs but lying contents, random garbage and oversized frames.
import { randomUUID } from 'node:crypto'
import {
  API_TABLE,
  ByteReader,
  DEFAULT_MAX_FRAME_BYTES,
  ZERO_UUID,
  answerToRefusedRequest,
  apiSchema,
  decodeRequest,
  encodeRequest,
  isFlexibleVersion,
  messageCodec,
  type DecodedRequest,
  type ServedApiKey
} from '../../src/engine/kafka/protocol'
import { inVersions, type FieldSchema } from '../../src/engine/kafka/protocol/schema'
import { CompressionType, crc32c, encodeBatch } from '../../src/engine/records'
import { OMIT, WALK, buildStruct, type FieldValues } from './schema-bodies'

export interface FuzzNames {
  /** Topics that exist when the fuzzing starts (and that fuzz frames may alter or delete). */
  topics: string[]
  /** Valid names that auto-creation may create: a small fixed set, so topics stay few. */
  autoCreatable: string[]
  groups: string[]
}

/** A valid request frame (with its size prefix) and where its lengths and counts sit. */
export interface Template {
  apiKey: number
  apiVersion: number
  frame: Buffer
  /** Offsets (in `frame`) of every int16, int32 and unsigned varint the decoder read. */
  ints: { at: number; kind: 'int16' | 'int32' | 'uvarint'; size: number }[]
  /** Offsets of record batches in the frame (Produce), with their size. */
  batches: { at: number; size: number }[]
}

/** Records every int16/int32/unsigned varint read and where it was, while decoding a body. */
class RecordingReader extends ByteReader {
  readonly ints: Template['ints'] = []
  override readInt16(): number {
    this.ints.push({ at: this.pos, kind: 'int16', size: 2 })
    return super.readInt16()
  }
  override readInt32(): number {
    this.ints.push({ at: this.pos, kind: 'int32', size: 4 })
    return super.readInt32()
  }
  override readUnsignedVarint(): number {
    const at = this.pos
    const v = super.readUnsignedVarint()
    this.ints.push({ at, kind: 'uvarint', size: this.pos - at })
    return v
  }
}

const CONFIGS: [string, string[]][] = [
  ['retention.ms', ['60000', '-1', '0', 'abc']],
  ['cleanup.policy', ['delete', 'compact', 'compact,delete', 'nonsense']],
  ['min.insync.replicas', ['1', '2', '4']],
  ['max.message.bytes', ['1048588', '100', '-5']],
  ['segment.ms', ['1000', '604800000']],
  ['unclean.leader.election.enable', ['true', 'false']],
  ['no.such.config', ['1']]
]

/** Builds request bodies with values a client would plausibly send, from the schemas. */
class BodyBuilder implements FieldValues {
  constructor(
    private readonly random: () => number,
    private readonly names: FuzzNames
  ) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)]
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1))
  }

  topicName(): string {
    const r = this.random()
    if (r < 0.55) return this.pick(this.names.topics)
    if (r < 0.85) return this.pick(this.names.autoCreatable)
    return this.pick(['', '.', '..', 'bad name!', 'x'.repeat(250), 'a/b', '__consumer_offsets'])
  }

  private bytes(max: number): Buffer {
    const b = Buffer.alloc(this.int(0, max))
    for (let i = 0; i < b.length; i++) b[i] = this.int(0, 255)
    return b
  }

  /** One or a few record batches as a producer would send them (base offset 0). */
  records(): Buffer {
    const count = this.int(1, 3)
    const now = Date.now()
    const records = Array.from({ length: count }, (_, i) => ({
      key: this.random() < 0.5 ? `k${this.int(0, 9)}` : undefined,
      value: this.random() < 0.95 ? `fuzz value ${i} ${this.int(0, 1e6)}` : undefined,
      headers: this.random() < 0.2 ? { h: 'v' } : undefined,
      timestamp: now
    }))
    const compression = this.pick([
      CompressionType.None,
      CompressionType.None,
      CompressionType.None,
      CompressionType.Gzip,
      CompressionType.Snappy,
      CompressionType.Lz4,
      CompressionType.Zstd
    ])
    const idempotent = this.random() < 0.15
    const batch = encodeBatch(records, {
      compression,
      now,
      ...(idempotent ? { producerId: this.int(0, 5), producerEpoch: 0, baseSequence: 0 } : {})
    })
    return this.random() < 0.1 ? Buffer.concat([batch, batch]) : batch
  }

  /** A request body of `version` with plausible values, built by the schema walk. */
  struct(fields: readonly FieldSchema[], version: number): Record<string, unknown> {
    return buildStruct(fields, version, this)
  }

  absent(): unknown {
    return OMIT
  }

  preset(f: FieldSchema, version: number): unknown {
    return inVersions(f.nullableVersions, version) && this.random() < 0.08 ? null : WALK
  }

  arrayLength(): number {
    return this.pick([0, 1, 1, 1, 2, 2, 3])
  }

  primitive(type: string, f: FieldSchema, parent: string): unknown {
    const n = f.name.toLowerCase()
    const p = parent.toLowerCase()
    switch (type) {
      case 'string':
        if (p.includes('config') && n === 'name') return this.pick(CONFIGS)[0]
        if (p.includes('config') && n === 'value') return this.pick(this.pick(CONFIGS)[1])
        if (p.includes('protocol') && n === 'name') return this.pick(['range', 'roundrobin'])
        if (n.includes('group') && n.includes('instance')) return `instance-${this.int(0, 3)}`
        if (n.includes('group') || n === 'key' || n === 'coordinatorkeys')
          return this.pick(this.names.groups)
        if (n.includes('member')) return this.random() < 0.5 ? '' : `member-${this.int(0, 5)}`
        if (n === 'protocoltype') return 'consumer'
        if (n.includes('transactional')) return `txn-${this.int(0, 2)}`
        if (n === 'resourcename') return this.random() < 0.8 ? this.topicName() : '0'
        if (n.includes('topic') || n === 'name') return this.topicName()
        if (n.includes('rack')) return 'rack-a'
        return this.pick(['', 'a', 'fuzz', 'x'.repeat(30)])
      case 'int8':
        if (n === 'resourcetype') return this.pick([2, 2, 2, 4])
        if (n.includes('isolation')) return this.int(0, 1)
        if (n.includes('operation')) return this.int(0, 3)
        if (n.includes('election')) return this.int(0, 1)
        return this.int(0, 2)
      case 'int16':
        if (n === 'acks') return this.pick([1, 1, -1, 0])
        if (n.includes('replicationfactor')) return this.pick([1, 2, 3, -1])
        if (n.includes('epoch')) return this.pick([-1, 0, 0, 1])
        return this.int(0, 3)
      case 'uint16':
        return this.int(0, 65535)
      case 'int32':
        if (n.includes('partition')) return this.pick([0, 0, 1, 2, 3, -1])
        if (n.includes('timeout') || n.includes('wait'))
          return this.pick([0, 0, 10, 50, n.includes('session') ? 6000 : 100])
        if (n === 'numpartitions' || n === 'count') return this.int(1, 6)
        if (n.includes('maxbytes')) return this.pick([1 << 20, 50 << 20, 100])
        if (n.includes('minbytes')) return this.pick([0, 1])
        if (n.includes('epoch') || n.includes('generation')) return this.pick([-1, 0, 1, 2])
        if (n.includes('broker') || n.includes('replica') || n.includes('leader'))
          return this.pick([0, 1, 2, -1])
        if (n.includes('session')) return 0
        return this.int(0, 5)
      case 'uint32':
        return this.int(0, 10)
      case 'int64':
        if (n.includes('timestamp')) return this.pick([-1n, -2n, -3n, BigInt(Date.now() - 1000)])
        if (n.includes('offset')) return this.pick([0n, 1n, 5n, 100n, -1n])
        if (n.includes('producerid')) return this.pick([-1n, 0n, 1n])
        return this.pick([0n, -1n, 1000n])
      case 'float64':
        return this.random()
      case 'bool':
        return this.random() < 0.5
      case 'uuid':
        return this.random() < 0.7 ? ZERO_UUID : randomUUID()
      case 'bytes':
        return this.bytes(24)
      case 'records':
        return this.records()
    }
    throw new Error(`unknown field type ${type}`)
  }
}

let correlation = 0

/** Builds `perVersion` valid frames for every served API version. */
export function buildTemplates(
  random: () => number,
  names: FuzzNames,
  perVersion: number
): Template[] {
  const builder = new BodyBuilder(random, names)
  const out: Template[] = []
  for (const api of API_TABLE) {
    const schema = apiSchema(api.apiKey)!
    for (let v = api.minVersion; v <= api.maxVersion; v++) {
      for (let i = 0; i < perVersion; i++) {
        const body = builder.struct(schema.request.fields, v)
        const header = {
          requestApiKey: api.apiKey as ServedApiKey,
          requestApiVersion: v,
          correlationId: ++correlation,
          clientId: random() < 0.9 ? 'fuzz' : null
        }
        const frame = encodeRequest(header, body as never)
        out.push({ apiKey: api.apiKey, apiVersion: v, frame, ...layout(frame, api.apiKey, v) })
      }
    }
  }
  return out
}

/** Where the body's ints and record batches are, found by decoding the frame once. */
function layout(frame: Buffer, apiKey: number, apiVersion: number) {
  const flexible = isFlexibleVersion(apiKey, apiVersion)
  const clientIdLength = frame.readInt16BE(12)
  const bodyAt = 14 + Math.max(0, clientIdLength) + (flexible ? 1 : 0)
  const r = new RecordingReader(frame, bodyAt)
  const decoded = decodeRequest(frame.subarray(4))
  // The broker's body decoder, over the recording reader.
  messageCodec(apiSchema(apiKey)!.request, apiVersion).decode(r)
  const batches: Template['batches'] = []
  if (decoded.apiKey === 0) {
    for (const t of decoded.body.topicData)
      for (const p of t.partitionData) {
        if (!p.records || p.records.length === 0) continue
        const at = p.records.byteOffset - frame.byteOffset
        for (let off = 0; off + 61 <= p.records.length;) {
          const size = p.records.readInt32BE(off + 8) + 12
          batches.push({ at: at + off, size })
          off += size
        }
      }
  }
  return { ints: r.ints, batches }
}

/** How the broker is expected to take a frame, from decoding it as the broker does. */
export type Verdict =
  /** Decodes: the broker handles it and the connection goes on. */
  | { kind: 'request'; request: DecodedRequest }
  /** An ApiVersions version it does not serve: answered, the connection goes on. */
  | { kind: 'refused' }
  /** Malformed or unserved: the broker closes the connection after the frames before it. */
  | { kind: 'fatal' }

export function verdict(frame: Buffer): Verdict {
  const size = frame.length >= 4 ? frame.readInt32BE(0) : -1
  if (size !== frame.length - 4) return { kind: 'fatal' }
  try {
    return { kind: 'request', request: decodeRequest(frame.subarray(4)) }
  } catch (err) {
    return answerToRefusedRequest(err) ? { kind: 'refused' } : { kind: 'fatal' }
  }
}

export type MutationKind =
  | 'valid'
  | 'flip'
  | 'truncate'
  | 'extend'
  | 'lying-int'
  | 'lying-varint'
  | 'batch'
  | 'header'
  | 'garbage'
  | 'size-lie'
  | 'oversized'

const LIES32 = [0x7fffffff, -1, -2, 0x80000000 | 0, 0x10000, 0x00ffffff, 1, 0]
const LIES16 = [0x7fff, -1, -2, -32768, 1, 0, 255]

/** Produces mutated frames from templates. */
export class Mutator {
  constructor(
    private readonly random: () => number,
    private readonly templates: Template[]
  ) {}

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1))
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)]
  }

  template(): Template {
    return this.pick(this.templates)
  }

  /** A mutated frame, with the kind of mutation applied. */
  next(): { kind: MutationKind; frame: Buffer; apiKey: number } {
    const t = this.template()
    const kind = this.pick<MutationKind>([
      'valid',
      'flip',
      'flip',
      'flip',
      'truncate',
      'extend',
      'lying-int',
      'lying-int',
      'lying-varint',
      'batch',
      'header',
      'garbage',
      'size-lie',
      'oversized'
    ])
    return { kind, frame: this.apply(kind, t), apiKey: t.apiKey }
  }

  private withSize(body: Buffer): Buffer {
    const f = Buffer.allocUnsafe(body.length + 4)
    f.writeInt32BE(body.length, 0)
    body.copy(f, 4)
    return f
  }

  apply(kind: MutationKind, t: Template): Buffer {
    const f = Buffer.from(t.frame)
    switch (kind) {
      case 'valid':
        return f
      case 'flip': {
        // Mostly in the body; sometimes in the header (key, version, correlation, client id).
        const from = this.random() < 0.85 ? 14 : 4
        const n = this.int(1, 4)
        for (let i = 0; i < n && f.length > from; i++)
          f[this.int(from, f.length - 1)] ^= this.int(1, 255)
        return f
      }
      case 'truncate':
        return this.withSize(f.subarray(4, this.int(4, f.length - 1)))
      case 'extend':
        return this.withSize(
          Buffer.concat([
            f.subarray(4),
            Buffer.from(Array.from({ length: this.int(1, 64) }, () => this.int(0, 255)))
          ])
        )
      case 'lying-int': {
        const ints = t.ints.filter((x) => x.kind !== 'uvarint')
        if (ints.length === 0) return this.apply('flip', t)
        const x = this.pick(ints)
        if (x.kind === 'int32') f.writeInt32BE(this.pick(LIES32), x.at)
        else f.writeInt16BE(this.pick(LIES16), x.at)
        return f
      }
      case 'lying-varint': {
        const vs = t.ints.filter((x) => x.kind === 'uvarint')
        if (vs.length === 0) return this.apply('lying-int', t)
        const x = this.pick(vs)
        const lie = this.pick([
          [0xff, 0xff, 0xff, 0xff, 0x0f], // 0xffffffff
          [0x80, 0x80, 0x80, 0x80, 0x08], // 0x80000000
          [0xff, 0xff, 0xff, 0xff, 0xff, 0x01], // longer than 5 bytes
          [0x00], // null / zero
          [0xff, 0x7f], // 16383
          [0x80] // unterminated
        ])
        return this.withSize(
          Buffer.concat([f.subarray(4, x.at), Buffer.from(lie), f.subarray(x.at + x.size)])
        )
      }
      case 'batch':
        return this.mutateBatch(f, t)
      case 'header': {
        const choice = this.int(0, 4)
        if (choice === 0)
          f.writeInt16BE(this.pick([-1, 4, 5, 6, 7, 17, 24, 57, 61, 1000, 32767]), 4)
        else if (choice === 1) f.writeInt16BE(this.pick([-1, t.apiVersion + 1, 100, 32767]), 6)
        else if (choice === 2) f.writeInt16BE(this.pick([-2, -32768, 0x7fff, 1000]), 12)
        else if (choice === 3) f.writeInt16BE(this.pick([0, 1, 2, 3, 4, 5]), 6)
        else f.writeInt16BE(18, 4) // ApiVersions key with another API's version and body
        return f
      }
      case 'garbage': {
        const body = Buffer.from(Array.from({ length: this.int(0, 200) }, () => this.int(0, 255)))
        // Point most of them at a served API, so that a body decoder runs on garbage.
        if (body.length >= 4 && this.random() < 0.8) {
          const api = this.pick(API_TABLE)
          body.writeInt16BE(api.apiKey, 0)
          body.writeInt16BE(this.int(api.minVersion, api.maxVersion), 2)
        }
        return this.withSize(body)
      }
      case 'size-lie': {
        // The prefix disagrees with the bytes: more (the broker waits for the rest) or fewer
        // (the rest is read as the next frame).
        const delta = this.pick([1, 2, 7, 100, 65536, -1, -3])
        f.writeInt32BE(Math.max(0, f.length - 4 + delta), 0)
        return f
      }
      case 'oversized': {
        const size = this.pick([
          DEFAULT_MAX_FRAME_BYTES + 1,
          0x7fffffff,
          -1,
          -0x80000000,
          DEFAULT_MAX_FRAME_BYTES * 2
        ])
        const out = Buffer.alloc(4 + this.int(0, 32))
        out.writeInt32BE(size, 0)
        t.frame.copy(out, 4, 4, Math.min(t.frame.length, out.length))
        return out
      }
    }
  }

  /**
   * Changes a record batch inside a Produce frame and recomputes its CRC, so that the checks
   * behind the CRC run: lying batch length, record count, offset delta, compression bits,
   * record varints, random bytes of the records.
   */
  private mutateBatch(f: Buffer, t: Template): Buffer {
    if (t.batches.length === 0) return this.apply('flip', t)
    const b = this.pick(t.batches)
    const at = b.at
    const end = at + b.size
    switch (this.int(0, 6)) {
      case 0:
        f.writeInt32BE(this.pick(LIES32), at + 8) // batchLength (outside the CRC)
        return f
      case 1:
        f.writeInt32BE(this.pick(LIES32), at + 57) // records count
        break
      case 2:
        f.writeInt32BE(this.pick(LIES32), at + 23) // lastOffsetDelta
        break
      case 3:
        f.writeInt16BE(this.pick([1, 2, 3, 4, 5, 6, 7, 0x10, 0x20, 0x30, -1]), at + 21) // attributes
        break
      case 4:
        f[at + 16] = this.pick([0, 1, 3, 255]) // magic (outside the CRC)
        break
      default: {
        const n = this.int(1, 4)
        for (let i = 0; i < n && end > at + 61; i++)
          f[this.int(at + 61, end - 1)] ^= this.int(1, 255)
      }
    }
    if (end <= f.length) f.writeUInt32BE(crc32c(f.subarray(at + 21, end)), at + 17)
    return f
  }
}
