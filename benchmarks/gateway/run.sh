#!/usr/bin/env bash
# Gateway overhead benchmark (issues 4 and 12): throughput and p50/p99 latency at 32 and 128 connections for
#   (a) a trivial backend on loopback (nginx `return 200`),
#   (b) nginx proxy_pass to it (keep-alive upstream),
#   (c1) the gateway (JWT verification, standard rate-limit check in Redis, security headers, routing) with every
#        request from one client address (one hot rate-limit key),
#   (c2) the same with 1,000 client addresses sent by the trusted proxy in X-Forwarded-For (clients.lua),
#   (d) the framework's floor: Spring Cloud Gateway with one route and nothing else (bare-scg/, same versions, same
#       JVM options and event loops; BENCH_BARE=0 leaves it out),
# and prints, per connection count: the ratios (c)/(b), the p99 the gateway adds over the bare backend, the Redis
# commands per rate-limit check as counted by the server (INFO commandstats of a private Redis, script-internal calls
# included) and the gateway's CPU seconds per 1,000 requests (utime+stime from /proc/<pid>/stat).
# Needs: wrk, nginx, redis-server/redis-cli, java 17+, curl, python3, a mysql/mariadb client and MySQL/MariaDB on its
# default local port; on Debian as root it installs and starts what is missing (scripts/lib/services.sh). Builds
# gateway/target/gateway.jar itself when it is missing or older than the sources.
# Usage: benchmarks/gateway/run.sh [seconds per run]
# Environment: BENCH_JAVA (java binary), BENCH_JAVA_OPTS (extra JVM options), BENCH_JFR (write a JFR recording of the
# measured runs there; summarise it with profile-summary.py), BENCH_ASPROF (an async-profiler profile: .html flame
# graph or collapsed stacks),
# BENCH_WARMUP (seconds of warm-up, default 30), BENCH_GATEWAY_JAR (another jar), BENCH_CONNECTIONS (default "32 128"), BENCH_*_PORT, BENCH_REDIS_PORT, BENCH_DB (identity database for the run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
duration=${1:-15}
backend_port=${BENCH_BACKEND_PORT:-18080}
nginx_port=${BENCH_NGINX_PORT:-18081}
gateway_port=${BENCH_GATEWAY_PORT:-18082}
bare_port=${BENCH_BARE_PORT:-18083}
bare=${BENCH_BARE:-1}
bare_jar=$here/bare-scg/target/bench-bare-scg.jar
redis_port=${BENCH_REDIS_PORT:-16380}
database=${BENCH_DB:-scheduleright_identity_bench}
java=${BENCH_JAVA:-java}
jar=${BENCH_GATEWAY_JAR:-$root/gateway/target/gateway.jar}
work=$(mktemp -d)
redis=(redis-cli -p "$redis_port")
# the tools and the local MariaDB (for the identity database), installed when missing on Debian as root
# shellcheck source=scripts/lib/services.sh
source "$root/scripts/lib/services.sh"
SERVICES_PREFIX='[bench]'
need_tools wrk:wrk nginx:nginx-light redis-server:redis-server redis-cli:redis-tools curl:curl python3:python3 || exit 2
need_mariadb || exit 2
command -v "$java" >/dev/null || { echo "missing $java (Java 17 or later)" >&2; exit 2; }

if [[ -z ${BENCH_GATEWAY_JAR:-} ]]; then
  stale=$( [[ -f $jar ]] && find "$root/pom.xml" "$root/gateway/pom.xml" "$root/gateway/src/main" \
    "$root/service-platform/pom.xml" "$root/service-platform/src/main" "$root/common-events/src/main" \
    -newer "$jar" -type f -print -quit 2>/dev/null || echo missing)
  if [[ -n $stale ]]; then
    echo "building $jar" >&2
    (cd "$root" && ./mvnw -B -q -DskipTests -pl gateway -am package)
  fi
fi

if [[ $bare != 0 ]]; then
  stale=$( [[ -f $bare_jar ]] && find "$root/pom.xml" "$here/bare-scg/pom.xml" "$here/bare-scg/src" -newer "$bare_jar" \
    -type f -print -quit 2>/dev/null || echo missing)
  if [[ -n $stale ]]; then
    echo "building $bare_jar" >&2
    (cd "$root" && ./mvnw -B -q -DskipTests -f benchmarks/gateway/bare-scg/pom.xml package)
  fi
fi

