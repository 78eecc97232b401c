#!/usr/bin/env bash
# Runs @platformatic/kafka's own test suite against `logdeck serve` (see README, "Connecting a
# Kafka client"). Usage: scripts/platformatic-suite.sh SUITE_DIR [TEST_FILE...] (default: all)
# SUITE_DIR is a checkout of github.com/platformatic/kafka with its dev dependencies installed.
# Three serves stand in for its docker-compose brokers, on its ports and node ids (broker 0 of
# each stays stopped, so the others keep the ids 1-3 the suite expects):
#   broker-cluster-1..3  localhost:9011-9013, StandardAuthorizer with super user ANONYMOUS,
#                        schema registry on 8004
#   broker-single        localhost:9001
#   broker-sasl          SASL_PLAINTEXT on 9002 (admin:admin; PLAIN, SCRAM, OAUTHBEARER),
#                        PLAINTEXT on 19002, connections.max.reauth.ms 5000
# and a small HTTP proxy stands in for its nginx: basic auth (user:password) on 8005 and a bearer
# token (TOKEN) on 8006 in front of the registry. Kerberos (its KDC and broker on 9003) has no
# stand-in.
set -euo pipefail
SUITE=$(cd "$1" && pwd)
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOGS=$(mktemp -d)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT

COMMON=(--in-memory --advertised-host localhost --no-ui
  --broker-config group.initial.rebalance.delay.ms=0
  --broker-config group.consumer.heartbeat.interval.ms=200
  --broker-config group.consumer.min.heartbeat.interval.ms=100
  --broker-config default.replication.factor=1 --broker-config min.insync.replicas=1)
serve() {
  local name=$1
  shift
  node "$ROOT/bin/logdeck.cjs" serve "${COMMON[@]}" "$@" > "$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
}
serve cluster --brokers 4 --port 9010 --stopped-brokers 0 --authorizer --super-user ANONYMOUS \
  --schema-registry-port 8004
serve single --brokers 2 --port 9000 --stopped-brokers 0 --no-schema-registry
serve sasl --brokers 2 --port 9001 --stopped-brokers 0 --security sasl_plaintext \
  --listener DOCKER=plaintext:19001 --user admin:admin \
  --sasl.enabled.mechanisms PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER \
  --connections.max.reauth.ms 5000 --no-schema-registry
node -e '
const http = require("node:http")
const basic = "Basic " + Buffer.from("user:password").toString("base64")
const proxy = (allowed) => http.createServer((req, res) => {
  if (req.headers.authorization !== allowed) { res.writeHead(401); res.end(); return }
  const headers = { ...req.headers, host: "127.0.0.1:8004" }
  const up = http.request({ host: "127.0.0.1", port: 8004, method: req.method, path: req.url, headers },
    (r) => { res.writeHead(r.statusCode, r.headers); r.pipe(res) })
  up.on("error", () => { res.writeHead(502); res.end() })
  req.pipe(up)
})
proxy(basic).listen(8005, "127.0.0.1")
proxy("Bearer TOKEN").listen(8006, "127.0.0.1")
' &
PIDS+=($!)

for name in cluster single sasl; do
  until grep -q '^ready$' "$LOGS/$name.log"; do
    if ! kill -0 "${PIDS[@]}" 2>/dev/null; then cat "$LOGS/$name.log"; exit 1; fi
    sleep 0.5
  done
done

cd "$SUITE"
[ $# -gt 0 ] || set -- 'test/*.test.ts' 'test/*/*.test.ts' 'test/*/*/*.test.ts'
KAFKA_VERSION=${KAFKA_VERSION:-8.1.0} node --test --test-reporter=spec "$@"
