# Produce->consume latency of single records with confluent-kafka-python, in one process so that
# both timestamps come from the same clock. The producer sends one record at a time (linger 0,
# acks=1) and the consumer, assigned to the partition at its end, waits in a long poll; a
# sample is the time from just before produce() to poll() returning that record. A second phase
# measures the producer's acknowledgement time alone (produce() then flush()).
#
#   /usr/bin/python3 bench/clients/latency.py BOOTSTRAP TOPIC SAMPLES WARMUP
# Prints one JSON object.
import json
import sys
import time

from confluent_kafka import OFFSET_END, Consumer, Producer, TopicPartition

bootstrap, topic = sys.argv[1], sys.argv[2]
samples, warmup = int(sys.argv[3]), int(sys.argv[4])

PRODUCER = {
    'bootstrap.servers': bootstrap,
    'acks': 1,
    'linger.ms': 0,
    'enable.idempotence': False,
    'socket.nagle.disable': True,
}
CONSUMER = {
    'bootstrap.servers': bootstrap,
    'group.id': 'latency-bench',
    'enable.auto.commit': False,
    'fetch.wait.max.ms': 500,
    'fetch.min.bytes': 1,
    'socket.nagle.disable': True,
}

producer = Producer(PRODUCER)
consumer = Consumer(CONSUMER)
consumer.assign([TopicPartition(topic, 0, OFFSET_END)])

# Wait until the consumer's position is resolved and a fetch is in flight: a first record must
# arrive before measuring.
producer.produce(topic, value=b'start', partition=0)
producer.flush(10)
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    producer.produce(topic, value=b'probe', partition=0)
    producer.flush(10)
    m = consumer.poll(0.5)
    if m is not None and m.error() is None:
        break
else:
    raise SystemExit('the consumer received nothing')
while consumer.poll(0.2) is not None:
    pass

end_to_end = []
lost = 0
for i in range(warmup + samples):
    sent = time.perf_counter_ns()
    producer.produce(topic, value=b'%d' % sent, partition=0)
    producer.poll(0)
    got = None
    while got is None:
        m = consumer.poll(5)
        if m is None:
            break
        if m.error() is None and m.value() == b'%d' % sent:
            got = time.perf_counter_ns()
    if got is None:
        lost += 1
        continue
    if i >= warmup:
        end_to_end.append((got - sent) / 1e6)
producer.flush(10)

acks = []
for i in range(warmup + samples):
    sent = time.perf_counter_ns()
    producer.produce(topic, value=b'ack', partition=0)
    producer.flush(10)
    if i >= warmup:
        acks.append((time.perf_counter_ns() - sent) / 1e6)

consumer.close()
print(json.dumps({
    'endToEndMs': end_to_end,
    'ackMs': acks,
    'lost': lost,
    'producer': {k: v for k, v in PRODUCER.items() if k != 'bootstrap.servers'},
    'consumer': {k: v for k, v in CONSUMER.items() if k != 'bootstrap.servers'},
}))
