#!/usr/bin/env bash
# Profiles one endpoint of a bench target under load: starts the jar, warms the endpoint with wrk,
# attaches async-profiler (CPU, all threads) while wrk measures, and prints where each request's
# CPU goes, by library, in microseconds per request. See bench/README.md.
#
#   bench/profile.sh JAR ENDPOINT [WARMUP_S] [SECONDS]
#   bench/profile.sh bench/target/carafe-bench.jar users_get 30 15
#
# ENDPOINT is a wrk script of ../shared/bench/wrk: users_get, posts_get or users_post. It needs the
# bench database that ../shared/bench/run seeds, wrk, and python3. Extra environment variables
# (CARAFE_RECORD_QUERIES=true, say) pass through to the target. The collapsed stacks are kept in
# target/profile-ENDPOINT.collapsed, for a flame graph or further reading.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$(realpath "$1")"; endpoint="$2"; warmup="${3:-30}"; seconds="${4:-15}"
wrk_dir="$here/../../shared/bench/wrk"
port=18091
export BENCH_DATABASE_URL="${BENCH_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/bench?user=postgres}"
export BENCH_PORT=$port

version=4.1
agent_jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
[[ -f "$agent_jar" ]] || mvn -B -ntp -q dependency:get -Dartifact="tools.profiler:async-profiler:$version"
agent_dir="$here/target/async-profiler"
mkdir -p "$agent_dir"
unzip -o -q "$agent_jar" 'linux-x64/libasyncProfiler.so' -d "$agent_dir"
agent="$agent_dir/linux-x64/libasyncProfiler.so"
out="$here/target/profile-$endpoint.collapsed"

java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -jar "$jar" >"$here/target/profile-app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/users/1" && break; sleep 0.1; done
wrk -t1 -c16 -d"${warmup}s" -s "$wrk_dir/$endpoint.lua" "http://127.0.0.1:$port" -- "profile-w$$" >/dev/null
# jcmd reads name=value pairs itself: the quotes keep the agent's options in one piece.
jcmd $pid JVMTI.agent_load "$agent" "\"start,event=cpu,interval=1ms\"" >/dev/null
requests=$(wrk -t1 -c16 -d"${seconds}s" -s "$wrk_dir/$endpoint.lua" "http://127.0.0.1:$port" -- "profile-$$" \
  | sed -n 's/.*"requests":\([0-9]*\).*/\1/p')
jcmd $pid JVMTI.agent_load "$agent" "\"stop,collapsed,file=$out\"" >/dev/null
psql -q -h 127.0.0.1 -U postgres bench -c "delete from users where id > 10000" >/dev/null 2>&1 || true

python3 - "$out" "$requests" "$seconds" <<'EOF'
import collections, sys
path, requests, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
libraries = [("kernel", "_[k]"), ("JIT compiler", "Compile"), ("GC", "G1"), ("Hibernate", "org/hibernate"),
             ("PostgreSQL driver", "org/postgresql"), ("HikariCP", "com/zaxxer"), ("datasource-proxy", "net/ttddyy"),
             ("Carafe", "dev/carafe"), ("Javalin", "io/javalin"), ("Kotlin", "kotlin/"), ("Jackson", "com/fasterxml"),
             ("Jetty", "org/eclipse/jetty"), ("SLF4J", "org/slf4j"), ("JDK", "java/"), ("JDK", "jdk/"), ("JDK", "sun/")]
per_library = collections.Counter()
total = 0
for line in open(path):
    stack, _, count = line.rstrip().rpartition(" ")
    count = int(count)
    total += count
    library = "other"
    for frame in reversed(stack.split(";")):
        hits = [name for name, marker in libraries if marker in frame]
        if hits:
            library = hits[0]
            break
    per_library[library] += count
print(f"{requests / seconds:.0f} req/s while profiled; CPU of the target per request, by the library running it:")
print(f"  {'all':18s} {total * 1000 / requests:8.1f} us")
for library, count in per_library.most_common():
    print(f"  {library:18s} {count * 1000 / requests:8.1f} us")
EOF
