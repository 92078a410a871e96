#!/usr/bin/env bash
# Gateway overhead benchmark (issue 4): throughput and p50/p99 latency at 32 and 128 connections for
#   (a) a trivial backend on loopback (nginx `return 200`),
#   (b) nginx proxying to it,
#   (c) the gateway (JWT verification, rate-limit check in Redis, security headers) routing to it,
# the ratios (c)/(a) and (c)/(b), and the Redis commands per rate-limit check (INFO commandstats).
# Needs: wrk, nginx, redis-server/redis-cli (a private Redis is started so that INFO commandstats counts only the
# gateway), a mysql/mariadb client and MySQL/MariaDB on its default local port, and gateway/target/gateway.jar
# (./mvnw -DskipTests -pl gateway -am package). Usage: benchmarks/gateway/run.sh [seconds per run]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
duration=${1:-15}
backend_port=${BENCH_BACKEND_PORT:-18080}
nginx_port=${BENCH_NGINX_PORT:-18081}
gateway_port=${BENCH_GATEWAY_PORT:-18082}
work=$(mktemp -d)
redis_port=${BENCH_REDIS_PORT:-16380}
redis=(redis-cli -p "$redis_port")
for tool in wrk nginx redis-server redis-cli java curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk nginx-light redis-tools)" >&2; exit 2; }
done
[[ -f $root/gateway/target/gateway.jar ]] || { echo "build gateway/target/gateway.jar first" >&2; exit 2; }

cleanup() {
  [[ -n ${gateway_pid:-} ]] && kill "$gateway_pid" 2>/dev/null || true
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

IDENTITY_DB=scheduleright_identity_bench "$root/infra/mysql/apply.sh" >/dev/null
ADMIN_EMAIL=bench-admin@example.test ADMIN_PASSWORD='bench admin password' \
  MYSQL_DATABASE=scheduleright_identity_bench SERVER_PORT=$gateway_port \
  BOOKING_SERVICE_URL=http://127.0.0.1:$backend_port REMINDER_SERVICE_URL=http://127.0.0.1:$backend_port \
  RATE_LIMIT_STANDARD=1000000000 REDIS_URL=redis://127.0.0.1:$redis_port LOG_LEVEL=WARN \
  java -Xmx512m -jar "$root/gateway/target/gateway.jar" >"$work/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$gateway_port/readiness" >/dev/null && break; sleep 1; done
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

path=/api/v1/bookings/benchmark
# Warm the gateway's JIT before measuring.
wrk -t2 -c32 -d"${duration}s" -H "Authorization: Bearer $token" -s "$here/clients.lua" \
  "http://127.0.0.1:$gateway_port$path" >/dev/null
printf '%-12s %5s %10s %8s %8s\n' target conns req/s p50_ms p99_ms
for connections in 32 128; do
  read -r a_rps a_p50 a_p99 _ < <(measure "$connections" "http://127.0.0.1:$backend_port$path")
  read -r b_rps b_p50 b_p99 _ < <(measure "$connections" "http://127.0.0.1:$nginx_port$path")
  "${redis[@]}" CONFIG RESETSTAT >/dev/null
  read -r c_rps c_p50 c_p99 c_total < <(measure "$connections" "http://127.0.0.1:$gateway_port$path" \
    -H "Authorization: Bearer $token" -s "$here/clients.lua")
  commands=$("${redis[@]}" INFO commandstats | python3 -c '
import re, sys
print(sum(int(m.group(2)) for m in re.finditer(r"cmdstat_([\w|]+):calls=(\d+)", sys.stdin.read())
          if not m.group(1).startswith(("info", "config", "ping"))))')
  printf '%-12s %5s %10s %8s %8s\n' backend "$connections" "$a_rps" "$a_p50" "$a_p99"
  printf '%-12s %5s %10s %8s %8s\n' nginx "$connections" "$b_rps" "$b_p50" "$b_p99"
  printf '%-12s %5s %10s %8s %8s\n' gateway "$connections" "$c_rps" "$c_p50" "$c_p99"
  python3 - "$a_rps" "$b_rps" "$c_rps" "$a_p99" "$c_p99" "$commands" "$c_total" <<'PY'
import sys
a, b, c, a99, c99, commands, total = map(float, sys.argv[1:])
print("  (c)/(a) throughput %.2f, (c)/(b) throughput %.2f, p99 added over backend %.2f ms, Redis commands per check %.2f"
      % (c / a, c / b, c99 - a99, commands / total))
PY
done
echo "Redis commands by name during the last gateway run:"
"${redis[@]}" INFO commandstats | grep -o 'cmdstat_[a-z|]*:calls=[0-9]*' | sed 's/^/  /'
