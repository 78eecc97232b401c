// The records Kafka's group coordinator writes to __consumer_offsets, in Kafka's own layout: a
// key is an int16 record type followed by the key's fields (OffsetCommitKey is type 1,
// GroupMetadataKey type 2), a value an int16 version followed by the value's fields; a null
// value is a tombstone. The schemas are generated from Kafka's JSON (scripts/generate-protocol.ts).
// The decoding serves __transaction_state's records too (transactions/transaction-log-records.ts).
import {
  ByteReader,
  ByteWriter,
  messageCodec,
  type FieldSchema,
  type MessageSchema
} from '../kafka/protocol'
import { inVersions } from '../kafka/protocol/schema'
import { isDefaultPredicate } from '../kafka/protocol/defaults'
import {
  ConsumerGroupCurrentMemberAssignmentRecordType,
  ConsumerGroupMemberMetadataRecordType,
  ConsumerGroupMetadataRecordType,
  ConsumerGroupPartitionMetadataRecordType,
  ConsumerGroupRegularExpressionRecordType,
  ConsumerGroupTargetAssignmentMemberRecordType,
  ConsumerGroupTargetAssignmentMetadataRecordType,
  consumerGroupCurrentMemberAssignmentKeySchema,
  consumerGroupCurrentMemberAssignmentValueSchema,
  consumerGroupMemberMetadataKeySchema,
  consumerGroupMemberMetadataValueSchema,
  consumerGroupMetadataKeySchema,
  consumerGroupMetadataValueSchema,
  consumerGroupPartitionMetadataKeySchema,
  consumerGroupPartitionMetadataValueSchema,
  consumerGroupRegularExpressionKeySchema,
  consumerGroupRegularExpressionValueSchema,
  consumerGroupTargetAssignmentMemberKeySchema,
  consumerGroupTargetAssignmentMemberValueSchema,
  consumerGroupTargetAssignmentMetadataKeySchema,
  consumerGroupTargetAssignmentMetadataValueSchema,
  GroupMetadataRecordType,
  ShareGroupCurrentMemberAssignmentRecordType,
  ShareGroupMemberMetadataRecordType,
  ShareGroupMetadataRecordType,
  ShareGroupTargetAssignmentMemberRecordType,
  ShareGroupTargetAssignmentMetadataRecordType,
  shareGroupCurrentMemberAssignmentKeySchema,
  shareGroupCurrentMemberAssignmentValueSchema,
  shareGroupMemberMetadataKeySchema,
  shareGroupMemberMetadataValueSchema,
  shareGroupMetadataKeySchema,
  shareGroupMetadataValueSchema,
  shareGroupTargetAssignmentMemberKeySchema,
  shareGroupTargetAssignmentMemberValueSchema,
  shareGroupTargetAssignmentMetadataKeySchema,
  shareGroupTargetAssignmentMetadataValueSchema,
  OffsetCommitRecordType,
  groupMetadataKeySchema,
  groupMetadataValueSchema,
  offsetCommitKeySchema,
  offsetCommitValueSchema,
  type GroupMetadataValue,
  type OffsetCommitValue
} from '../kafka/protocol/generated/coordinator-records'
import type { Encodable } from '../kafka/protocol'

/**
 * The version Kafka 4.2 writes an OffsetCommitValue in: 1 with an expire timestamp, else 4 (the
 * first flexible one, with the tagged TopicId of a commit that named its topic by id).
 */
export function offsetCommitValueVersion(expires: boolean): number {
  return expires ? 1 : 4
}

/** The version Kafka (2.3 and newer) writes a GroupMetadataValue in. */
export const GROUP_METADATA_VALUE_VERSION = 3

/** A key (`prefix` its record type, fields of version 0) or a value (`prefix` its version). */
export function encodeCoordinatorRecord(
  prefix: number,
  schema: MessageSchema,
  body: object,
  version = prefix
): Buffer {
  const w = new ByteWriter(64)
  w.writeInt16(prefix)
  messageCodec(schema, version).encode(w, body)
  return w.toBuffer()
}

/** A KIP-848 or share group record's key: its record type, then the key at version 0. */
export const groupStateKey = (type: number, schema: MessageSchema, body: object): Buffer =>
  encodeCoordinatorRecord(type, schema, body, 0)

/** A KIP-848 or share group record's value, at version 0. */
export const groupStateValue = (schema: MessageSchema, body: object): Buffer =>
  encodeCoordinatorRecord(0, schema, body)

