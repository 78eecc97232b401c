#!/usr/bin/env bash
# Builds the share consumer the share group tests run (test/support/share-consumer.c): a
# command-line KIP-932 share consumer on librdkafka 2.15.1, whose source ships in the npm
# package @confluentinc/kafka-javascript 1.10.1 (deps/librdkafka), fetched with `npm pack`.
# librdkafka is built as a static library with only what the tests need (no TLS, SASL/GSSAPI,
# zlib, zstd or libcurl; its built-in snappy and lz4), so a C compiler and make are all it needs
# (Debian: build-essential). Output, cached until the driver's source changes:
#
#   node_modules/.cache/share-consumer/share-consumer        (SHARE_CONSUMER_CACHE overrides the folder)
#   node_modules/.cache/share-consumer/group-consumer        (test/support/group-consumer.c: a
#                                                            consumer group member, KIP-848's too)
#
# Prints the program's path on its last line. librdkafka's build takes about a minute on two
# cores; the driver a second.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${SHARE_CONSUMER_CACHE:-$ROOT/node_modules/.cache/share-consumer}
PACKAGE=@confluentinc/kafka-javascript@1.10.1
RDK_VERSION=0x020f01ff # 2.15.1, as src/rdkafka.h defines RD_KAFKA_VERSION
SRC=$ROOT/test/support/share-consumer.c
GROUP_SRC=$ROOT/test/support/group-consumer.c
GROUP_BIN=$CACHE/group-consumer
RDK=$CACHE/librdkafka
BIN=$CACHE/share-consumer

fail() {
  echo "build-share-consumer: $*" >&2
  exit 1
}
for tool in cc make tar flock; do
  command -v "$tool" > /dev/null ||
    fail "needs '$tool' to build librdkafka and the share consumer (Debian: apt-get install build-essential util-linux)"
done

mkdir -p "$CACHE"
exec 9> "$CACHE/.lock"
flock 9

if [ ! -f "$RDK/src/librdkafka.a" ]; then
  echo "build-share-consumer: building librdkafka 2.15.1 from $PACKAGE into $RDK (about a minute)" >&2
  rm -rf "$RDK" "$CACHE/pack"
  mkdir -p "$CACHE/pack"
  TARBALL=$(cd "$CACHE/pack" && npm pack --silent "$PACKAGE" | tail -n 1) ||
    fail "npm pack $PACKAGE failed (the npm registry must be reachable)"
  tar -xzf "$CACHE/pack/$TARBALL" -C "$CACHE/pack" package/deps/librdkafka
  mv "$CACHE/pack/package/deps/librdkafka" "$RDK"
  rm -rf "$CACHE/pack"
  grep -q "define RD_KAFKA_VERSION $RDK_VERSION" "$RDK/src/rdkafka.h" ||
    fail "$PACKAGE does not carry librdkafka 2.15.1 ($RDK/src/rdkafka.h)"
  # configure loads every configure.* file of its folder as a module: logs go to $CACHE.
  (cd "$RDK" && ./configure --disable-gssapi --disable-ssl --disable-zlib --disable-zstd \
    --disable-curl --disable-lz4-ext && make -j"$(nproc)" -C src librdkafka.a) \
    > "$CACHE/librdkafka-build.log" 2>&1 ||
    { tail -n 30 "$CACHE/librdkafka-build.log" >&2; fail "librdkafka's build failed: $CACHE/librdkafka-build.log"; }
fi

STAMP=$(sha256sum "$SRC" "$GROUP_SRC" "$0" | sha256sum | cut -c1-16)
if [ ! -x "$BIN" ] || [ "$(cat "$BIN.stamp" 2> /dev/null)" != "$STAMP" ]; then
  cc -O2 -Wall -Werror -Wno-ignored-qualifiers -o "$BIN.tmp" "$SRC" -I"$RDK/src" \
    "$RDK/src/librdkafka.a" -lpthread -lm -ldl -lrt ||
    fail "compiling $SRC failed"
  cc -O2 -Wall -Werror -Wno-ignored-qualifiers -o "$GROUP_BIN.tmp" "$GROUP_SRC" -I"$RDK/src" \
    "$RDK/src/librdkafka.a" -lpthread -lm -ldl -lrt ||
    fail "compiling $GROUP_SRC failed"
  mv "$BIN.tmp" "$BIN"
  mv "$GROUP_BIN.tmp" "$GROUP_BIN"
  echo "$STAMP" > "$BIN.stamp"
fi
echo "$BIN"
