# Shared by deploy/local/up, down and status (sourced, not run): finds Java and Maven, builds what is
# missing or out of date (up only), and runs the Java launcher (deploy/launcher, org.newswatch.launcher.LocalStack).
# Needs bash and nothing but a JDK 17+ and Maven.

# The repository root, from this file's own path: the scripts work from any directory.
NEWSWATCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
NEWSWATCH_STATE="$NEWSWATCH_ROOT/deploy/local/.state"
LAUNCHER_TARGET="$NEWSWATCH_ROOT/deploy/launcher/target"
# The launcher as the last up ran it (hard links where possible), so that down and status work after a
# `mvn clean` or while the tree does not compile.
LAUNCHER_COPY="$NEWSWATCH_STATE/launcher"
SERVICE_MODULES=(api-gateway feed-collector classifier-service alert-service)
# The libraries the services are built with: a change there rebuilds them too.
SHARED_SOURCES=(event-contracts/src/main event-contracts/pom.xml problem-details/src/main problem-details/pom.xml
    service-security/src/main service-security/pom.xml pom.xml)

case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
    *UTF-8* | *utf-8* | *utf8* | *UTF8*) FAIL_MARK="✗" ;;
    *) FAIL_MARK="!!" ;;
esac

die() {
    echo "$FAIL_MARK $*" >&2
    exit 1
}

# Sets JAVA to a java 17 or newer: $JAVA_HOME/bin/java if set, else the one on PATH.
require_java() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        JAVA="$JAVA_HOME/bin/java"
    elif command -v java > /dev/null 2>&1; then
        JAVA="$(command -v java)"
    else
        die "java not found: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless) and put it on PATH or set JAVA_HOME"
    fi
    local version major
    version="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' || true)"
    major="${version#1.}"
    major="${major%%.*}"
    if ! [[ "$major" =~ ^[0-9]+$ ]]; then
        die "cannot tell the version of $JAVA: install a JDK 17 or newer and put it on PATH or set JAVA_HOME"
    fi
    if ((major < 17)); then
        die "$JAVA is Java $version; newswatch needs Java 17 or newer: install one and put it on PATH or set JAVA_HOME"
    fi
}

require_maven() {
    command -v mvn > /dev/null 2>&1 \
        || die "mvn not found: install Apache Maven 3.8 or newer (e.g. apt-get install maven) and put it on PATH"
}

# The pom fixes the jar's name (finalName), so an older version's jar left in target/ is never picked.
LAUNCHER_JAR="$LAUNCHER_TARGET/local-launcher.jar"

launcher_built() {
    [[ -f "$LAUNCHER_JAR" && -d "$LAUNCHER_TARGET/launcher-libs" && -d "$LAUNCHER_TARGET/kafka-libs" ]]
}

# Written after each build by these scripts: Maven leaves an unchanged jar untouched, so a pom edit that
# changes nothing would otherwise look like a pending change forever.
BUILD_STAMP="$LAUNCHER_TARGET/local-build.stamp"

# Prints the first main source or pom newer than the artifact $1 (or the last build, whichever is newer)
# among the given paths; nothing when up to date.
newer_than() {
    local artifact="$1"
    shift
    if [[ -f "$BUILD_STAMP" && "$BUILD_STAMP" -nt "$artifact" ]]; then
        artifact="$BUILD_STAMP"
    fi
    # No `| head` here: under pipefail a closed pipe would fail the caller.
    local path found
    for path in "$@"; do
        [[ -e "$NEWSWATCH_ROOT/$path" ]] || continue
        found="$(find "$NEWSWATCH_ROOT/$path" -type f -newer "$artifact" -print -quit 2> /dev/null || true)"
        if [[ -n "$found" ]]; then
            echo "$found"
            return
        fi
    done
}

# Prints why a build is needed (empty when everything is built and newer than its sources).
build_reason() {
    local module jar changed
    for module in "${SERVICE_MODULES[@]}"; do
        jar="$NEWSWATCH_ROOT/$module/target/quarkus-app/quarkus-run.jar"
        if [[ ! -f "$jar" ]]; then
            echo "$module is not built"
            return
        fi
        changed="$(newer_than "$jar" "$module/src/main" "$module/pom.xml" "${SHARED_SOURCES[@]}")"
        if [[ -n "$changed" ]]; then
            echo "${changed#"$NEWSWATCH_ROOT/"} changed since $module was built"
            return
        fi
    done
    if ! launcher_built; then
        echo "the launcher is not built"
        return
    fi
    changed="$(newer_than "$LAUNCHER_JAR" deploy/launcher/src/main deploy/launcher/pom.xml event-contracts/src/main pom.xml)"
    if [[ -n "$changed" ]]; then
        echo "${changed#"$NEWSWATCH_ROOT/"} changed since the launcher was built"
    fi
}

