#!/usr/bin/env bash
# Runs librdkafka's own test suite (tests/ of a librdkafka source tree) against `logdeck serve`,
# set up as the suite's default scenario sets up Kafka (tests/scenarios/default.json: topic
# auto-creation, num.partitions=4, replication factor 3 on 3 brokers, Kafka's five-minute
# retention check) with an authorizer that allows everyone when no ACL names a resource (its ACL
# tests add and remove ACLs on their own topics), and each broker in a rack of its own with the
# rack-aware replica selector, as its cluster tool sets up brokers (broker.rack=RACK<id>, for
# 0101_fetch_from_follower's client.rack). TEST_SCENARIO=noautocreate runs the tests of its other
# scenario instead, with auto.create.topics.enable=false. Not part of CI: a developer runs it by
# hand after `npm run build`.
#
#   scripts/librdkafka-suite.sh LIBRDKAFKA_DIR OUT_DIR [test-runner options...]
#
# LIBRDKAFKA_DIR is a librdkafka checkout; when its tests/test-runner is missing it is built
# (./configure --disable-gssapi, make libs, make -C tests build: needs a C/C++ compiler and the
# libssl, zlib, zstd, lz4, sasl2 and rapidjson development packages; without rapidjson the
# tests reading JSON statistics skip). The suite runs as
# `test-runner -L -Q -E -p4`: its tests against a cluster (-L leaves out the local ones, which run
# librdkafka's own mock cluster), quick mode, no socket emulation (sockem), four at a time, with
# TEST_KAFKA_VERSION=4.0.0 (override with the environment variable). Other options replace
# these; TESTS=0001,0002 picks tests and TEST_CONSUMER_GROUP_PROTOCOL=consumer runs the consumer
# tests with the KIP-848 protocol, as in librdkafka's own runs. OUT_DIR gets serve.log,
# test-runner.log, test.conf, report.json (TEST_REPORT) and summary.txt (each test: name, state
# and the suite's note, e.g. why it skipped; the runner aborts at its end when a failed test
# left client threads behind, after writing both). The Kafka tools some tests run (KAFKA_PATH/bin:
# kafka-topics.sh --create, kafka-acls.sh) are stood in for by librdkafka-suite-kafka-cli.mjs.
# TESTS_SKIP defaults to 0098_consumer_txn, whose transactional producer is Kafka's Java client
# (built and run from KAFKA_PATH).
set -euo pipefail
RDK=$(realpath "$1")
OUT=$(realpath -m "$2")
shift 2
HERE=$(dirname "$(realpath "$0")")
ARGS=("$@")
[ ${#ARGS[@]} -eq 0 ] && ARGS=(-L -Q -E -p4)
mkdir -p "$OUT"

if [ ! -x "$RDK/tests/test-runner" ]; then
  (cd "$RDK" && ./configure --disable-gssapi && make -j2 libs && make -j2 -C tests build) \
    > "$OUT/build.log" 2>&1 || { tail -20 "$OUT/build.log"; exit 1; }
fi

node "$HERE/../bin/logdeck.cjs" serve --in-memory --brokers 3 --port 0 --no-ui \
  --no-schema-registry --broker-config num.partitions=4 \
  --broker-config default.replication.factor=3 \
  --broker-config log.retention.check.interval.ms=300000 \
  --authorizer --allow.everyone.if.no.acl.found \
  --broker-rack RACK0,RACK1,RACK2 \
  --broker-config replica.selector.class=org.apache.kafka.common.replica.RackAwareReplicaSelector \
  --broker-config auto.create.topics.enable="$([ "${TEST_SCENARIO:-}" = noautocreate ] && echo false || echo true)" \
  > "$OUT/serve.log" 2>&1 &
SERVE=$!
trap 'kill $SERVE 2>/dev/null || true' EXIT
until grep -qs '^ready' "$OUT/serve.log"; do
  kill -0 $SERVE 2>/dev/null || { cat "$OUT/serve.log"; exit 1; }
  sleep 0.5
done
BOOTSTRAP=$(sed -n 's/^Bootstrap servers: //p' "$OUT/serve.log")
printf 'bootstrap.servers=%s\ntest.timeout.multiplier=3\n' "$BOOTSTRAP" > "$OUT/test.conf"
mkdir -p "$OUT/kafka/bin"
for tool in kafka-topics.sh kafka-acls.sh; do
  printf '#!/bin/sh\nexec node "%s" %s "$@"\n' "$HERE/librdkafka-suite-kafka-cli.mjs" $tool \
    > "$OUT/kafka/bin/$tool"
  chmod +x "$OUT/kafka/bin/$tool"
done

cd "$RDK/tests"
set +e
GITVER=$(git -C "$RDK" describe --tags --always 2>/dev/null || echo unknown)
TESTS_SKIP=${TESTS_SKIP-0098_consumer_txn} TEST_KAFKA_VERSION=${TEST_KAFKA_VERSION:-4.0.0} \
  KAFKA_PATH="$OUT/kafka" BROKERS=$BOOTSTRAP RDKAFKA_TEST_CONF="$OUT/test.conf" \
  TEST_REPORT="$OUT/report.json" RDKAFKA_GITVER=$GITVER LD_LIBRARY_PATH=../src:../src-cpp \
  stdbuf -oL ./test-runner "${ARGS[@]}" > "$OUT/test-runner.log" 2>&1
# The summary table at the end of the log: one row per test, with the suite's note.
sed 's/\x1b\[[0-9;]*m//g' "$OUT/test-runner.log" |
  sed -n '/SUMMARY$/,$p' | grep '^|' | grep -v '<MAIN>' > "$OUT/summary.txt"
node -e "
const report = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))
const count = {}
for (const [name, t] of Object.entries(report.tests))
  if (name !== '<MAIN>') count[t.state] = (count[t.state] ?? 0) + 1
console.log('librdkafka', report.git_version, 'broker version', report.broker_version, count)
" "$OUT/report.json"
grep '| *FAILED ' "$OUT/summary.txt" || true