/** A group's members in member id order, as Kafka's records list them. */
export function byMemberId<M extends { memberId: string }>(members: Iterable<M>): M[] {
  return [...members].sort((a, b) =>
    a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0
  )
}

export function offsetCommitKey(group: string, topic: string, partition: number): Buffer {
  return encodeCoordinatorRecord(
    OffsetCommitRecordType,
    offsetCommitKeySchema,
    { group, topic, partition },
    0
  )
}

export function groupMetadataKey(group: string): Buffer {
  return encodeCoordinatorRecord(GroupMetadataRecordType, groupMetadataKeySchema, { group }, 0)
}

/** An OffsetCommitValue in the version Kafka writes for it (see offsetCommitValueVersion). */
export function offsetCommitValue(
  v: Omit<Encodable<OffsetCommitValue>, 'expireTimestamp'> & { expireTimestamp?: bigint }
): Buffer {
  const version = offsetCommitValueVersion(v.expireTimestamp !== undefined)
  return encodeCoordinatorRecord(version, offsetCommitValueSchema, v)
}

export function groupMetadataValue(v: Encodable<GroupMetadataValue>): Buffer {
  return encodeCoordinatorRecord(GROUP_METADATA_VALUE_VERSION, groupMetadataValueSchema, v)
}

/** The records of a coordinator's topic by key type: the key's name and schemas. */
export type CoordinatorRecordTypes = ReadonlyMap<
  number,
  { name: string; key: MessageSchema; value: MessageSchema }
>

const offsetCommit = {
  name: 'OffsetCommit',
  key: offsetCommitKeySchema,
  value: offsetCommitValueSchema
}

/** The records of __consumer_offsets. */
export const GROUP_RECORD_TYPES: CoordinatorRecordTypes = new Map([
  // Type 0 is the offset commit key as Kafka wrote it before 0.10 (the same fields).
  [0, offsetCommit],
  [OffsetCommitRecordType, offsetCommit],
  [
    GroupMetadataRecordType,
    { name: 'GroupMetadata', key: groupMetadataKeySchema, value: groupMetadataValueSchema }
  ],
  // A consumer-protocol group's (KIP-848) own state.
  [
    ConsumerGroupMetadataRecordType,
    {
      name: 'ConsumerGroupMetadata',
      key: consumerGroupMetadataKeySchema,
      value: consumerGroupMetadataValueSchema
    }
  ],
  [
    ConsumerGroupPartitionMetadataRecordType,
    {
      name: 'ConsumerGroupPartitionMetadata',
      key: consumerGroupPartitionMetadataKeySchema,
      value: consumerGroupPartitionMetadataValueSchema
    }
  ],
  [
    ConsumerGroupMemberMetadataRecordType,
    {
      name: 'ConsumerGroupMemberMetadata',
      key: consumerGroupMemberMetadataKeySchema,
      value: consumerGroupMemberMetadataValueSchema
    }
  ],
  [
    ConsumerGroupTargetAssignmentMetadataRecordType,
    {
      name: 'ConsumerGroupTargetAssignmentMetadata',
      key: consumerGroupTargetAssignmentMetadataKeySchema,
      value: consumerGroupTargetAssignmentMetadataValueSchema
    }
  ],
  [
    ConsumerGroupTargetAssignmentMemberRecordType,
    {
      name: 'ConsumerGroupTargetAssignmentMember',
      key: consumerGroupTargetAssignmentMemberKeySchema,
      value: consumerGroupTargetAssignmentMemberValueSchema
    }
  ],
  [
    ConsumerGroupCurrentMemberAssignmentRecordType,
    {
      name: 'ConsumerGroupCurrentMemberAssignment',
      key: consumerGroupCurrentMemberAssignmentKeySchema,
      value: consumerGroupCurrentMemberAssignmentValueSchema
    }
  ],
  [
    ConsumerGroupRegularExpressionRecordType,
    {
      name: 'ConsumerGroupRegularExpression',
      key: consumerGroupRegularExpressionKeySchema,
      value: consumerGroupRegularExpressionValueSchema
    }
  ],
  // A share group's (KIP-932) own state.
  [
    ShareGroupMemberMetadataRecordType,
    {
      name: 'ShareGroupMemberMetadata',
      key: shareGroupMemberMetadataKeySchema,
      value: shareGroupMemberMetadataValueSchema
    }
  ],
  [
    ShareGroupMetadataRecordType,
    {
      name: 'ShareGroupMetadata',
      key: shareGroupMetadataKeySchema,
      value: shareGroupMetadataValueSchema
    }
  ],
  [
    ShareGroupTargetAssignmentMetadataRecordType,
    {
      name: 'ShareGroupTargetAssignmentMetadata',
      key: shareGroupTargetAssignmentMetadataKeySchema,
      value: shareGroupTargetAssignmentMetadataValueSchema
    }
  ],
  [
    ShareGroupTargetAssignmentMemberRecordType,
    {
      name: 'ShareGroupTargetAssignmentMember',
      key: shareGroupTargetAssignmentMemberKeySchema,
      value: shareGroupTargetAssignmentMemberValueSchema
    }
  ],
  [
    ShareGroupCurrentMemberAssignmentRecordType,
    {
      name: 'ShareGroupCurrentMemberAssignment',
      key: shareGroupCurrentMemberAssignmentKeySchema,
      value: shareGroupCurrentMemberAssignmentValueSchema
    }
  ]
])

