# Time for a producer to produce again after the broker leading its partition is stopped.
# A confluent-kafka-python producer (acks=all, idempotent) sends one record to the partition
# every INTERVAL_MS; WARM_S seconds after the first acknowledgement this process stops the
# leader's broker through the HTTP API (POST /api/brokers.stop), keeps producing for AFTER_S
# seconds, and reports the ack times around the stop. All times come from this process's
# monotonic clock.
#
#   /usr/bin/python3 bench/clients/failover.py BOOTSTRAP TOPIC API_BASE TOKEN BROKER_ID \
#       [INTERVAL_MS] [WARM_S] [AFTER_S]
# Prints one JSON object.
import json
import sys
import threading
import time
import urllib.request

bootstrap, topic, api_base, token, broker_id = sys.argv[1:6]
interval_ms = float(sys.argv[6]) if len(sys.argv) > 6 else 1.0
warm_s = float(sys.argv[7]) if len(sys.argv) > 7 else 2.0
after_s = float(sys.argv[8]) if len(sys.argv) > 8 else 5.0

from confluent_kafka import Producer  # noqa: E402

PRODUCER = {
    'bootstrap.servers': bootstrap,
    'acks': 'all',
    'enable.idempotence': True,
    'linger.ms': 0,
    'socket.nagle.disable': True,
}
producer = Producer(PRODUCER)
acks = []  # (ack time, send time, error or None)
sent_at = {}


def delivered(err, msg):
    now = time.monotonic()
    sent = float(msg.value().decode())
    acks.append((now, sent, None if err is None else str(err)))


stop_producing = threading.Event()


def produce_loop():
    next_at = time.monotonic()
    while not stop_producing.is_set():
        now = time.monotonic()
        if now >= next_at:
            producer.produce(topic, value=b'%.9f' % now, partition=0, on_delivery=delivered)
            next_at += interval_ms / 1000
        producer.poll(min(max(0, next_at - time.monotonic()), 0.001))


thread = threading.Thread(target=produce_loop)
thread.start()
# librdkafka looks the new topic's leader up up to a second after the first produce(): count
# the warm-up from the first acknowledgement.
deadline = time.monotonic() + 30
while not acks and time.monotonic() < deadline:
    time.sleep(0.01)
time.sleep(warm_s)

request = urllib.request.Request(
    api_base + 'api/brokers.stop',
    data=json.dumps({'brokerId': int(broker_id)}).encode(),
    headers={'content-type': 'application/json', 'authorization': 'Bearer ' + token},
    method='POST',
)
stop_sent = time.monotonic()
with urllib.request.urlopen(request) as res:
    res.read()
stop_done = time.monotonic()

time.sleep(after_s)
stop_producing.set()
thread.join()
remaining = producer.flush(30)

ok = sorted(a for a in acks if a[2] is None)
before = [a for a in ok if a[0] < stop_sent]
after = [a for a in ok if a[0] >= stop_done]
errors = [a[2] for a in acks if a[2] is not None]
first_after = after[0] if after else None
print(json.dumps({
    'producer': {k: v for k, v in PRODUCER.items() if k != 'bootstrap.servers'},
    'intervalMs': interval_ms,
    'stopRequestMs': (stop_done - stop_sent) * 1000,
    'lastAckBeforeStop': (stop_sent - before[-1][0]) * 1000 if before else None,
    'gapMs': (first_after[0] - before[-1][0]) * 1000 if first_after and before else None,
    'stopToFirstAckMs': (first_after[0] - stop_sent) * 1000 if first_after else None,
    'firstAckAfterSentMsAfterStop': (first_after[1] - stop_sent) * 1000 if first_after else None,
    'acked': len(ok),
    'ackedBefore': len(before),
    'ackedAfter': len(after),
    'errors': len(errors),
    'errorSamples': errors[:5],
    'unflushed': remaining,
}))
