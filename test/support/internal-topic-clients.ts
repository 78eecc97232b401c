// What the tests of Kafka's internal topics (__consumer_offsets, __transaction_state) share: a
// kafka-python reader of a whole topic that decodes each record in Python (independently of
// Logdeck's codecs), a confluent-kafka-python producer's answer to a record sent to a topic, and
// the serve's HTTP API.
import { expect } from 'vitest'
import { python, type RunResult } from './external-clients'
import type { ServeProcess } from './serve-process'

/**
 * A kafka-python script that reads every partition of `topic` to its end and prints, as JSON, a
 * list of {partition, offset, ...record(m)} for each message. `decoders` defines `record(m)` in
 * Python, with the field reader R (i8, i16, i32, i64, str, bytes; for flexible versions uv, the
 * unsigned varint, cstr, the compact string, and uuid, as Kafka's Uuid.toString prints it) at hand.
 */
export function readTopicScript(topic: string, decoders: string): string {
  return String.raw`
import sys, json, struct, base64
from kafka import KafkaConsumer, TopicPartition

class R:
    def __init__(s, b): s.b, s.i = b, 0
    def take(s, fmt, n):
        v = struct.unpack_from(fmt, s.b, s.i)[0]; s.i += n; return v
    def i8(s): return s.take('>b', 1)
    def i16(s): return s.take('>h', 2)
    def i32(s): return s.take('>i', 4)
    def i64(s): return s.take('>q', 8)
    def str(s):
        n = s.i16()
        if n < 0: return None
        v = s.b[s.i:s.i + n].decode('utf-8'); s.i += n; return v
    def bytes(s):
        n = s.i32()
        v = s.b[s.i:s.i + n]; s.i += n; return base64.b64encode(v).decode()
    def uv(s):
        v, shift = 0, 0
        while True:
            b = s.b[s.i]; s.i += 1
            v |= (b & 0x7f) << shift
            if b < 0x80: return v
            shift += 7
    def cstr(s):
        n = s.uv() - 1
        if n < 0: return None
        v = s.b[s.i:s.i + n].decode('utf-8'); s.i += n; return v
    def uuid(s):
        v = s.b[s.i:s.i + 16]; s.i += 16
        return base64.urlsafe_b64encode(v).decode().rstrip('=')
    # OffsetCommitValue: version 4 (Kafka 4.2's) is flexible, with the tagged TopicId (tag 0).
    def offset_commit(s, v):
        d = {'offset': s.i64()}
        if v >= 3: d['leaderEpoch'] = s.i32()
        d['metadata'] = s.cstr() if v >= 4 else s.str()
        d['commitTimestamp'] = s.i64()
        if v == 1: d['expireTimestamp'] = s.i64()
        if v >= 4:
            for _ in range(s.uv()):
                t = s.uv(); n = s.uv()
                if t != 0 or n != 16: raise SystemExit('OffsetCommitValue tag %d of %d bytes' % (t, n))
                d['topicId'] = s.uuid()
        return d
    def done(s):
        if s.i != len(s.b): raise SystemExit('%d bytes left over' % (len(s.b) - s.i))
${decoders}
c = KafkaConsumer(bootstrap_servers=sys.argv[1].split(','), enable_auto_commit=False)
parts = [TopicPartition('${topic}', p) for p in sorted(c.partitions_for_topic('${topic}'))]
c.assign(parts)
c.seek_to_beginning(*parts)
end = c.end_offsets(parts)
out = []
while any(c.position(p) < end[p] for p in parts):
    for tp, msgs in c.poll(timeout_ms=1000).items():
        for m in msgs:
            out.append(dict(partition=m.partition, offset=m.offset, **record(m)))
c.close()
print(json.dumps(out))
`
}

/** Runs a readTopicScript against the server and returns what it printed. */
export async function readTopic<T>(bootstrap: string, script: string): Promise<T[]> {
  const r = await python(script, [bootstrap])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as T[]
}

/**
 * What a confluent-kafka-python producer hears when it sends one record to `topic`: the error's
 * name, or 'delivered'.
 */
export function produceOne(bootstrap: string, topic: string): Promise<RunResult> {
  return python(
    String.raw`
import sys
from confluent_kafka import Producer
errors = []
p = Producer({'bootstrap.servers': sys.argv[1], 'message.send.max.retries': 0})
p.produce('${topic}', key=b'k', value=b'v', partition=0, on_delivery=lambda err, msg: errors.append(err))
p.flush(10)
print(errors[0].name() if errors and errors[0] else 'delivered')
`,
    [bootstrap]
  )
}

/** Calls a method of the serve's HTTP API, expecting it to succeed. */
export async function apiPost<T>(
  server: ServeProcess,
  token: string,
  method: string,
  body: unknown
): Promise<T> {
  const res = await fetch(`${server.apiBase}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body)
  })
  const json = (await res.json()) as T
  expect(res.status, JSON.stringify(json)).toBe(200)
  return json
}
