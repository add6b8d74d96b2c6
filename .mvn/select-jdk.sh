# Sourced by ./mvnw and ./run-local.sh: SkillForge builds and runs on JDK 25 (it compiles for --release 21 and uses
# JDK 25's AOT cache), whatever `java` a machine has by default. Exports JAVA_HOME and PATH for a JDK 25 or later, found in
# this order: $SKILLFORGE_JDK, $JAVA_HOME, the usual install places (Debian/Ubuntu packages, /opt, SDKMAN!, macOS), `java`
# on the PATH. Stops at once with what to install when there is none.

skillforge_jdk_major() {
  # The JDK's `release` file names its version without starting a JVM; `java -version` is the fallback.
  _home=$1
  [ -x "$_home/bin/java" ] && [ -x "$_home/bin/javac" ] || return 1
  if [ -f "$_home/release" ]; then
    _version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$_home/release")
  else
    _version=$("$_home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  _major=${_version%%[.+-]*}
  case $_major in '' | *[!0-9]*) return 1 ;; esac
  printf %s "$_major"
}

skillforge_select_jdk() {
  _wanted=25
  # mvnw runs with `set -f`; the search below needs globbing.
  case $- in *f*) _noglob=1; set +f ;; *) _noglob= ;; esac
  _given=${JAVA_HOME-}
  _java_on_path=$(command -v java 2>/dev/null || true)
  _path_home=
  if [ -n "$_java_on_path" ]; then
    _path_home=$(dirname "$(dirname "$(readlink -f "$_java_on_path" 2>/dev/null || printf %s "$_java_on_path")")")
  fi
  for _candidate in "${SKILLFORGE_JDK-}" "$_given" /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /opt/jdk* /opt/*jdk* \
    "${HOME-}"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$_path_home"; do
    [ -n "$_candidate" ] && [ -d "$_candidate" ] || continue
    _major=$(skillforge_jdk_major "$_candidate") || continue
    if [ "$_major" -ge "$_wanted" ]; then
      if [ -n "$_given" ] && [ "$_candidate" != "$_given" ]; then
        echo "SkillForge: JAVA_HOME ($_given) is not a JDK $_wanted; using the JDK $_major at $_candidate" >&2
      fi
      JAVA_HOME=$_candidate
      PATH=$JAVA_HOME/bin:$PATH
      export JAVA_HOME PATH
      [ -z "$_noglob" ] || set -f
      return 0
    fi
  done
  {
    echo "SkillForge needs a JDK 25 (it compiles for Java 21 with --release 21 and uses JDK 25's AOT cache)."
    echo "None was found: JAVA_HOME is '${_given:-unset}', and 'java' on the PATH is '${_java_on_path:-none}'."
    echo "Install one, for example Eclipse Temurin 25:"
    echo "  Debian/Ubuntu: add Adoptium's apt repository (https://adoptium.net/installation/linux/), then"
    echo "                 sudo apt-get install temurin-25-jdk"
    echo "  any system:    download a JDK 25 from https://adoptium.net/temurin/releases/?version=25"
    echo "then run the command again, or point SKILLFORGE_JDK (or JAVA_HOME) at its home directory."
  } >&2
  exit 1
}

skillforge_select_jdk
