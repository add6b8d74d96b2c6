#!/usr/bin/env bash
# Cold start and speed benchmark of every function (not part of the tests): JVM, JVM with the trained AOT cache,
# native when built; writes docs/performance.md, docs/benchmarks/results.json and docs/benchmarks/cold-start.png.
# Needs the build first: ./mvnw install -DskipTests (it makes the jvm-aot packages and their AOT caches).
#
#   ./benchmark.sh [--runs 5] [--warm 300]   (--stream-only: just the stream-processor throughput; --only <function>
#   and --modes jvm,aot limit an experiment: nothing written)
set -euo pipefail
cd "$(dirname "$0")"
export JAVA_HOME="${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -f tools/local-cloud/target/classpath.txt ] || { echo "build first: ./mvnw install -DskipTests" >&2; exit 1; }
exec "$JAVA_HOME/bin/java" -Djava.awt.headless=true \
  -cp "tools/local-cloud/target/classes:$(cat tools/local-cloud/target/classpath.txt)" \
  dev.skillforge.local.ColdStartBenchmark --root "$PWD" "$@"
