#!/usr/bin/env bash
# Runs kafkajs's own test suite (a checkout of kafkajs v2.2.4 with its dev dependencies installed)
# against `logdeck serve`, set up as the suite's docker-compose.2_4.yml sets up Kafka. Not part of
# CI: a developer runs it by hand after `npm run build`; it needs openssl, keytool (Java) and
# unshare (util-linux).
#
#   scripts/kafkajs-suite.sh KAFKAJS_DIR OUT_DIR [jest paths or options...]
#
# The default paths are src/producer, src/admin, src/consumer, src/broker and src/cluster (its
# other tests: --testPathPattern 'src/(?!(broker|admin|producer|consumer|cluster)/).*'). OUT_DIR
# gets serve.log, jest.log and results.json (jest --json). The cluster:
# - 3 brokers with num.partitions=2, default.replication.factor=2,
#   group.initial.rebalance.delay.ms=0 and an authorizer that allows everyone when no ACL names a
#   resource; the suite's JAAS users test, bob and alice, and testscram with its own password for
#   each of SCRAM-SHA-256 (8192 iterations) and SCRAM-SHA-512, as its createScramCredentials.sh.
# - PLAINTEXT on 9092/9095/9098, SSL on 9093/9096/9099 and SASL_SSL on 9094/9097/9100 of
#   localhost, as the suite expects them. Logdeck's broker i listens on PORT+i, so the brokers
#   bind 127.0.0.2 with PLAINTEXT on 9092-9094 (advertised as localhost:9092-9094, so the suite's
#   seed localhost:9092 is broker 0's own address, as on Kafka), SSL on 29192-29194 and SASL_SSL on
#   29292-29294, and forwarders on 127.0.0.1 (kafkajs-suite-forward.mjs) carry the suite's ports
#   there; 9093 and 9094 carry both broker 1 and 2's PLAINTEXT and the SSL and SASL_SSL bootstrap,
#   told apart by a connection's first byte.
# - TLS with a localhost certificate signed by the suite's own CA (testHelpers/certs).
# - The suite's scripts/addPartitions.sh (kafka-topics --alter in its Kafka container) is replaced
#   in KAFKAJS_DIR by the same CreatePartitions through kafkajs's admin.
# With OAUTHBEARER_ENABLED=1 the listeners offer OAUTHBEARER only (unsecured tokens), with
# connections.max.reauth.ms=15000 and no authorizer, as its docker-compose.2_4_oauthbearer.yml,
# and the default paths are its test:group:oauthbearer files. LOGDECK_SERVE_FLAGS adds flags to
# `logdeck serve` (e.g. "--replication-delay-ms 5").
set -euo pipefail
# The suite's ports are fixed: run in a network namespace of its own, so that another cluster on
# this machine's loopback neither collides with this one nor answers in its place.
if [ -z "${KAFKAJS_SUITE_NETNS:-}" ]; then
  exec env KAFKAJS_SUITE_NETNS=1 unshare -rn bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
