#!/usr/bin/env bash
# Runs SkillForge locally: dynalite (data kept in .local/dynalite; --fresh for in memory), the table from
# TableDesign, dev-only tokens per role, and courses-service in Quarkus dev mode behind the Lambda HTTP
# mock event server on http://localhost:8080 (the same API Gateway v2 event path as on AWS).
# Ctrl-C stops everything. Issue 6 grows this into the whole suite on one port.
set -euo pipefail
cd "$(dirname "$0")"
export JAVA_HOME="${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JAVA_HOME/bin/java" ] || { echo "JDK 25 not found: set JAVA_HOME_25" >&2; exit 1; }

BUILD=1
ENV_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --fresh) ENV_ARGS+=("--fresh") ;;
    *) echo "unknown option $arg (use --fresh, --no-build)" >&2; exit 2 ;;
  esac
done
if [ "$BUILD" = 1 ]; then
  ./mvnw -B -q install -DskipTests
fi
mkdir -p .local
rm -f .local/local-env.properties

./mvnw -B -q -pl shared-data exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.skillforge.data.testing.LocalEnvironment -Dexec.args="${ENV_ARGS[*]:-}" > .local/environment.log 2>&1 &
ENV_PID=$!
trap 'kill $ENV_PID 2>/dev/null; wait $ENV_PID 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 120); do
  grep -q READY .local/environment.log 2>/dev/null && break
  kill -0 $ENV_PID 2>/dev/null || { cat .local/environment.log; exit 1; }
  sleep 1
done
grep -v READY .local/environment.log
set -a; . .local/local-env.properties; set +a

echo
echo "courses-service: http://localhost:8080  e.g.  curl -s localhost:8080/courses"
echo "In another shell: source .local/tokens.env, then for example:"
echo "  curl -s -X POST localhost:8080/courses -H \"Authorization: Bearer \$INSTRUCTOR_TOKEN\" -H 'Content-Type: application/json' \\"
echo "       -d '{\"title\":\"Java from zero\",\"category\":\"programming\",\"tags\":[\"java\"]}'"
./mvnw -B -q -f courses-service/pom.xml quarkus:dev -Dquarkus.console.enabled=false
