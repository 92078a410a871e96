#!/usr/bin/env bash
# Reminder-service benchmark. The reminder-service runs as its own process (the built jar) on the local MariaDB/MySQL
# (root@127.0.0.1:3306, database bench_reminder, recreated) and Redis, with a KRaft Kafka broker started here; a
# separate JVM (ReminderBench.java) publishes booking-created events to scheduleright.bookings.v1 and times each
# booking from its event to the first reminder event the service publishes after committing the planned reminders.
# Prints: event → scheduled p50/p99 at RATE events/s offered; the sustained maximum of one instance (a backlog of
# BACKLOG events drained); the same with two reminder-service processes (two JVMs in one consumer group) and the
# scale-out factor. Builds what it needs from a fresh clone. PROFILE=1 records a JFR profile of the single instance
# while it drains the backlog and prints where its CPU samples went.
# Usage: [CONCURRENCY=n] [SCALE_OUT=0] benchmarks/reminder/run.sh [rate, default 200]
#        [seconds at that rate, default 20; 0 skips it] [backlog, default 8000]
# SCALE_OUT=0 skips the two-process run (a quick measure of one instance's CPU per event).
set -euo pipefail
# shellcheck source=benchmarks/booking/platform.sh
source "$(dirname "$0")/../booking/platform.sh"
cd "$root"
RATE=${1:-200}
PACED_SECONDS=${2:-20}
BACKLOG=${3:-8000}
run="$root/run/bench-reminder"
rm -rf "$run"; mkdir -p "$run"
DB=bench_reminder
KEYS=local-dev-only:F81cOO0We9BqAu3+UgGzCAlq+5t3xj735J5vX0e0wW4=

bench_build reminder-service
cp reminder-service/target/reminder-service.jar "$run/"
mkdir -p "$run/lib"
client_cp=$(tr ':' '\n' < reminder-service/target/classpath.txt | while read -r jar; do
  case $jar in "$root"/*) cp "$jar" "$run/lib/"; echo "$run/lib/$(basename "$jar")" ;; *) echo "$jar" ;; esac
done | paste -sd:)
echo "$client_cp" > "$run/classpath.txt"
bench_kafka "$run/kafka"
bench_client() { java -cp "$(cat "$run/classpath.txt")" benchmarks/reminder/ReminderBench.java "$@"; }
bench_jwks_dir="$run/keys"; mkdir -p "$bench_jwks_dir/.well-known"; echo '{"keys":[]}' > "$bench_jwks_dir/.well-known/jwks.json"
python3 -m http.server "$JWKS_PORT" --bind 127.0.0.1 --directory "$bench_jwks_dir" >"$run/jwks.log" 2>&1 &
bench_pids+=($!)
mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
# consumer threads per process: CONCURRENCY, else the service's default
concurrency=${CONCURRENCY:-$(grep -E '^\s+concurrency:' reminder-service/src/main/resources/application.yml | head -1 \
  | sed -E 's/.*:([0-9]+)\}?$/\1/')}
reminder() { # port name
  bench_service "reminder-$2" "$run/reminder-service.jar" "$1" "$run/reminder-$2.log" \
    MYSQL_DATABASE=$DB CONTACT_ENCRYPTION_KEYS=$KEYS SCHEDULERIGHT_REMINDERS_CONSUMER_CONCURRENCY="$concurrency" HOSTNAME="bench-$2" SMS_QUOTA_KEY_PREFIX="bench:reminder:$2:" \
    ${BENCH_SERVICE_ENV:-}
}
reminder 18120 one
one_pid=$BENCH_LAST_PID
bench_client members "$KAFKA" reminder-service "${concurrency:-1}" >/dev/null

WARMUP=${WARMUP:-1000}
say "warm-up ($WARMUP events at $RATE/s)"
bench_client paced "$KAFKA" "$KEYS" "$RATE" "$WARMUP" >/dev/null
echo "reminder-service benchmark $(date -u +%FT%TZ), load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, consumer concurrency ${concurrency:-1} per process"
[ "$PACED_SECONDS" -gt 0 ] && echo "event → scheduled, one instance: $(bench_client paced "$KAFKA" "$KEYS" "$RATE" $((RATE * PACED_SECONDS)))"
# the CPU per event counts from an idle consumer (every earlier event applied) until the backlog is applied, however
# long that takes on a busy host
applied() { mariadb -h127.0.0.1 -uroot -N -e "SELECT COUNT(*) FROM $DB.processed_events"; }
drain() { # events
  for _ in $(seq 1 900); do [ "$(applied)" -ge "$1" ] && return; sleep 1; done
  say "only $(applied) of $1 events applied after 15 minutes"
}
drain "$(( WARMUP + RATE * PACED_SECONDS ))"
[ "${PROFILE:-}" = 1 ] && jcmd "$one_pid" JFR.start name=bench settings=profile >/dev/null
s0=$(cpu_seconds "$one_pid")
single=$(bench_client burst "$KAFKA" "$KEYS" "$BACKLOG")
drain "$(( WARMUP + RATE * PACED_SECONDS + BACKLOG ))"
s1=$(cpu_seconds "$one_pid")
[ "${PROFILE:-}" = 1 ] && jcmd "$one_pid" JFR.stop name=bench filename="$run/reminder-1.jfr" >/dev/null
echo "sustained maximum, one instance: $single, service CPU $(awk -v a="$s0" -v b="$s1" -v n="$BACKLOG" 'BEGIN{printf "%.2f", (b-a)*1000/n}') ms/event"
if [ "${SCALE_OUT:-1}" != 0 ]; then
reminder 18121 two
bench_client members "$KAFKA" reminder-service $(( 2 * ${concurrency:-1} )) >/dev/null
bench_client paced "$KAFKA" "$KEYS" "$RATE" 1000 >/dev/null
pair=$(bench_client burst "$KAFKA" "$KEYS" "$BACKLOG")
echo "sustained maximum, two processes: $pair"
echo "scale-out: $(awk -v a="${single#*throughput=}" -v b="${pair#*throughput=}" 'BEGIN{printf "%.2f", (b+0)/(a+0)}')"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${PROFILE:-}" = 1 ]; then
  echo "profile of one instance draining the backlog ($run/reminder-1.jfr):"
  python3 benchmarks/booking/profile.py "$run/reminder-1.jfr"
fi
