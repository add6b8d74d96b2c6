#!/usr/bin/env bash
# Load run against the local one-port suite (loopback only, bounded): concurrent students enroll, learn and review one
# popular course; afterwards no 5xx and exact aggregates are required. Writes docs/load.md. Build first:
# ./mvnw install -DskipTests.    Usage: ./load.sh [--students 24] [--seconds 60]
set -euo pipefail
cd "$(dirname "$0")"
. .mvn/select-jdk.sh  # a JDK 25, found as ./mvnw finds it
[ -f tools/local-cloud/target/classpath.txt ] || { echo "build first: ./mvnw install -DskipTests" >&2; exit 1; }
exec "$JAVA_HOME/bin/java" -cp "tools/local-cloud/target/classes:$(cat tools/local-cloud/target/classpath.txt)" \
  dev.skillforge.local.load.LoadRun --root "$PWD" "$@"
