#!/usr/bin/env bash
# Runs confluent-kafka-python's own integration tests (tests/integration of a confluent-kafka-python
# checkout, at the tag of the installed binding, e.g. v1.7.0 for Debian's python3-confluent-kafka)
# against `logdeck serve`, its schema registry tests included. Not part of CI: a developer runs it
# by hand after `npm run build`.
#
#   scripts/confluent-python-suite.sh CKP_DIR OUT_DIR [pytest arguments...]
#
# The cluster is set up as the suite's pytest fixture sets up Kafka (tests/integration/conftest.py:
# a trivup cluster of 3 brokers with topic auto-creation, num.partitions=4, replication factor 3,
# transaction.state.log.replication.factor=1 and transaction.state.log.min.isr=1, and Kafka's
# own defaults otherwise: group.initial.rebalance.delay.ms 3000 and group.min.session.timeout.ms
# 6000, where Logdeck's are 300 and 1000) with its schema registry; the tests reach them as an
# existing cluster (BROKERS and SR_URL, its ByoFixture). Its older tests,
# tests/integration/integration_test.py, run after pytest with a testconf.json written to OUT_DIR,
# in all its modes: its avro-https mode talks to a second registry over HTTPS (certificates from
# `logdeck certs`, client certificates required), its Avro basic-auth mode to a third that asks for
# ckp_tester:test_secret, as its docker-compose sets them up, and its throttle mode finds the quota
# its cluster_up.sh sets on the client id throttled_client (producer_byte_rate=1,
# consumer_byte_rate=1, request_percentage=1), set here through the API. REQUESTS_CA_BUNDLE and
# CURL_CA_BUNDLE are unset for the tests, as requests prefers them to the client's CA.
#
# The tests run with /usr/bin/python3 and the installed binding (confluent_kafka is the
# compiled one, not the checkout's src/), with the checkout's root on PYTHONPATH for `tests.*`.
# They need pytest, avro (the old AvroProducer), jsonschema, protobuf and requests (Debian:
# python3-pytest python3-avro python3-jsonschema python3-protobuf python3-requests) and fastavro
# for the Avro serializer, which Debian does not package: FASTAVRO_WHEEL=path/to/fastavro-*.whl
# (for this Python) is unpacked into OUT_DIR when it cannot be imported; without it the Avro
# serializer tests fail on the import. The fixture module imports trivup, which only starts its
# own cluster: a stand-in module is put on PYTHONPATH. KAFKA_PORT (29092, the compose file's),
# SR_PORT (8081), SR_TLS_PORT (8082) and SR_AUTH_PORT (8083) choose the ports. OUT_DIR gets
# serve.log, serve-tls.log, serve-auth.log, certs/, pytest.log (pytest -v -rA),
# integration_test.log and testconf.json.
set -euo pipefail
CKP=$(realpath "$1")
OUT=$(realpath -m "$2")
shift 2
HERE=$(dirname "$(realpath "$0")")
PY=/usr/bin/python3
KAFKA_PORT=${KAFKA_PORT:-29092}
SR_PORT=${SR_PORT:-8081}
SR_TLS_PORT=${SR_TLS_PORT:-8082}
SR_AUTH_PORT=${SR_AUTH_PORT:-8083}
TOKEN=confluent-python-suite
mkdir -p "$OUT"

# Python modules: a trivup stand-in (the ByoFixture never calls it) and fastavro when missing.
DEPS=$OUT/pydeps
rm -rf "$DEPS"
mkdir -p "$DEPS/trivup/clusters"
touch "$DEPS/trivup/__init__.py" "$DEPS/trivup/clusters/__init__.py"
printf 'class KafkaCluster:\n    pass\n' > "$DEPS/trivup/clusters/KafkaCluster.py"
if ! $PY -c 'import fastavro' 2> /dev/null && [ -n "${FASTAVRO_WHEEL:-}" ]; then
  $PY -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$FASTAVRO_WHEEL" "$DEPS"
fi
export PYTHONPATH=$DEPS:$CKP
(cd "$OUT" && $PY -c 'import confluent_kafka as c; print("confluent_kafka", c.version()[0],
  "librdkafka", c.libversion()[0], "from", c.__file__)')

