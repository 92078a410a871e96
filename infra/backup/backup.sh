#!/bin/bash
# Encrypted logical backup of the ScheduleRight databases: one file per database,
#   <BACKUP_DIR>/<database>-<UTC timestamp>.sql.gz.enc  (+ .sha256 of the encrypted file)
# mysqldump --single-transaction (consistent InnoDB snapshot without locking writers) | gzip |
# openssl enc -aes-256-cbc -pbkdf2. No secret ever appears in argv (visible in `ps`): the MySQL password goes through
# a 0600 option file, the encryption key through `-pass file:` or `-pass env:`.
#
# Environment:
#   BACKUP_DATABASES            space-separated (default: scheduleright_identity scheduleright_booking scheduleright_reminder)
#   BACKUP_DIR                  target directory (default /var/backups/scheduleright), created 0700
#   BACKUP_ENCRYPTION_KEY_FILE  file holding the passphrase (preferred), or BACKUP_ENCRYPTION_KEY (env)
#   BACKUP_MYSQL_HOST/PORT/USER/PASSWORD   (default 127.0.0.1:3306, scheduleright_backup)
#   BACKUP_RETENTION_DAYS       delete this script's backups older than N days (default 14; 0 keeps everything)
#   BACKUP_BINLOG_COORDINATES   1 = record the binary-log position (--source-data=2) for point-in-time recovery
# Cron (daily 02:00): 0 2 * * * /opt/scheduleright/infra/backup/backup.sh >>/var/log/scheduleright-backup.log 2>&1
set -euo pipefail
umask 077

databases=${BACKUP_DATABASES:-"scheduleright_identity scheduleright_booking scheduleright_reminder"}
backup_dir=${BACKUP_DIR:-/var/backups/scheduleright}
retention_days=${BACKUP_RETENTION_DAYS:-14}

if [[ -n "${BACKUP_ENCRYPTION_KEY_FILE:-}" ]]; then
  [[ -r "$BACKUP_ENCRYPTION_KEY_FILE" && -s "$BACKUP_ENCRYPTION_KEY_FILE" ]] || { echo "backup: key file unreadable or empty" >&2; exit 2; }
  pass_arg="file:$BACKUP_ENCRYPTION_KEY_FILE"
elif [[ -n "${BACKUP_ENCRYPTION_KEY:-}" ]]; then
  pass_arg="env:BACKUP_ENCRYPTION_KEY"
else
  echo "backup: set BACKUP_ENCRYPTION_KEY_FILE (or BACKUP_ENCRYPTION_KEY)" >&2; exit 2
fi

dump=$(command -v mysqldump || command -v mariadb-dump) || { echo "backup: mysqldump not found" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
options="$work/client.cnf"
{
  echo "[client]"
  echo "host=${BACKUP_MYSQL_HOST:-127.0.0.1}"
  echo "port=${BACKUP_MYSQL_PORT:-3306}"
  echo "user=${BACKUP_MYSQL_USER:-scheduleright_backup}"
  [[ -n "${BACKUP_MYSQL_PASSWORD:-}" ]] && printf 'password="%s"\n' "${BACKUP_MYSQL_PASSWORD//\"/\\\"}"
} >"$options"

dump_options=(--single-transaction --quick --routines --triggers --hex-blob --no-tablespaces
              --default-character-set=utf8mb4 --skip-dump-date)
# MySQL's mysqldump embeds GTID_PURGED by default, which breaks restoring into a server with its own GTIDs.
"$dump" --help 2>/dev/null | grep -q -- '--set-gtid-purged' && dump_options+=(--set-gtid-purged=OFF)
if [[ "${BACKUP_BINLOG_COORDINATES:-0}" == 1 ]]; then
  if "$dump" --help 2>/dev/null | grep -q -- '--source-data'; then dump_options+=(--source-data=2); else dump_options+=(--master-data=2); fi
fi

mkdir -p "$backup_dir"
chmod 0700 "$backup_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
for db in $databases; do
  [[ "$db" =~ ^[A-Za-z0-9_]+$ ]] || { echo "backup: bad database name '$db'" >&2; exit 2; }
  target="$backup_dir/$db-$stamp.sql.gz.enc"
  partial="$target.partial"
  # pipefail: a failing mysqldump fails the pipeline even though gzip and openssl succeed.
  "$dump" --defaults-extra-file="$options" "${dump_options[@]}" "$db" \
    | gzip -6 \
    | openssl enc -aes-256-cbc -pbkdf2 -iter 200000 -salt -pass "$pass_arg" -out "$partial"
  mv "$partial" "$target"
  (cd "$backup_dir" && sha256sum "$(basename "$target")" >"$(basename "$target").sha256")
  echo "backup: $db -> $target ($(stat -c %s "$target") bytes)"
done

if [[ "$retention_days" -gt 0 ]]; then
  find "$backup_dir" -maxdepth 1 -type f \( -name '*.sql.gz.enc' -o -name '*.sql.gz.enc.sha256' \) \
    -mtime +"$retention_days" -print -delete | sed 's/^/backup: expired /'
fi
