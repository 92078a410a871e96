#!/bin/bash
# Runs docker/mysql-init/10-scheduleright.sh (what the compose MySQL container sources on first start) against the
# local MariaDB with scratch database and user names, then checks the result: three databases, DML-only app users,
# a DDL migration user, a monitor user limited to performance_schema, a backup user without DML; and that an
# empty password stops the script. Everything it creates is dropped again.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
client=$(command -v mysql || command -v mariadb)
s="sri$$"
sql() { "$client" --protocol=TCP -h 127.0.0.1 -u root -N -B -r "$@"; }
docker_process_sql() { sql; }
users=("${s}_migrator" "${s}_identity" "${s}_booking" "${s}_reminder" scheduleright_monitor scheduleright_backup)
preexisting=$(sql -e "SELECT user FROM mysql.user WHERE user IN ('scheduleright_monitor','scheduleright_backup')")
if [[ -n "$preexisting" ]]; then echo "FAIL: users $preexisting already exist on this server; refusing to touch them" >&2; exit 1; fi
cleanup() {
  for u in "${users[@]}"; do sql -e "DROP USER IF EXISTS '$u'@'%'" 2>/dev/null; done
  for d in identity booking reminder; do sql -e "DROP DATABASE IF EXISTS \`${s}_$d\`" 2>/dev/null; done
}
trap cleanup EXIT

export SCHEDULERIGHT_MYSQL_DIR="$SR_ROOT/infra/mysql"
export IDENTITY_DB="${s}_identity" BOOKING_DB="${s}_booking" REMINDER_DB="${s}_reminder" MIGRATION_USER="${s}_migrator"
export IDENTITY_APP_USER="${s}_identity" BOOKING_APP_USER="${s}_booking" REMINDER_APP_USER="${s}_reminder"
export MIGRATION_PASSWORD=m-$RANDOM$RANDOM IDENTITY_APP_PASSWORD=i-$RANDOM$RANDOM BOOKING_APP_PASSWORD=b-$RANDOM$RANDOM \
       REMINDER_APP_PASSWORD=r-$RANDOM$RANDOM MYSQL_MONITOR_PASSWORD=mon-$RANDOM$RANDOM MYSQL_BACKUP_PASSWORD=bak-$RANDOM$RANDOM

# an empty secret must stop the init script before anything is created
if (MYSQL_BACKUP_PASSWORD='' source "$SR_ROOT/docker/mysql-init/10-scheduleright.sh") >/dev/null 2>&1; then fail "empty MYSQL_BACKUP_PASSWORD accepted"; fi
[[ -z $(sql -e "SHOW DATABASES LIKE '${s}_%'") ]] || fail "databases created despite an empty secret"

out=$( (source "$SR_ROOT/docker/mysql-init/10-scheduleright.sh") 2>&1 ) || { echo "FAIL: init script: $out" >&2; exit 1; }
[[ $(sql -e "SHOW DATABASES LIKE '${s}_%'" | wc -l) == 3 ]] || fail "expected 3 databases"
grants() { sql -e "SHOW GRANTS FOR '$1'@'%'" | tr '\n' ' '; }
for svc in identity booking reminder; do
  g=$(grants "${s}_$svc")
  [[ "$g" == *"GRANT SELECT, INSERT, UPDATE, DELETE ON \`${s}\\_$svc\`.*"* ]] || fail "$svc app user grants: $g"
  [[ "$g" =~ (CREATE|ALTER|DROP|ALL\ PRIVILEGES|GRANT\ OPTION|FILE|SUPER) ]] && fail "$svc app user has more than DML: $g"
done
g=$(grants "${s}_migrator"); [[ "$g" == *CREATE* && "$g" == *ALTER* ]] || fail "migration user lacks DDL: $g"
[[ "$g" == *"ON *.*"*SUPER* || "$g" == *"ALL PRIVILEGES ON *.*"* ]] && fail "migration user has global rights: $g"
g=$(grants scheduleright_monitor); [[ "$g" == *"SELECT ON \`performance_schema\`.*"* ]] || fail "monitor grants: $g"
[[ $(grep -o "GRANT" <<<"$g" | wc -l) == 2 ]] || fail "monitor user has extra grants: $g"
g=$(grants scheduleright_backup); [[ "$g" =~ (INSERT|UPDATE|DELETE|CREATE|DROP) ]] && fail "backup user can write: $g"
MYSQL_PWD="$IDENTITY_APP_PASSWORD" "$client" --protocol=TCP -h 127.0.0.1 -u "${s}_identity" -e "CREATE TABLE \`${s}_identity\`.t (i INT)" 2>/dev/null \
  && fail "identity app user could run DDL"
MYSQL_PWD="$MIGRATION_PASSWORD" "$client" --protocol=TCP -h 127.0.0.1 -u "${s}_migrator" -e "CREATE TABLE \`${s}_booking\`.t (i INT)" \
  || fail "migration user could not run DDL"
(( SR_FAILED )) && exit 1
echo "docker/mysql-init rendered infra/mysql templates: 3 databases, DML-only app users (DDL refused), DDL migrator, monitor on performance_schema only, read-only backup user; empty secret refused"
