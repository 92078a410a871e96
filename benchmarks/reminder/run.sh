#!/usr/bin/env bash
# Reminder-service benchmark: dispatch throughput with 1 and 2 dispatchers against an SMS provider answering in 50 ms,
# and booking-event-to-reminder-scheduled latency (p50/p99). Needs the local MariaDB and Redis (as the test suite);
# Kafka is the in-process test broker. Usage: benchmarks/reminder/run.sh [reminders] [events]
set -euo pipefail
cd "$(dirname "$0")/../.."
REMINDERS="${1:-600}"
EVENTS="${2:-300}"
./mvnw -B -q -pl reminder-service test \
  -Dtest=ReminderThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.reminders="$REMINDERS" -Dbench.events="$EVENTS" \
  -Dspotless.check.skip=true
grep -h '^BENCHMARK' reminder-service/target/surefire-reports/*ReminderThroughputBenchmark-output.txt \
  | tail -1 | tr ' ' '\n' | tail -n +2
