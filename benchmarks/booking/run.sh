#!/usr/bin/env bash
# Booking-service benchmark. The booking-service runs as its own process (the built jar) with its outbox relay, on the
# local MariaDB/MySQL (root@127.0.0.1:3306, database bench_booking, recreated) and a KRaft Kafka broker started here;
# the load comes from wrk (bookings.lua: staff route, Idempotency-Key, a contact with a phone, so the event carries
# a JWE) and the reference from a separate JVM (BookingBench.java): a bare single-row INSERT + COMMIT loop over JDBC
# on the same database at the same concurrency. Prints bookings/s with p50/p99 at 16 and 64 connections, the ratio
# to the reference, the floor (the booking's own transaction over JDBC with no service: key, seat, booking, outbox
# row, commit) and its ratio to the reference, the CPU the service and the database spent per booking, and
# commit-to-Kafka p50/p99 at 200
# bookings/s offered. Builds what it needs from a fresh clone. PROFILE=1 also records a JFR profile of the service
# during the 16-connection level and prints where its CPU samples went (profile.py).
# Usage: [WARMUP=seconds, default 90] benchmarks/booking/run.sh [seconds-per-level, default 20] [paced rate, default 200]
set -euo pipefail
# shellcheck source=benchmarks/booking/platform.sh
source "$(dirname "$0")/platform.sh"
cd "$root"
SECONDS_PER_LEVEL=${1:-20}
RATE=${2:-200}
run="$root/run/bench-booking"
rm -rf "$run"; mkdir -p "$run"
PORT=18110
DB=bench_booking

bench_build booking-service
cp_file="$root/booking-service/target/classpath.txt"
# copies, so that a rebuild while the benchmark runs cannot change the jar under the running service
cp booking-service/target/booking-service.jar "$run/"
mkdir -p "$run/lib"; cp -r booking-service/target/classes "$run/classes"
client_cp=$(tr ':' '\n' < "$cp_file" | while read -r jar; do
  case $jar in "$root"/*) cp "$jar" "$run/lib/"; echo "$run/lib/$(basename "$jar")" ;; *) echo "$jar" ;; esac
done | paste -sd:)
printf '%s:%s' "$client_cp" "$run/classes" > "$run/classpath.txt"
bench_kafka "$run/kafka"
bench_jwks "$run/keys" "$run/classpath.txt"
mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
bench_service booking-service "$run/booking-service.jar" $PORT "$run/booking-service.log" \
  MYSQL_DATABASE=$DB ${BENCH_SERVICE_ENV:-}
service_pid=$BENCH_LAST_PID
db_pid=$(pidof mariadbd || pidof mysqld || true)

api=http://127.0.0.1:$PORT
admin=$(bench_token - ADMIN)
org=$(curl -sf -X POST "$api/api/v1/orgs" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"name":"Benchmark Centre","timezone":"Europe/London"}' | jq -r .id)
staff=$(bench_token "$org" STAFF)
auth=(-H "Authorization: Bearer $staff" -H 'Content-Type: application/json')
site=$(curl -sf -X POST "$api/api/v1/orgs/$org/sites" "${auth[@]}" -d '{"name":"Benchmark site"}' | jq -r .id)
slots=()
start=$(( $(date +%s) + 400 * 86400 ))
for i in $(seq 0 127); do
  s=$(date -u -d "@$(( start + i * 3600 ))" +%FT%TZ); e=$(date -u -d "@$(( start + i * 3600 + 1800 ))" +%FT%TZ)
  slots+=("$(curl -sf -X POST "$api/api/v1/sites/$site/availability" "${auth[@]}" \
    -d "{\"startTime\":\"$s\",\"endTime\":\"$e\",\"capacity\":1000}" | jq -r '.data[0].id')")
done
export BENCH_SITE=$site BENCH_TOKEN=$staff BENCH_SLOTS
BENCH_SLOTS=$(IFS=,; echo "${slots[*]}")

load() { # connections seconds run-prefix
  BENCH_RUN=$3 wrk -t2 -c"$1" -d"$2"s --timeout 10s -s benchmarks/booking/bookings.lua "$api" | grep '^RESULT' | cut -d' ' -f2-
}
bench_client() { java -cp "$(cat "$run/classpath.txt")" benchmarks/booking/BookingBench.java "$@"; }

# The JIT is still compiling after 30 s on two cores (C1 and C2 threads took about 60 % of the CPU 10 s into the
# warm-up), so warm up for WARMUP seconds (default 90) before measuring the steady state.
WARMUP=${WARMUP:-90}
say "warm-up ($WARMUP s at 16 connections: the JIT compiles the booking path)"
load 16 "$WARMUP" warm >/dev/null
echo "booking-service benchmark $(date -u +%FT%TZ), load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for c in 16 64; do
  [ "${PROFILE:-}" = 1 ] && [ "$c" = 16 ] && jcmd "$service_pid" JFR.start name=bench settings=profile >/dev/null
  s0=$(cpu_seconds "$service_pid"); d0=$( [ -n "$db_pid" ] && cpu_seconds "$db_pid" || echo 0)
  read -r rate p50 p99 ok other errors < <(load "$c" "$SECONDS_PER_LEVEL" "c$c")
  s1=$(cpu_seconds "$service_pid"); d1=$( [ -n "$db_pid" ] && cpu_seconds "$db_pid" || echo 0)
  [ "${PROFILE:-}" = 1 ] && [ "$c" = 16 ] && jcmd "$service_pid" JFR.stop name=bench filename="$run/booking-16.jfr" >/dev/null
  read -r bare bp50 bp99 < <(bench_client bare "jdbc:mysql://127.0.0.1:3306/$DB?user=root" "$c" 3 "$SECONDS_PER_LEVEL")
  read -r floor fp50 fp99 < <(bench_client floor "jdbc:mysql://127.0.0.1:3306/$DB?user=root" "$site" "$c" 3 \
    "$SECONDS_PER_LEVEL")
  printf 'clients=%d bookings/s=%s p50=%sms p99=%sms (201=%s other=%s socket-errors=%s) | bare INSERT+COMMIT/s=%s p50=%sms p99=%sms | ratio=%s | CPU ms per booking: service=%s database=%s\n' \
    "$c" "$rate" "$p50" "$p99" "$ok" "$other" "$errors" "$bare" "$bp50" "$bp99" \
    "$(awk -v a="$rate" -v b="$bare" 'BEGIN{printf "%.2f", a/b}')" \
    "$(awk -v a="$s0" -v b="$s1" -v n="$ok" 'BEGIN{printf "%.2f", (b-a)*1000/n}')" \
    "$(awk -v a="$d0" -v b="$d1" -v n="$ok" 'BEGIN{printf "%.2f", (b-a)*1000/n}')"
  printf '  floor (the booking transaction alone over JDBC, no service)/s=%s p50=%sms p99=%sms | floor/bare=%s | bookings/floor=%s\n' \
    "$floor" "$fp50" "$fp99" "$(awk -v a="$floor" -v b="$bare" 'BEGIN{printf "%.2f", a/b}')" \
    "$(awk -v a="$rate" -v b="$floor" 'BEGIN{printf "%.2f", a/b}')"
done
bench_client paced "$api" "$site" "$BENCH_SLOTS" "$staff" "$RATE" 15 "$KAFKA" scheduleright.bookings.v1 \
  | grep "^offered=" | sed "s/^/commit-to-Kafka: /"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${PROFILE:-}" = 1 ]; then
  echo "profile of the service at 16 connections ($run/booking-16.jfr):"
  python3 benchmarks/booking/profile.py "$run/booking-16.jfr"
fi
