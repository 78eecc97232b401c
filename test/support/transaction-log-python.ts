// A Python reading of Kafka's TransactionLogKey / TransactionLogValue schemas (value version 0,
// and the flexible version 1 with KIP-890's tagged PreviousProducerId, NextProducerId and
// ClientTransactionVersion), for readTopicScript: independent of Logdeck's codecs. Tagged fields
// appear only when written, as Kafka's JSON converters print them.
export const TRANSACTION_LOG_PYTHON = String.raw`
def uv(r):
    v, shift = 0, 0
    while True:
        b = r.b[r.i]; r.i += 1
        v |= (b & 0x7f) << shift
        if b < 0x80: return v
        shift += 7

def key(b):
    r = R(b); t = r.i16()
    if t != 0: raise SystemExit('key version %d' % t)
    return {'type': t, 'data': {'transactionalId': r.str()}}

TAGS = {0: ('previousProducerId', lambda r: r.i64()), 1: ('nextProducerId', lambda r: r.i64()),
        2: ('clientTransactionVersion', lambda r: r.i16())}

def tags(r):
    out = {}
    for _ in range(uv(r)):
        t = uv(r); n = uv(r); end = r.i + n
        name, f = TAGS[t]
        out[name] = f(r)
        if r.i != end: raise SystemExit('tag %d: %d bytes' % (t, n))
    return out

def value(b):
    if b is None: return None
    r = R(b); v = r.i16()
    if v not in (0, 1): raise SystemExit('value version %d' % v)
    flexible = v == 1
    def string():
        if not flexible: return r.str()
        n = uv(r) - 1
        s = r.b[r.i:r.i + n].decode('utf-8'); r.i += n; return s
    def count():
        return uv(r) - 1 if flexible else r.i32()
    d = {'producerId': r.i64(), 'producerEpoch': r.i16(), 'transactionTimeoutMs': r.i32(),
         'transactionStatus': r.i8()}
    n = count()
    parts = None if n < 0 else []
    for _ in range(max(n, 0)):
        p = {'topic': string(), 'partitionIds': [r.i32() for _ in range(count())]}
        if flexible and uv(r) != 0: raise SystemExit('unexpected tagged field in a partition')
        parts.append(p)
    d['transactionPartitions'] = parts
    d['transactionLastUpdateTimestampMs'] = r.i64()
    d['transactionStartTimestampMs'] = r.i64()
    if flexible: d.update(tags(r))
    r.done()
    return {'version': v, 'data': d}

def record(m):
    return {'key': key(m.key), 'value': value(m.value)}
`