cleanup() {
  [[ -n ${gateway_pid:-} ]] && kill "$gateway_pid" 2>/dev/null || true
  [[ -n ${bare_pid:-} ]] && kill "$bare_pid" 2>/dev/null || true
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  "${redis[@]}" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work; uwsgi_temp_path $work; scgi_temp_path $work;
  upstream backend { server 127.0.0.1:$backend_port; keepalive 256; }
  server { listen 127.0.0.1:$backend_port; location / { default_type application/json; return 200 '{"ok":true}'; } }
  server { listen 127.0.0.1:$nginx_port; location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --dir "$work" --logfile "$work/redis.log" >/dev/null

IDENTITY_DB=$database "$root/infra/mysql/apply.sh" >/dev/null
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
ADMIN_EMAIL=bench-admin@example.test ADMIN_PASSWORD='bench admin password' \
  MYSQL_DATABASE=$database SERVER_PORT=$gateway_port \
  BOOKING_SERVICE_URL=http://127.0.0.1:$backend_port REMINDER_SERVICE_URL=http://127.0.0.1:$backend_port \
  RATE_LIMIT_STANDARD=1000000000 REDIS_URL=redis://127.0.0.1:$redis_port LOG_LEVEL=${BENCH_LOG_LEVEL:-WARN} \
  "$java" -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$jar" >"$work/gateway.log" 2>&1 &
gateway_pid=$!
if [[ $bare != 0 ]]; then
  # the gateway's own event-loop default (half the processors, EventLoopSizing); BENCH_JAVA_OPTS, later, wins
  loops=$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  "$java" -Xmx512m -Dreactor.netty.ioWorkerCount=$loops ${BENCH_JAVA_OPTS:-} -jar "$bare_jar" --server.port="$bare_port" \
    --spring.cloud.gateway.server.webflux.routes[0].id=bench \
    --spring.cloud.gateway.server.webflux.routes[0].uri="http://127.0.0.1:$backend_port" \
    '--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/v1/bookings/**' >"$work/bare.log" 2>&1 &
  bare_pid=$!
fi
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$gateway_port/readiness" >/dev/null && break; sleep 1; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"bench-admin@example.test","password":"bench admin password"}' \
  "http://127.0.0.1:$gateway_port/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

# Prints "requests_per_second p50_ms p99_ms total_requests" for one wrk run.
measure() {
  local connections=$1 url=$2; shift 2
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" "$url" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
total = int(re.search(r"(\d+) requests in", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if bad:
    print("warning: %s non-2xx responses" % bad.group(1), file=sys.stderr)
print("%.0f %.2f %.2f %d" % (rps, ms("50%"), ms("99%"), total))'
}

# A process's CPU time so far (the gateway's unless named), in clock ticks (utime + stime of /proc/<pid>/stat).
cpu_ticks() {
  python3 - "${1:-$gateway_pid}" <<'PY'
import sys
fields = open("/proc/%s/stat" % sys.argv[1]).read().rsplit(")", 1)[1].split()
print(int(fields[11]) + int(fields[12]))
PY
}

redis_commands() {
  "${redis[@]}" INFO commandstats | python3 -c '
import re, sys
print(sum(int(m.group(2)) for m in re.finditer(r"cmdstat_([\w|]+):calls=(\d+)", sys.stdin.read())
          if not m.group(1).startswith(("info", "config", "ping", "hello", "client"))))'
}

path=/api/v1/bookings/benchmark
auth=(-H "Authorization: Bearer $token")
# Warm the gateway's JIT and create the buckets of both client mixes before measuring. The C2 compiler is still busy
# long after start-up on two cores (a third of the CPU samples of a 10 s warm-up went to it), so the warm-up is at
# least BENCH_WARMUP seconds (default 30).
warmup=$(( ${BENCH_WARMUP:-30} > duration ? ${BENCH_WARMUP:-30} : duration ))
wrk -t2 -c32 -d"${warmup}s" "${auth[@]}" -s "$here/clients.lua" "http://127.0.0.1:$gateway_port$path" >/dev/null
if [[ $bare != 0 ]]; then
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$bare_port$path" && break; sleep 1; done
  wrk -t2 -c32 -d"${warmup}s" "http://127.0.0.1:$bare_port$path" >/dev/null
fi
# BENCH_JFR=<file>: a JFR recording (profile settings) of the last warm-up and the measured runs, without start-up.
jcmd=$(dirname "$(readlink -f "$(command -v "$java")")")/jcmd
echo "gateway event loops: $("$jcmd" "$gateway_pid" Thread.print | grep -c '^"reactor-http-epoll-')"
if [[ -n ${BENCH_JFR:-} ]]; then "$jcmd" "$gateway_pid" JFR.start name=bench settings=profile >/dev/null; fi
# BENCH_ASPROF=<file>: an async-profiler CPU profile of the measured runs (collapsed stacks, or a flame graph when the
# (jcmd splits an unquoted option at its commas: the inner quotes keep it whole)
# name ends in .html); the library comes from the tools.profiler:async-profiler jar (fetched into target/ once).
if [[ -n ${BENCH_ASPROF:-} ]]; then
  asprof_lib=$root/target/async-profiler/linux-x64/libasyncProfiler.so
  if [[ ! -f $asprof_lib ]]; then
    (cd "$root" && ./mvnw -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 \
      -DoutputDirectory=target/async-profiler)
    (cd "$root/target/async-profiler" && unzip -o -q async-profiler-4.1.jar 'linux-x64/*')
  fi
  "$jcmd" "$gateway_pid" JVMTI.agent_load "$asprof_lib" "\"start,event=cpu,interval=1ms\"" >/dev/null
fi
wrk -t2 -c32 -d5s "${auth[@]}" -s "$here/one-client.lua" "http://127.0.0.1:$gateway_port$path" >/dev/null

ticks=$(getconf CLK_TCK)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %5s %10s %8s %8s %14s %10s\n' target conns req/s p50_ms p99_ms redis_cmd/check cpu_s/1000
for connections in ${BENCH_CONNECTIONS:-32 128}; do
  read -r a_rps a_p50 a_p99 _ < <(measure "$connections" "http://127.0.0.1:$backend_port$path")
  read -r b_rps b_p50 b_p99 _ < <(measure "$connections" "http://127.0.0.1:$nginx_port$path")
  printf '%-16s %5s %10s %8s %8s\n' backend "$connections" "$a_rps" "$a_p50" "$a_p99"
  printf '%-16s %5s %10s %8s %8s\n' nginx-proxy "$connections" "$b_rps" "$b_p50" "$b_p99"
  if [[ $bare != 0 ]]; then
    cpu_before=$(cpu_ticks "$bare_pid")
    read -r d_rps d_p50 d_p99 d_total < <(measure "$connections" "http://127.0.0.1:$bare_port$path")
    cpu_after=$(cpu_ticks "$bare_pid")
    python3 - "$connections" "$d_rps" "$d_p50" "$d_p99" "$d_total" "$cpu_before" "$cpu_after" "$ticks" "$b_rps" \
      "$a_p99" <<'PY'
import sys
conns = sys.argv[1]
rps, p50, p99, total, before, after, ticks, nginx, backend99 = map(float, sys.argv[2:])
cpu = (after - before) / ticks / total * 1000
print("%-16s %5s %10.0f %8.2f %8.2f %14s %10.3f" % ("bare-scg", conns, rps, p50, p99, "", cpu))
print("  bare-scg at %s connections: bare Spring Cloud Gateway/nginx-proxy throughput %.2f, p99 added %.2f ms"
      % (conns, rps / nginx, p99 - backend99))
PY
  fi
  for mix in one-client clients; do
    "${redis[@]}" CONFIG RESETSTAT >/dev/null
    cpu_before=$(cpu_ticks)
    read -r c_rps c_p50 c_p99 c_total < <(measure "$connections" "http://127.0.0.1:$gateway_port$path" \
      "${auth[@]}" -s "$here/$mix.lua")
    cpu_after=$(cpu_ticks)
    commands=$(redis_commands)
    label=$([[ $mix == one-client ]] && echo "gateway-1-ip" || echo "gateway-1000-ip")
    python3 - "$label" "$connections" "$c_rps" "$c_p50" "$c_p99" "$commands" "$c_total" \
      "$cpu_before" "$cpu_after" "$ticks" "$b_rps" "$a_p99" <<'PY'
import sys
label, conns = sys.argv[1:3]
rps, p50, p99, commands, total, before, after, ticks, nginx, backend99 = map(float, sys.argv[3:])
cpu = (after - before) / ticks / total * 1000
print("%-16s %5s %10.0f %8.2f %8.2f %14.2f %10.3f" % (label, conns, rps, p50, p99, commands / total, cpu))
print("  %s at %s connections: gateway/nginx-proxy throughput %.2f, p99 added over the backend %.2f ms"
      % (label, conns, rps / nginx, p99 - backend99))
PY
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n ${BENCH_JFR:-} ]]; then "$jcmd" "$gateway_pid" JFR.stop name=bench filename="$BENCH_JFR" >/dev/null; fi
if [[ -n ${BENCH_ASPROF:-} ]]; then
  format=$([[ $BENCH_ASPROF == *.html ]] && echo flamegraph || echo collapsed)
  "$jcmd" "$gateway_pid" JVMTI.agent_load "$asprof_lib" "\"stop,$format,file=$(readlink -f "$BENCH_ASPROF")\"" >/dev/null
fi
echo "Redis commands by name during the last gateway run:"
"${redis[@]}" INFO commandstats | grep -o 'cmdstat_[a-z|]*:calls=[0-9]*' | sed 's/^/  /'