PIDS=()
trap 'kill "${PIDS[@]}" 2> /dev/null || true' EXIT
node "$HERE/../bin/logdeck.cjs" serve --in-memory --brokers 3 --port "$KAFKA_PORT" \
  --ui-port 0 --token "$TOKEN" --schema-registry-port "$SR_PORT" \
  --broker-config num.partitions=4 --broker-config default.replication.factor=3 \
  --broker-config transaction.state.log.replication.factor=1 \
  --broker-config transaction.state.log.min.isr=1 \
  --broker-config group.initial.rebalance.delay.ms=3000 \
  --broker-config group.min.session.timeout.ms=6000 \
  > "$OUT/serve.log" 2>&1 &
PIDS+=($!)
# The registries over HTTPS and with basic auth (their brokers go unused).
CERTS=$OUT/certs
rm -rf "$CERTS"
node "$HERE/../bin/logdeck.cjs" certs --out "$CERTS" > /dev/null
node "$HERE/../bin/logdeck.cjs" serve --in-memory --brokers 1 --port 0 --no-ui \
  --schema-registry-port "$SR_TLS_PORT" --schema-registry-tls-cert "$CERTS/server.pem" \
  --schema-registry-tls-key "$CERTS/server-key.pem" --schema-registry-tls-ca "$CERTS/ca.pem" \
  > "$OUT/serve-tls.log" 2>&1 &
PIDS+=($!)
node "$HERE/../bin/logdeck.cjs" serve --in-memory --brokers 1 --port 0 --no-ui \
  --schema-registry-port "$SR_AUTH_PORT" --schema-registry-auth ckp_tester:test_secret \
  > "$OUT/serve-auth.log" 2>&1 &
PIDS+=($!)
for log in serve serve-tls serve-auth; do
  until grep -qs '^ready' "$OUT/$log.log"; do
    kill -0 "${PIDS[@]}" 2> /dev/null || { cat "$OUT/$log.log"; exit 1; }
    sleep 0.5
  done
done
BOOTSTRAP=$(sed -n 's/^Bootstrap servers: //p' "$OUT/serve.log")
API=$(sed -n 's/^API: POST \(http:[^ ]*\)api.*/\1/p' "$OUT/serve.log")
curl -sf -X POST -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"entity":{"client-id":"throttled_client"},"values":{"producer_byte_rate":1,"consumer_byte_rate":1,"request_percentage":1}}' \
  "${API}api/quotas.alter" > /dev/null

cat > "$OUT/testconf.json" << EOF
{
  "topic": "test-topic",
  "bootstrap.servers": "$BOOTSTRAP",
  "schema.registry.url": "http://127.0.0.1:$SR_PORT",
  "avro-https": {
    "schema.registry.url": "https://127.0.0.1:$SR_TLS_PORT",
    "schema.registry.ssl.ca.location": "$CERTS/ca.pem",
    "schema.registry.ssl.certificate.location": "$CERTS/client.pem",
    "schema.registry.ssl.key.location": "$CERTS/client-key.pem"
  },
  "avro-basic-auth": {
    "schema.registry.url": "http://127.0.0.1:$SR_AUTH_PORT",
    "schema.registry.basic.auth.user.info": "ckp_tester:test_secret",
    "sasl.username": "ckp_tester",
    "sasl.password": "test_secret"
  }
}
EOF

cd "$CKP"
unset REQUESTS_CA_BUNDLE CURL_CA_BUNDLE
set +e
BROKERS=$BOOTSTRAP SR_URL=http://127.0.0.1:$SR_PORT timeout 1800 $PY -m pytest -p no:cacheprovider \
  -v -rA tests/integration --ignore=tests/integration/integration_test.py "$@" \
  > "$OUT/pytest.log" 2>&1
echo "pytest exit code $?"
tail -1 "$OUT/pytest.log"
grep -E '^(FAILED|ERROR) ' "$OUT/pytest.log"
timeout 1800 $PY tests/integration/integration_test.py --producer --consumer --performance \
  --throttle --avro --avro-https --avro-basic-auth --admin "$OUT/testconf.json" \
  > "$OUT/integration_test.log" 2>&1
echo "integration_test.py exit code $?"
grep -E '^=+ .* =+$' "$OUT/integration_test.log" | tail -3
