#!/usr/bin/env bash
# Creates (or updates) ScheduleRight's databases and users on a MySQL 8 / MariaDB 10.11 server.
# Names and passwords come from the environment; the defaults are for a developer machine only and are refused by
# the services' production checks. The administrative connection: MYSQL_ADMIN_HOST/PORT/USER/PASSWORD
# (default root@127.0.0.1:3306 with an empty password, as on a fresh developer machine).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

export IDENTITY_DB=${IDENTITY_DB:-scheduleright_identity}
export BOOKING_DB=${BOOKING_DB:-scheduleright_booking}
export REMINDER_DB=${REMINDER_DB:-scheduleright_reminder}
export MIGRATION_USER=${MIGRATION_USER:-scheduleright_migrator}
export MIGRATION_PASSWORD=${MIGRATION_PASSWORD:-local-only-migrator}
export IDENTITY_APP_USER=${IDENTITY_APP_USER:-identity_app}
export IDENTITY_APP_PASSWORD=${IDENTITY_APP_PASSWORD:-local-only-identity}
export BOOKING_APP_USER=${BOOKING_APP_USER:-booking_app}
export BOOKING_APP_PASSWORD=${BOOKING_APP_PASSWORD:-local-only-booking}
export REMINDER_APP_USER=${REMINDER_APP_USER:-reminder_app}
export REMINDER_APP_PASSWORD=${REMINDER_APP_PASSWORD:-local-only-reminder}

for db in IDENTITY_DB BOOKING_DB REMINDER_DB; do
  [[ ${!db} =~ ^[A-Za-z0-9_]+$ ]] || { echo "$db must be letters, digits and _ only" >&2; exit 2; }
  export "${db}_PATTERN=${!db//_/\\_}"
done
for secret in MIGRATION_PASSWORD IDENTITY_APP_PASSWORD BOOKING_APP_PASSWORD REMINDER_APP_PASSWORD; do
  [[ ${!secret} != *"'"* && ${!secret} != *'\'* ]] || { echo "$secret must not contain quotes or backslashes" >&2; exit 2; }
done

client=$(command -v mariadb || command -v mysql) || { echo "no mysql/mariadb client found" >&2; exit 2; }
rendered=$(python3 - "$here/schema-and-users.sql.template" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
print(re.sub(r"\$\{([A-Z_]+)\}", lambda m: os.environ[m.group(1)], text))
PY
)
MYSQL_PWD=${MYSQL_ADMIN_PASSWORD:-} "$client" --protocol=TCP -h "${MYSQL_ADMIN_HOST:-127.0.0.1}" -P "${MYSQL_ADMIN_PORT:-3306}" \
  -u "${MYSQL_ADMIN_USER:-root}" <<<"$rendered"
echo "databases $IDENTITY_DB, $BOOKING_DB, $REMINDER_DB and their users are in place"
