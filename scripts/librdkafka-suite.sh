#!/usr/bin/env bash
# Runs librdkafka's own test suite (tests/ of a librdkafka source tree) against `logdeck serve`,
# set up as the suite's default scenario sets up Kafka (tests/scenarios/default.json: topic
# auto-creation, num.partitions=4, replication factor 3 on 3 brokers, Kafka's five-minute
# retention check) with an authorizer that allows everyone when no ACL names a resource (its ACL
# tests add and remove ACLs on their own topics), and each broker in a rack of its own with the
# rack-aware replica selector, as its cluster tool sets up brokers (broker.rack=RACK<id>, for
# 0101_fetch_from_follower's client.rack), and group.share.min.record.lock.duration.ms=1000 as it
# sets up Kafka 4.2+ for its share-consumer tests (0170-0186, KIP-932), which run with
# TEST_KAFKA_VERSION=4.2.0 (librdkafka 2.15.1's source: `npm pack
# @confluentinc/kafka-javascript@1.10.1`, package/deps/librdkafka, as
# scripts/build-share-consumer.sh fetches it). TEST_SCENARIO=noautocreate runs the tests of its other
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
# TEST_KAFKA_VERSION=4.2.0, the Kafka its share-consumer tests need (override with the
# environment variable; in quick mode those tests skip their subtests, so run them with
# `-L -E -p2` for what they check). Other options replace
# these; TESTS=0001,0002 picks tests and TEST_CONSUMER_GROUP_PROTOCOL=consumer runs the consumer
# tests with the KIP-848 protocol, as in librdkafka's own runs. OUT_DIR gets serve.log,
# test-runner.log, test.conf, report.json (TEST_REPORT) and summary.txt (each test: name, state
# and the suite's note, e.g. why it skipped; the runner aborts at its end when a failed test
# left client threads behind, after writing both). The Kafka tools some tests run (KAFKA_PATH/bin:
# kafka-topics.sh --create, kafka-acls.sh) are stood in for by librdkafka-suite-kafka-cli.mjs.
# TESTS_SKIP defaults to 0098_consumer_txn, whose transactional producer is Kafka's Java client
# (built and run from KAFKA_PATH).
#
# TEST_SASL=MECHANISM (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512) and TEST_SSL=true, as librdkafka's
# own SASL runs name them, secure the listener its clients use as its cluster tool (trivup) does:
# SASL_PLAINTEXT, SSL or SASL_SSL, the user myuser:mypassword, connections.max.reauth.ms=10000
# (TEST_SASL_REAUTH_MS=0 turns re-authentication off),
# certificates from `logdeck certs` (a CA, the brokers', a client's, the client's key encrypted
# with a password and in DER and PKCS12 too: the SSL_* variables 0097_ssl_verify reads) and
# client certificates required on SSL (TEST_SSL_CLIENT_AUTH=requested or none instead, as
# trivup's ssl_client_auth). A PLAINTEXT listener beside it serves the tool stand-ins (BROKERS), as
# trivup's cluster has one. Tests that need no authentication skip themselves; librdkafka runs
# TESTS=0022,0128,0135,0142 under SASL and 0097 under SSL, without quick mode (-L -E -p4).
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

SECURITY=()
PROTOCOL=
TLS=$(echo "${TEST_SSL:-false}" | tr '[:upper:]' '[:lower:]')
[ "$TLS" = 1 ] && TLS=true
if [ -n "${TEST_SASL:-}" ] || [ "$TLS" = true ]; then
  PROTOCOL=$([ -n "${TEST_SASL:-}" ] && echo SASL_ || true)$([ "$TLS" = true ] && echo SSL || echo PLAINTEXT)
  SECURITY=(--security "$(echo "$PROTOCOL" | tr '[:upper:]' '[:lower:]')" --listener PLAINTEXT=plaintext:0)
  if [ -n "${TEST_SASL:-}" ]; then
    SECURITY+=(--user myuser:mypassword --sasl.enabled.mechanisms "$TEST_SASL"
      --connections.max.reauth.ms "${TEST_SASL_REAUTH_MS:-10000}")
  fi
  if [ "$TLS" = true ]; then
    SSL=$OUT/ssl
    KEYPASS=use_strong_password_keystore_client
    rm -rf "$SSL"
    node "$HERE/../bin/logdeck.cjs" certs --out "$SSL" > /dev/null
    openssl pkey -in "$SSL/client-key.pem" -aes256 -passout "pass:$KEYPASS" -out "$SSL/client-key-enc.pem"
    openssl pkey -in "$SSL/client-key.pem" -outform DER -out "$SSL/client-key.der"
    openssl x509 -in "$SSL/client.pem" -outform DER -out "$SSL/client.der"
    openssl x509 -in "$SSL/ca.pem" -outform DER -out "$SSL/ca.der"
    openssl pkcs12 -export -in "$SSL/client.pem" -inkey "$SSL/client-key.pem" \
      -certfile "$SSL/ca.pem" -passout "pass:$KEYPASS" -out "$SSL/client.p12"
    SECURITY+=(--tls-cert "$SSL/server.pem" --tls-key "$SSL/server-key.pem")
    # Client certificates are asked for on SSL, not on SASL_SSL (Kafka's ssl.client.auth).
    CLIENT_AUTH=$([ "$PROTOCOL" = SSL ] && echo "${TEST_SSL_CLIENT_AUTH:-required}" || echo none)
    SECURITY+=(--tls-ca "$SSL/ca.pem" --ssl.client.auth "$CLIENT_AUTH")
    export SSL_pkcs=$SSL/client.p12 SSL_password=$KEYPASS SSL_pub_pem=$SSL/client.pem \
      SSL_pub_der=$SSL/client.der SSL_priv_pem=$SSL/client-key-enc.pem \
      SSL_priv_der=$SSL/client-key.der SSL_ca_pem=$SSL/ca.pem SSL_ca_der=$SSL/ca.der \
      SSL_all_cas_pem=$SSL/ca.pem \
      SSL_client_auth=$CLIENT_AUTH
  fi
