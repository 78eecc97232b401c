// confluent-kafka-python over SSL: 40 keyed records produced in batches, then consumed in a
// group from the beginning; prints how many were read and how many distinct ones.
import { python, type RunResult } from './external-clients'

const SCRIPT = `
import json, sys
from confluent_kafka import Consumer, Producer
bootstrap, topic, extra = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
conf = dict({'bootstrap.servers': bootstrap, 'security.protocol': 'SSL'}, **extra)
p = Producer(dict(conf, **{'linger.ms': 20}))
for i in range(40):
    p.produce(topic, key=b'k%d' % (i % 4), value=b'order-%d' % i)
left = p.flush(30)
assert left == 0, left
c = Consumer(dict(conf, **{'group.id': topic + '-readers', 'auto.offset.reset': 'earliest'}))
c.subscribe([topic])
seen = []
while len(seen) < 40:
    m = c.poll(10)
    assert m is not None, 'no record within 10 s'
    assert m.error() is None, m.error()
    seen.append(m.value().decode())
c.close()
print(len(seen), len(set(seen)))
`

/** The round trip with `conf` (ssl.ca.location and the rest) over the SSL listener. */
export function confluentSslRoundTrip(
  bootstrap: string,
  topic: string,
  conf: Record<string, string>
): Promise<RunResult> {
  return python(SCRIPT, [bootstrap, topic, JSON.stringify(conf)], 90_000)
}
