#!/usr/bin/env bash
# Booking-service benchmark: sustained booking creation (16 and 64 concurrent clients) against the local MariaDB/MySQL
# with the outbox relay running, next to a bare single-row INSERT + COMMIT loop on the same database, and
# commit-to-Kafka latency at 100 bookings/s. Uses the integration-test infrastructure (local MariaDB on 3306 as root,
# an in-process Kafka broker). Usage: benchmarks/booking/run.sh [requests-per-level, default 2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
REQUESTS="${1:-2000}"
./mvnw -B -q -pl booking-service test-compile -Dspotless.check.skip=true
./mvnw -B -q -pl booking-service surefire:test -Dtest=BookingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbenchmark.requests="$REQUESTS" -DargLine="-Dbenchmark.requests=$REQUESTS -XX:+EnableDynamicAgentLoading -Xshare:off"
grep -h '^BENCH ' booking-service/target/surefire-reports/org.scheduleright.booking.BookingBenchmark-output.txt \
  | sed 's/^BENCH //'