# mvn install of the given modules and what they depend on; tests are skipped (CI runs them).
# With "stamp" as $2 (a build of everything up runs), records the build for build_reason.
build_modules() {
    local modules="$1" stamp="${2:-}" started=$SECONDS
    require_maven
    echo "  Building $modules with Maven (mvn -B -q install -DskipTests); the first build takes a few minutes ..."
    # Stamped with the start time: a file saved during the build still counts as changed next time.
    mkdir -p "$LAUNCHER_TARGET"
    touch "$BUILD_STAMP.next"
    if ! (cd "$NEWSWATCH_ROOT" && mvn -B -q install -DskipTests -pl "$modules" -am); then
        die "the build failed (Maven's output is above); fix it, or run deploy/local/up --no-build to start what was built before"
    fi
    if [[ "$stamp" == stamp ]]; then
        mv -f "$BUILD_STAMP.next" "$BUILD_STAMP"
    else
        rm -f "$BUILD_STAMP.next"
    fi
    echo "  Built in $((SECONDS - started)) s"
}

# Keeps the built launcher in .state/launcher for down and status (see LAUNCHER_COPY): hard links, else a copy.
keep_launcher_copy() {
    local next="$LAUNCHER_COPY.next.$$"
    rm -rf "$next"
    if ! { mkdir -p "$next" && cp -al "$LAUNCHER_JAR" "$LAUNCHER_TARGET/launcher-libs" "$next/" 2> /dev/null; }; then
        rm -rf "$next"
        mkdir -p "$next" && cp -a "$LAUNCHER_JAR" "$LAUNCHER_TARGET/launcher-libs" "$next/" || {
            rm -rf "$next"
            return 1
        }
    fi
    rm -rf "$LAUNCHER_COPY" && mv "$next" "$LAUNCHER_COPY"
}

# Prints the leading comment block of the script $1 (its usage), without the "# ".
print_usage() {
    sed -n '2,/^set -euo/p' "$1" | sed '$d' | sed 's/^# \{0,1\}//'
}

# deploy/local/down and status: never build, so that the stack can be stopped whatever state the tree is in.
# Runs the built launcher, else the copy the last up kept.
run_without_build() {
    local command="$1" script="$2"
    shift 2
    case "${1:-}" in
        -h | --help)
            print_usage "$script"
            exit 0
            ;;
    esac
    require_java
    run_launcher "$command" "$@"
}

# Replaces this shell with the Java launcher: Ctrl-C then goes straight to it. up runs the built launcher only;
# down and status fall back to the copy the last up kept.
run_launcher() {
    local command="$1"
    shift
    local jar="$LAUNCHER_JAR" libs="$LAUNCHER_TARGET/launcher-libs"
    if [[ "$command" == up ]]; then
        launcher_built || die "the launcher is not built: run deploy/local/up without --no-build (or mvn -B install -DskipTests -pl deploy/launcher -am)"
        keep_launcher_copy || echo "  (could not keep a copy of the launcher in $LAUNCHER_COPY; down needs the build)" >&2
    elif ! [[ -f "$jar" && -d "$libs" ]]; then
        jar="$LAUNCHER_COPY/local-launcher.jar"
        libs="$LAUNCHER_COPY/launcher-libs"
        [[ -f "$jar" && -d "$libs" ]] \
            || die "the launcher is not built ($LAUNCHER_JAR is missing): build it with deploy/local/up --build or mvn -B install -DskipTests -pl deploy/launcher -am"
    fi
    # A short-lived, small launcher JVM: C1 only and a small heap start it fastest on two cores.
    exec "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -Xshare:auto \
        "-Dnewswatch.local.component=launcher-$command" \
        "-Dnewswatch.local.home=$NEWSWATCH_STATE" \
        "-Dnewswatch.repo=$NEWSWATCH_ROOT" \
        -cp "$jar:$libs/*" \
        org.newswatch.launcher.LocalStack "$command" "$@"
}
