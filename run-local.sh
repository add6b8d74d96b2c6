#!/usr/bin/env bash
# The whole SkillForge suite on one local port, in Lambda mode, with a live change stream and demo data:
# dynalite (data in .local/dynalite), every function behind its own Lambda runtime API, an API Gateway HTTP API
# emulation routed by the shared route table, and the stream feeding the stream-processor. See docs/local-run.md.
#
#   ./run-local.sh [--fresh] [--no-build] [--mode auto|jvm|aot|native] [--port 8080] [--no-seed] [--verbose] [--read-lag-ms 300]
#   ./run-local.sh tokens   (while it runs, in another shell: new tokens in .local/tokens.env from the local user pool,
#                            with each demo user's current groups; a disabled, signed-out or deleted user gets a comment)
#
# --fresh     in-memory database (nothing kept, demo data seeded again)
# --no-build  use what is built; by default the build runs when a package is missing or older than its sources
# --mode      how functions start: auto (best build available: native, then AOT cache, then plain JVM), jvm, aot, native;
#             each from its deployment package, as the synthesized template for that mode configures it
# --read-lag-ms  how far eventually consistent reads lag behind writes (default 300; 0 = every read is strong)
# Ctrl-C stops every process it started.
set -euo pipefail
cd "$(dirname "$0")"
# A JDK 25, found the same way as ./mvnw finds it (or stop with what to install).
. .mvn/select-jdk.sh

if [ "${1:-}" = tokens ]; then
  [ -f tools/local-cloud/target/classpath.txt ] || { echo "nothing built yet: start ./run-local.sh first" >&2; exit 2; }
  exec "$JAVA_HOME/bin/java" -cp "tools/local-cloud/target/classes:$(cat tools/local-cloud/target/classpath.txt)" \
    dev.skillforge.local.identity.RefreshTokens --state .local
fi
command -v node >/dev/null || { echo "Node.js (20 or later) is needed for dynalite" >&2; exit 1; }

BUILD=auto
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=no ;;
    --fresh|--no-seed|--verbose) ARGS+=("$1") ;;
    --mode|--port|--read-lag-ms) [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; }; ARGS+=("$1" "$2"); shift ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

# Builds when something the run needs is missing or older than its sources.
needs_build() {
  [ -f tools/local-cloud/target/classpath.txt ] || return 0
  [ -f infra/target/templates/native.template.json ] || return 0
  [ -d tools/dynalite/node_modules/dynalite ] || return 0
  for module in courses-service enrollments-service progress-service reviews-service stream-processor; do
    jar=$(ls "$module"/target/*-runner.jar 2>/dev/null | head -1)
    [ -n "$jar" ] || return 0
    [ -z "$(find "$module/src/main" shared-data/src/main shared-web/src/main shared-media/src/main -newer "$jar" -type f -print -quit)" ] || return 0
  done
  return 1
}
if [ "$BUILD" = auto ] && needs_build; then
  echo "building (./mvnw install -DskipTests) ..."
  ./mvnw -B -q install -DskipTests
fi

exec "$JAVA_HOME/bin/java" -cp "tools/local-cloud/target/classes:$(cat tools/local-cloud/target/classpath.txt)" \
  dev.skillforge.local.LocalCloud --root "$PWD" "${ARGS[@]}"
