#!/usr/bin/env bash
# Runs kafka-python's own test suite (test/ of a dpkp/kafka-python checkout: pure Python, run from
# the checkout with /usr/bin/python3 and Debian's python3-pytest, -pytest-mock, -pytest-timeout,
# -lz4, -snappy, -zstandard, -xxhash, -crc32c and -py) against Logdeck, set up as its fixtures
# set up Kafka (test/integration/fixtures.py and servers/resources/default/kafka.properties). Not
# part of CI: a developer runs it by hand after `npm run build`; the SSL tests need keytool (Java)
# and openssl, as the suite's own fixtures do.
#
#   scripts/kafka-python-suite.sh KAFKA_PYTHON_DIR OUT_DIR [test paths...]
#
# The default path is test/integration, its tests against a broker (its other tests run a mock
# broker of their own or none: `python3 -m pytest test --ignore=test/integration` in the checkout). Two passes, with KAFKA_VERSION=4.2.0 (override with the variable):
# - `logdeck serve --brokers 1` as the suite's KafkaFixture configures its one broker, reached as
#   an existing broker (KAFKA_URI=kafka://127.0.0.1:PORT): num.partitions=4, replication factor 1
#   (default.replication.factor and the internal topics'), offsets.topic.num.partitions=2,
#   group.min.session.timeout.ms=1000, group.initial.rebalance.delay.ms=0,
#   replica.lag.time.max.ms=1000, and Kafka's StandardAuthorizer with
#   allow.everyone.if.no.acl.found (--authorizer --allow.everyone.if.no.acl.found); topics are
#   auto-created, as Kafka's default.
# - The suite's SASL tests skip with KAFKA_URI set, and its SSL tests always start a broker of
#   their own: both start theirs through stand-ins for the Kafka tools in KAFKA_ROOT/bin
#   (kafka-python-suite-kafka.mjs: kafka-storage.sh format --add-scram, kafka-run-class.sh
#   kafka.Kafka PROPS as `logdeck serve --server-properties PROPS` with the suite's JAAS file, and
#   kafka-topics.sh --list), from the server.properties, JAAS file and keystores the suite renders
#   (SASL_PLAINTEXT with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 for its user alice; SSL with a
#   JKS keystore its own CA signed). The second pass runs test_sasl_integration.py that way.
# OUT_DIR gets serve.log, pytest.log and results.xml (the first pass), pytest-sasl.log and
# results-sasl.xml (the second) and kafka/bin (the stand-ins). PYTEST_FLAGS adds pytest options to
# both passes (e.g. "-x" or "-k offsets").
set -euo pipefail
KP=$(realpath "$1")
OUT=$(realpath -m "$2")
shift 2
HERE=$(dirname "$(realpath "$0")")
LOGDECK="$HERE/../bin/logdeck.cjs"
NODE=$(command -v node)
PATHS=("$@")
[ ${#PATHS[@]} -eq 0 ] && PATHS=(test/integration)
export KAFKA_VERSION=${KAFKA_VERSION:-4.2.0}
mkdir -p "$OUT/kafka/bin"
for tool in kafka-storage.sh kafka-run-class.sh kafka-topics.sh; do
  printf '#!/bin/sh\nexec "%s" "%s" %s "$@"\n' "$NODE" "$HERE/kafka-python-suite-kafka.mjs" $tool \
    > "$OUT/kafka/bin/$tool"
  chmod +x "$OUT/kafka/bin/$tool"
done
export KAFKA_ROOT="$OUT/kafka"

"$NODE" "$LOGDECK" serve --in-memory --brokers 1 --port 0 --no-ui --no-schema-registry \
  --broker-config num.partitions=4 --broker-config default.replication.factor=1 \
  --broker-config offsets.topic.num.partitions=2 --broker-config offsets.topic.replication.factor=1 \
  --broker-config transaction.state.log.replication.factor=1 \
  --broker-config transaction.state.log.min.isr=1 \
  --broker-config share.coordinator.state.topic.replication.factor=1 \
  --broker-config share.coordinator.state.topic.min.isr=1 \
  --broker-config group.min.session.timeout.ms=1000 \
  --broker-config group.initial.rebalance.delay.ms=0 --replica-lag-time-max-ms 1000 \
  --authorizer --allow.everyone.if.no.acl.found > "$OUT/serve.log" 2>&1 &
SERVE=$!
trap 'kill $SERVE 2>/dev/null || true' EXIT
until grep -qs '^ready' "$OUT/serve.log"; do
  kill -0 $SERVE 2>/dev/null || { cat "$OUT/serve.log"; exit 1; }
  sleep 0.5
done
BOOTSTRAP=$(sed -n 's/^Bootstrap servers: //p' "$OUT/serve.log")

cd "$KP"
set +e
# shellcheck disable=SC2086 # PYTEST_FLAGS is a list of words
KAFKA_URI=kafka://$BOOTSTRAP PYTHONPATH="$KP" /usr/bin/python3 -m pytest -p no:cacheprovider \
  -rfEs --junitxml="$OUT/results.xml" ${PYTEST_FLAGS:-} "${PATHS[@]}" \
  > "$OUT/pytest.log" 2>&1
kill $SERVE 2>/dev/null
SASL=()
for p in "${PATHS[@]}"; do
  case ${p%/} in
    test/integration) SASL+=(test/integration/test_sasl_integration.py) ;;
    test/integration/test_sasl_integration.py*) SASL+=("$p") ;;
  esac
done
if [ ${#SASL[@]} -gt 0 ]; then
  # shellcheck disable=SC2086
  PYTHONPATH="$KP" /usr/bin/python3 -m pytest -p no:cacheprovider -rfEs \
    --junitxml="$OUT/results-sasl.xml" ${PYTEST_FLAGS:-} "${SASL[@]}" > "$OUT/pytest-sasl.log" 2>&1
fi
RESULTS=("$OUT/results.xml")
[ ${#SASL[@]} -gt 0 ] && RESULTS+=("$OUT/results-sasl.xml")
/usr/bin/python3 - "${RESULTS[@]}" <<'PY'
import sys
import xml.etree.ElementTree as ET
for path in sys.argv[1:]:
    count = {'passed': 0, 'failed': 0, 'skipped': 0}
    for case in ET.parse(path).iter('testcase'):
        name = '%s::%s' % (case.get('classname'), case.get('name'))
        if case.find('failure') is not None or case.find('error') is not None:
            count['failed'] += 1
            print('failed:', name)
        elif case.find('skipped') is not None:
            count['skipped'] += 1
        else:
            count['passed'] += 1
    print(path.rsplit('/', 1)[-1], count)
PY
