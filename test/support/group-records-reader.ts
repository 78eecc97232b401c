// A kafka-python reader of __consumer_offsets that decodes the records of consumer-protocol
// groups (KIP-848) and share groups (KIP-932) with its own reading of Kafka's schemas (below, in
// Python), independently of Logdeck's codecs, beside the offset commits.
import { readTopicScript } from './internal-topic-clients'

export interface DecodedRecord {
  partition: number
  offset: number
  key: { type: number; data: Record<string, unknown> }
  value: { version: number; data: Record<string, unknown> } | null
}

/**
 * The group coordinator's records as Kafka's JSON schemas lay them out: keys in int16-length
 * strings, values (flexible) in compact strings and arrays with tagged fields, topic ids printed
 * as Kafka's Uuid.toString prints them. GroupMetadata records are refused.
 */
export const READ_GROUP_RECORDS = readTopicScript(
  '__consumer_offsets',
  String.raw`
def uv(r):
    v, shift = 0, 0
    while True:
        b = r.b[r.i]; r.i += 1
        v |= (b & 0x7f) << shift
        if b < 0x80: return v
        shift += 7
def cstr(r):
    n = uv(r) - 1
    if n < 0: return None
    v = r.b[r.i:r.i + n].decode('utf-8'); r.i += n; return v
def cbytes(r):
    n = uv(r) - 1
    v = r.b[r.i:r.i + n]; r.i += n; return base64.b64encode(v).decode()
def carr(r, f):
    n = uv(r) - 1
    return None if n < 0 else [f(r) for _ in range(n)]
def uuid(r):
    v = r.b[r.i:r.i + 16]; r.i += 16
    return base64.urlsafe_b64encode(v).decode().rstrip('=')
def tags(r, known):
    out = {}
    for _ in range(uv(r)):
        t = uv(r); n = uv(r); end = r.i + n
        name, f = known[t]
        out[name] = f(r)
        if r.i != end: raise SystemExit('tag %d: %d bytes, read %d' % (t, n, r.i - end + n))
    return out
def struct_(r, fields, tagged={}):
    d = {name: f(r) for name, f in fields}
    d.update(tags(r, tagged))
    return d
i32 = lambda r: r.i32()
i64 = lambda r: r.i64()
# A metadata hash (KIP-1101) as Logdeck's JSON shows an int64: its digits past 2^53.
hash64 = lambda r: (lambda v: v if abs(v) < 2 ** 53 else str(v))(r.i64())
tps = lambda r: struct_(r, [('topicId', uuid), ('partitions', lambda r: carr(r, i32))])
classic = lambda r: (None if r.i8() < 0 else struct_(r, [('sessionTimeoutMs', i32),
    ('supportedProtocols', lambda r: carr(r, lambda r: struct_(r, [('name', cstr), ('metadata', cbytes)])))]))
VALUES = {
  3: ([('epoch', i32)], {0: ('metadataHash', hash64)}),
  4: ([('topics', lambda r: carr(r, lambda r: struct_(r, [('topicId', uuid), ('topicName', cstr),
        ('numPartitions', i32), ('partitionMetadata', lambda r: carr(r, lambda r: struct_(r,
        [('partition', i32), ('racks', lambda r: carr(r, cstr))])))])))], {}),
  5: ([('instanceId', cstr), ('rackId', cstr), ('clientId', cstr), ('clientHost', cstr),
       ('subscribedTopicNames', lambda r: carr(r, cstr)), ('subscribedTopicRegex', cstr),
       ('rebalanceTimeoutMs', i32), ('serverAssignor', cstr)], {0: ('classicMemberMetadata', classic)}),
  6: ([('assignmentEpoch', i32)], {}),
  7: ([('topicPartitions', lambda r: carr(r, tps))], {}),
  8: ([('memberEpoch', i32), ('previousMemberEpoch', i32), ('state', lambda r: r.i8()),
       ('assignedPartitions', lambda r: carr(r, tps)),
       ('partitionsPendingRevocation', lambda r: carr(r, tps))], {}),
  16: ([('topics', lambda r: carr(r, cstr)), ('version', i64), ('timestamp', i64)], {}),
  10: ([('rackId', cstr), ('clientId', cstr), ('clientHost', cstr),
        ('subscribedTopicNames', lambda r: carr(r, cstr))], {}),
  11: ([('epoch', i32), ('metadataHash', hash64)], {}),
  12: ([('assignmentEpoch', i32)], {}),
  13: ([('topicPartitions', lambda r: carr(r, tps))], {}),
  14: ([('memberEpoch', i32), ('previousMemberEpoch', i32), ('state', lambda r: r.i8()),
        ('assignedPartitions', lambda r: carr(r, tps))], {}),
}

def key(b):
    r = R(b); t = r.i16(); d = {'groupId': r.str()}
    if t in (0, 1): d = {'group': d['groupId'], 'topic': r.str(), 'partition': r.i32()}
    elif t == 2: d = {'group': d['groupId']}
    elif t in (5, 7, 8, 10, 13, 14): d['memberId'] = r.str()
    elif t == 16: d['regularExpression'] = r.str()
    elif t not in (3, 4, 6, 11, 12): raise SystemExit('record type %d' % t)
    r.done()
    return {'type': t, 'data': d}

def value(t, b):
    if b is None: return None
    r = R(b); v = r.i16()
    if t in (0, 1):
        d = r.offset_commit(v)
    elif t == 2:
        raise SystemExit('GroupMetadata: read by consumer-offsets-topic.test.ts')
    else:
        fields, tagged = VALUES[t]
        d = struct_(r, fields, tagged)
    r.done()
    return {'version': v, 'data': d}

def record(m):
    k = key(m.key)
    return {'key': k, 'value': value(k['type'], m.value)}
`
)
