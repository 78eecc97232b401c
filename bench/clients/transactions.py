# Produce throughput of confluent-kafka-python with and without transactions: RECORDS records of
# 100 bytes, either with an idempotent producer (acks=all) flushed at the end, or with a
# transactional one committing every TXN_SIZE records. The clock runs from the first produce()
# to the last acknowledgement (flush or commit), so init_transactions and connecting are left out.
#
#   /usr/bin/python3 bench/clients/transactions.py BOOTSTRAP TOPIC RECORDS TXN_SIZE
# TXN_SIZE 0 means no transactions. Prints one JSON object.
import json
import sys
import time

from confluent_kafka import Producer

bootstrap, topic = sys.argv[1], sys.argv[2]
records, txn_size = int(sys.argv[3]), int(sys.argv[4])

conf = {
    'bootstrap.servers': bootstrap,
    'enable.idempotence': True,
    'acks': 'all',
    'linger.ms': 5,
    'batch.num.messages': 10000,
    'queue.buffering.max.messages': 1000000,
}
if txn_size > 0:
    conf['transactional.id'] = f'bench-{topic}'
p = Producer(conf)
if txn_size > 0:
    p.init_transactions(30)

filler = b'abcdefghijklmnopqrstuvwxyz0123456789' * 3
values = [(b'record-%09d-' % i + filler)[:100] for i in range(records)]
failed = []


def on_delivery(err, _msg):
    if err is not None:
        failed.append(err.name())


commits = 0
started = time.perf_counter()
if txn_size > 0:
    for start in range(0, records, txn_size):
        p.begin_transaction()
        for v in values[start:start + txn_size]:
            p.produce(topic, v, on_delivery=on_delivery)
        p.commit_transaction(60)
        commits += 1
else:
    for i, v in enumerate(values):
        p.produce(topic, v, on_delivery=on_delivery)
        if i % 10000 == 9999:
            p.poll(0)
    p.flush(60)
elapsed = time.perf_counter() - started
print(json.dumps({
    'records': records,
    'txnSize': txn_size,
    'transactions': commits,
    'seconds': elapsed,
    'recordsPerSec': records / elapsed,
    'failed': len(failed),
    'failures': sorted(set(failed))[:5],
}))
