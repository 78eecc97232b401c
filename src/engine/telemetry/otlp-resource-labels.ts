// The broker-added resource labels of KIP-714 ("Broker-added resource labels"): who pushed a
// metrics payload (client instance id, client id, software, source address and port, principal,
// the receiving broker), written into each ResourceMetrics' resource of the OTLP MetricsData.
// The payload is rewritten at the wire level with protobufjs's Reader and Writer, so that every
// field of it, also those the broker does not read (exemplars, buckets, schema URLs ...), reaches
// the collector as the client sent it. A client's own resource attribute whose key is one of
// these labels is replaced: the broker's value wins, as the KIP says.
import { createRequire } from 'node:module'
import type * as Protobuf from 'protobufjs'

const LENGTH_DELIMITED = 2
/** MetricsData.resource_metrics, ResourceMetrics.resource, Resource.attributes, KeyValue.key. */
const FIELD_ONE = 1

let protobufModule: typeof Protobuf | undefined
const protobuf = (): typeof Protobuf =>
  (protobufModule ??= createRequire(import.meta.url)('protobufjs') as typeof Protobuf)

const tagOf = (field: number, wireType: number): number => (field << 3) | wireType

/** Calls `each` with every field of a message: number, wire type and its bytes (tag included). */
function forEachField(
  message: Uint8Array,
  each: (field: number, wireType: number, whole: Uint8Array, body: Uint8Array | null) => void
): void {
  const reader = protobuf().Reader.create(message)
  while (reader.pos < reader.len) {
    const start = reader.pos
    const tag = reader.uint32()
    const wireType = tag & 7
    let body: Uint8Array | null = null
    if (wireType === LENGTH_DELIMITED) body = reader.bytes()
    else reader.skipType(wireType)
    each(tag >>> 3, wireType, message.subarray(start, reader.pos), body)
  }
}

/** A length-delimited field holding `body`. */
function delimited(field: number, body: Uint8Array): Uint8Array {
  return protobuf().Writer.create().uint32(tagOf(field, LENGTH_DELIMITED)).bytes(body).finish()
}

/** The key of a KeyValue message, or null when it has none. */
function keyOf(keyValue: Uint8Array): string | null {
  let key: string | null = null
  forEachField(keyValue, (field, wireType, _whole, body) => {
    if (field === FIELD_ONE && wireType === LENGTH_DELIMITED && body)
      key = Buffer.from(body).toString('utf8')
  })
  return key
}

/** A Resource holding only the labels, as KeyValues of string values. */
function labelsResource(labels: Record<string, string>): Uint8Array {
  const w = protobuf().Writer.create()
  for (const [key, value] of Object.entries(labels)) {
    w.uint32(tagOf(1, LENGTH_DELIMITED)).fork() // Resource.attributes: KeyValue
    w.uint32(tagOf(1, LENGTH_DELIMITED)).string(key) // KeyValue.key
    w.uint32(tagOf(2, LENGTH_DELIMITED)).fork() // KeyValue.value: AnyValue
    w.uint32(tagOf(1, LENGTH_DELIMITED)).string(value) // AnyValue.string_value
    w.ldelim().ldelim()
  }
  return w.finish()
}

/** A Resource without the attributes whose keys are labels. */
function withoutLabels(resource: Uint8Array, labels: Record<string, string>): Uint8Array {
  const kept: Uint8Array[] = []
  forEachField(resource, (field, wireType, whole, body) => {
    const key = field === FIELD_ONE && wireType === LENGTH_DELIMITED && body ? keyOf(body) : null
    if (key === null || !Object.hasOwn(labels, key)) kept.push(whole)
  })
  return Buffer.concat(kept)
}

/**
 * A ResourceMetrics with the labels in its resource: its resources lose the clashing attributes,
 * and one more resource field holds the labels (protobuf merges repeated message fields, so a
 * reader sees one resource with both).
 */
function labelledResourceMetrics(rm: Uint8Array, labels: Record<string, string>): Uint8Array {
  const parts: Uint8Array[] = []
  forEachField(rm, (field, wireType, whole, body) => {
    if (field === FIELD_ONE && wireType === LENGTH_DELIMITED && body)
      parts.push(delimited(FIELD_ONE, withoutLabels(body, labels)))
    else parts.push(whole)
  })
  parts.push(delimited(FIELD_ONE, labelsResource(labels)))
  return Buffer.concat(parts)
}

/** The MetricsData payload with the labels added to every ResourceMetrics' resource. */
export function withResourceLabels(payload: Uint8Array, labels: Record<string, string>): Buffer {
  const parts: Uint8Array[] = []
  forEachField(payload, (field, wireType, whole, body) => {
    if (field === FIELD_ONE && wireType === LENGTH_DELIMITED && body)
      parts.push(delimited(FIELD_ONE, labelledResourceMetrics(body, labels)))
    else parts.push(whole)
  })
  return Buffer.concat(parts)
}