fi

node "$HERE/../bin/logdeck.cjs" serve --in-memory --brokers 3 --port 0 --no-ui \
  --no-schema-registry --broker-config num.partitions=4 \
  --broker-config default.replication.factor=3 \
  --broker-config log.retention.check.interval.ms=300000 \
  --authorizer --allow.everyone.if.no.acl.found \
  --broker-rack RACK0,RACK1,RACK2 \
  --broker-config replica.selector.class=org.apache.kafka.common.replica.RackAwareReplicaSelector \
  --broker-config group.share.min.record.lock.duration.ms=1000 \
  --broker-config auto.create.topics.enable="$([ "${TEST_SCENARIO:-}" = noautocreate ] && echo false || echo true)" \
  "${SECURITY[@]}" \
  > "$OUT/serve.log" 2>&1 &
SERVE=$!
trap 'kill $SERVE 2>/dev/null || true' EXIT
until grep -qs '^ready' "$OUT/serve.log"; do
  kill -0 $SERVE 2>/dev/null || { cat "$OUT/serve.log"; exit 1; }
  sleep 0.5
done
BOOTSTRAP=$(sed -n 's/^Bootstrap servers: //p' "$OUT/serve.log")
printf 'bootstrap.servers=%s\ntest.timeout.multiplier=3\n' "$BOOTSTRAP" > "$OUT/test.conf"
# The Kafka tools' stand-ins: the PLAINTEXT listener when the clients' is secured.
TOOLS_BOOTSTRAP=$BOOTSTRAP
if [ -n "$PROTOCOL" ]; then
  TOOLS_BOOTSTRAP=$(sed -n 's/^Bootstrap servers PLAINTEXT (PLAINTEXT): //p' "$OUT/serve.log")
  printf 'security.protocol=%s\n' "$PROTOCOL" >> "$OUT/test.conf"
  [ -n "${TEST_SASL:-}" ] && printf 'sasl.mechanisms=%s\nsasl.username=myuser\nsasl.password=mypassword\n' \
    "$TEST_SASL" >> "$OUT/test.conf"
  [ "$TLS" = true ] && printf 'ssl.ca.location=%s\nssl.certificate.location=%s\nssl.key.location=%s\nssl.key.password=%s\n' \
    "$SSL/ca.pem" "$SSL/client.pem" "$SSL/client-key-enc.pem" "$KEYPASS" >> "$OUT/test.conf"
fi
mkdir -p "$OUT/kafka/bin"
for tool in kafka-topics.sh kafka-acls.sh; do
  printf '#!/bin/sh\nexec node "%s" %s "$@"\n' "$HERE/librdkafka-suite-kafka-cli.mjs" $tool \
    > "$OUT/kafka/bin/$tool"
  chmod +x "$OUT/kafka/bin/$tool"
done

cd "$RDK/tests"
set +e
GITVER=$(git -C "$RDK" describe --tags --always 2>/dev/null || echo unknown)
TESTS_SKIP=${TESTS_SKIP-0098_consumer_txn} TEST_KAFKA_VERSION=${TEST_KAFKA_VERSION:-4.2.0} \
  KAFKA_PATH="$OUT/kafka" BROKERS=$TOOLS_BOOTSTRAP RDKAFKA_TEST_CONF="$OUT/test.conf" \
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