fi
KJ=$(realpath "$1")
OUT=$(realpath -m "$2")
shift 2
HERE=$(dirname "$(realpath "$0")")
LOGDECK="$HERE/../bin/logdeck.cjs"
PATHS=("$@")
MECHANISMS=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
BROKER_FLAGS=(--authorizer --allow.everyone.if.no.acl.found)
if [ "${OAUTHBEARER_ENABLED:-}" = 1 ]; then
  MECHANISMS=OAUTHBEARER
  BROKER_FLAGS=(--connections.max.reauth.ms 15000)
  [ ${#PATHS[@]} -eq 0 ] && PATHS=(src/producer/index.spec.js src/broker/__tests__/connect.spec.js
    src/consumer/__tests__/connection.spec.js src/broker/__tests__/disconnect.spec.js
    src/admin/__tests__/connection.spec.js src/broker/__tests__/reauthenticate.spec.js)
fi
[ ${#PATHS[@]} -eq 0 ] && PATHS=(src/producer src/admin src/consumer src/broker src/cluster)
mkdir -p "$OUT"
cd "$OUT"

# The CA's certificate is in the suite's broker keystore, its key in ca-key (password testtest).
if [ ! -f broker.pem ]; then
  keytool -importkeystore -srckeystore "$KJ/testHelpers/certs/kafka.server.keystore.jks" \
    -srcstorepass testtest -destkeystore ks.p12 -deststoretype PKCS12 -deststorepass testtest \
    -noprompt 2>/dev/null
  openssl pkcs12 -in ks.p12 -passin pass:testtest -nokeys 2>/dev/null |
    openssl crl2pkcs7 -nocrl -certfile /dev/stdin | openssl pkcs7 -print_certs |
    awk '/subject=.*O = KafkaJS$/{ca=1} /subject=.*CN = kafkajs/{ca=0} ca' |
    sed -n '/BEGIN/,/END/p' > ca.pem
  openssl req -new -newkey rsa:2048 -nodes -keyout broker-key.pem -subj /CN=localhost \
    -out broker.csr 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > san.ext
  openssl x509 -req -in broker.csr -CA ca.pem -CAkey "$KJ/testHelpers/certs/ca-key" \
    -passin pass:testtest -CAcreateserial -days 365 -sha256 -extfile san.ext -out broker.pem 2>/dev/null
  openssl verify -CAfile ca.pem broker.pem
fi

TOKEN=kafkajs-suite
UI_PORT=29080
B=127.0.0.2
# shellcheck disable=SC2086 # LOGDECK_SERVE_FLAGS is a list of words
node "$LOGDECK" serve --in-memory --brokers 3 --host $B --advertised-host localhost \
  --port 9092 --listener SSL=ssl:29192 --listener SASL_SSL=sasl_ssl:29292 \
  --tls-cert broker.pem --tls-key broker-key.pem --sasl.enabled.mechanisms $MECHANISMS \
  --user test:testtest --user bob:bobbob --user alice:alicealice \
  --broker-config num.partitions=2 --broker-config default.replication.factor=2 \
  --broker-config group.initial.rebalance.delay.ms=0 "${BROKER_FLAGS[@]}" ${LOGDECK_SERVE_FLAGS:-} \
  --ui-port $UI_PORT --token $TOKEN --no-schema-registry > serve.log 2>&1 &
SERVE=$!
node "$HERE/kafkajs-suite-forward.mjs" 9092=$B:9092 9093=$B:9093/$B:29192 9094=$B:9094/$B:29292 \
  9095=$B:9093 9098=$B:9094 9096=$B:29193 9099=$B:29194 9097=$B:29293 9100=$B:29294 \
  29192=$B:29192 29193=$B:29193 29194=$B:29194 29292=$B:29292 29293=$B:29293 29294=$B:29294 \
  > forward.log 2>&1 &
FORWARD=$!
trap 'kill $SERVE $FORWARD 2>/dev/null || true' EXIT
until [ "$(grep -c '^forward' forward.log)" = 15 ] && grep -q '^ready' serve.log; do
  kill -0 $FORWARD 2>/dev/null || { cat forward.log; exit 1; }
  kill -0 $SERVE 2>/dev/null || { cat serve.log; exit 1; }
  sleep 0.5
done
api() {
  curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    "http://$B:$UI_PORT/api/$1" -d "$2" > /dev/null
}
api users.set '{"name":"testscram","password":"testtestscram=256","mechanisms":["SCRAM-SHA-256"],"iterations":8192}'
api users.set '{"name":"testscram","password":"testtestscram=512","mechanisms":["SCRAM-SHA-512"]}'

cat > "$KJ/scripts/addPartitions.sh" <<'SH'
#!/bin/bash -e
node -e "
const { Kafka } = require('./index')
const admin = new Kafka({ brokers: ['localhost:9092'], logLevel: 0 }).admin()
admin.connect()
  .then(() => admin.createPartitions({
    topicPartitions: [{ topic: process.env.TOPIC, count: Number(process.env.PARTITIONS) }]
  }))
  .then(() => admin.disconnect(), (e) => { console.error(e); process.exit(1) })
"
SH

cd "$KJ"
set +e
KAFKA_VERSION=2.4 KAFKAJS_DEBUG_PROTOCOL_BUFFERS=1 NODE_ENV=test npx jest --ci --maxWorkers=2 \
  --forceExit --json --outputFile="$OUT/results.json" "${PATHS[@]}" > "$OUT/jest.log" 2>&1
node -e "
const r = require(process.argv[1])
for (const file of r.testResults)
  for (const t of file.assertionResults)
    if (t.status === 'failed') console.log('failed:', file.name.slice(process.cwd().length + 1), '::', t.fullName)
console.log('passed', r.numPassedTests, 'failed', r.numFailedTests, 'skipped', r.numPendingTests,
  'of', r.numTotalTests)
" "$OUT/results.json"
