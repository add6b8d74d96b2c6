#!/usr/bin/env bash
# Cold start and speed benchmark of every function (not part of the tests): native when built, JVM, JVM with the
# trained AOT cache, each run interleaved with a Node.js 20 yardstick (tools/node-yardstick); writes docs/performance.md, docs/benchmarks/results.json and docs/benchmarks/cold-start.png.
# Needs the build first: ./mvnw install -DskipTests (it makes the jvm-aot packages and their AOT caches), and for the
# native column then ./mvnw package -DskipTests -Dnative (GRAALVM_HOME set; the JVM packages stay beside it).
#
#   ./benchmark.sh [--runs 5] [--warm 300]   (--stream-only: just the stream-processor throughput; --only <function>
#   and --modes jvm,aot limit an experiment: nothing written)
#   ./benchmark.sh --account-check [--runs 5] [--warm 300]   (the revoked-token check alone: docs/benchmarks/account-check.md)
#   ./benchmark.sh --media [--runs 5] [--warm 300]   (lesson-file URL signing and the attach check: docs/benchmarks/media.md)
set -euo pipefail
cd "$(dirname "$0")"
. .mvn/select-jdk.sh  # a JDK 25, found as ./mvnw finds it
[ -f tools/local-cloud/target/classpath.txt ] || { echo "build first: ./mvnw install -DskipTests" >&2; exit 1; }
# The yardstick: the seed's Node.js handler with the AWS SDK v3 pinned in its package-lock.json.
[ -d tools/node-yardstick/node_modules ] || (cd tools/node-yardstick && npm ci --no-audit --no-fund --loglevel=error)
MAIN=dev.skillforge.local.benchmark.ColdStartBenchmark
if [ "${1:-}" = "--account-check" ]; then
  # What the revoked-token check costs (enrollments-service, cold and warm): docs/benchmarks/account-check.md
  MAIN=dev.skillforge.local.benchmark.AccountCheckBenchmark
  shift
elif [ "${1:-}" = "--media" ]; then
  # What course media costs (courses-service: a lesson read's signed URL, a lesson PUT's attach check): docs/benchmarks/media.md
  MAIN=dev.skillforge.local.benchmark.MediaBenchmark
  shift
fi
exec "$JAVA_HOME/bin/java" -Djava.awt.headless=true \
  -cp "tools/local-cloud/target/classes:$(cat tools/local-cloud/target/classpath.txt)" \
  "$MAIN" --root "$PWD" "$@"