/** A coordinator record read back: its key's type and fields, its value's version and fields. */
export interface CoordinatorRecord {
  key: { type: number; data: Record<string, unknown> }
  /** null: a tombstone. */
  value: { version: number; data: Record<string, unknown> } | null
}

/**
 * Kafka's JSON of a field: int64 as a number, bytes as base64 (as Kafka's JSON converters); an
 * int64 a JavaScript number cannot hold exactly (a metadata hash) as its decimal digits.
 */
function jsonOf(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()
  if (Buffer.isBuffer(v)) return v.toString('base64')
  if (Array.isArray(v)) return v.map(jsonOf)
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonOf(x)]))
  return v
}

/** A topic id as Kafka's Uuid.toString prints it: its 16 bytes in URL-safe base64, unpadded. */
function kafkaUuid(rfc: string): string {
  return Buffer.from(rfc.replace(/-/g, ''), 'hex').toString('base64url')
}

/** Only the fields the version has, as Kafka's JSON converters write them. */
function inVersion(
  fields: readonly FieldSchema[],
  version: number,
  v: Record<string, unknown>
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    if (!inVersions(f.versions, version)) continue
    const x = v[f.name]
    // Kafka's JSON converters leave out a tagged field at its default, as the wire does.
    if (inVersions(f.taggedVersions, version) && isDefaultPredicate(f, version)(x)) continue
    out[f.name] =
      f.type === 'uuid' && typeof x === 'string'
        ? kafkaUuid(x)
        : f.fields && Array.isArray(x)
          ? x.map((e) => inVersion(f.fields ?? [], version, e as Record<string, unknown>))
          : f.fields && x !== null && typeof x === 'object'
            ? inVersion(f.fields, version, x as Record<string, unknown>)
            : x
  }
  return out
}

function read(bytes: Buffer, schema: MessageSchema, version: number): Record<string, unknown> {
  const r = new ByteReader(bytes, 2)
  const decoded = messageCodec(schema, version).decode(r)
  return jsonOf(inVersion(schema.fields, version, decoded)) as Record<string, unknown>
}

/**
 * Decodes a record of a coordinator's topic (`types`: its records, GROUP_RECORD_TYPES for
 * __consumer_offsets); throws an Error saying what is wrong (a record type the topic does not
 * hold, a version out of range, truncated bytes).
 */
export function decodeCoordinatorRecord(
  types: CoordinatorRecordTypes,
  key: Buffer,
  value: Buffer | null
): CoordinatorRecord {
  if (key.length < 2) throw new Error(`key of ${key.length} bytes: too short for a record type`)
  const type = key.readInt16BE(0)
  const known = types.get(type)
  if (!known) {
    const names = [...new Set([...types.values()].map((t) => t.name))].join(', ')
    throw new Error(`record type ${type} is not one of this topic's records (${names})`)
  }
  const decodedKey = { type, data: read(key, known.key, 0) }
  if (value === null) return { key: decodedKey, value: null }
  if (value.length < 2) throw new Error(`value of ${value.length} bytes: too short for a version`)
  const version = value.readInt16BE(0)
  const schema = known.value
  const [min, max] = schema.validVersions.split('-').map(Number)
  if (version < min || version > (max ?? min))
    throw new Error(`${schema.name} version ${version} is outside ${schema.validVersions}`)
  return { key: decodedKey, value: { version, data: read(value, schema, version) } }
}
