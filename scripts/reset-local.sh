#!/usr/bin/env bash
# Forgets what scripts/run-local.sh set up, so that its next start begins afresh: drops the local databases
# (scheduleright_identity, scheduleright_booking, scheduleright_reminder, or IDENTITY_DB/BOOKING_DB/REMINDER_DB as
# given to infra/mysql/apply.sh), deletes run/admin.env (the first admin's saved credentials), run/demo.env (the demo
# ids) and the local Kafka broker's data. Redis is left alone (its keys expire by themselves).
# Usage: scripts/reset-local.sh [--yes]
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[scheduleright]\033[0m %s\n' "$*"; }

if (echo >/dev/tcp/127.0.0.1/3001) >/dev/null 2>&1; then
  say "something listens on port 3001: stop scripts/run-local.sh (Ctrl-C) first"
  exit 1
fi
databases=("${IDENTITY_DB:-scheduleright_identity}" "${BOOKING_DB:-scheduleright_booking}" "${REMINDER_DB:-scheduleright_reminder}")
for db in "${databases[@]}"; do
  [[ $db =~ ^[A-Za-z0-9_]+$ ]] || { say "database names are letters, digits and _ only: $db"; exit 2; }
done
if [ "${1:-}" != --yes ]; then
  if [ ! -t 0 ]; then say "run with --yes to confirm"; exit 1; fi
  read -r -p "Drop the databases ${databases[*]} on ${MYSQL_HOST:-127.0.0.1} and delete run/*.env? [y/N] " answer
  [[ $answer =~ ^[Yy] ]] || { say "nothing changed"; exit 1; }
fi
client=$(command -v mariadb || command -v mysql) || { say "no mariadb/mysql client found"; exit 2; }
drops=""
for db in "${databases[@]}"; do drops+="DROP DATABASE IF EXISTS \`$db\`; "; done
MYSQL_PWD=${MYSQL_ADMIN_PASSWORD:-} "$client" --protocol=TCP -h "${MYSQL_HOST:-127.0.0.1}" -P "${MYSQL_PORT:-3306}" \
  -u "${MYSQL_ADMIN_USER:-root}" -e "$drops"
rm -f run/admin.env run/demo.env
rm -rf run/kafka/data
say "dropped ${databases[*]}; deleted run/admin.env, run/demo.env and run/kafka/data"
say "scripts/run-local.sh now starts afresh (a new first admin, new demo data)"
