#!/bin/bash
# Restores one encrypted backup made by backup.sh into a database (created if missing; existing tables of the
# same name are replaced by the dump's DROP TABLE IF EXISTS). Verifies the .sha256 first when present.
#   restore.sh <file.sql.gz.enc> <target_database>
# Environment: BACKUP_ENCRYPTION_KEY_FILE or BACKUP_ENCRYPTION_KEY; RESTORE_MYSQL_HOST/PORT/USER/PASSWORD
# (default 127.0.0.1:3306 root). Restore into a NEW database first, verify, then switch (runbook "Restore").
set -euo pipefail
umask 077

file=${1:?usage: restore.sh <file.sql.gz.enc> <target_database>}
db=${2:?usage: restore.sh <file.sql.gz.enc> <target_database>}
[[ "$db" =~ ^[A-Za-z0-9_]+$ ]] || { echo "restore: bad database name '$db'" >&2; exit 2; }
[[ -r "$file" ]] || { echo "restore: cannot read $file" >&2; exit 2; }

if [[ -n "${BACKUP_ENCRYPTION_KEY_FILE:-}" ]]; then
  pass_arg="file:$BACKUP_ENCRYPTION_KEY_FILE"
elif [[ -n "${BACKUP_ENCRYPTION_KEY:-}" ]]; then
  pass_arg="env:BACKUP_ENCRYPTION_KEY"
else
  echo "restore: set BACKUP_ENCRYPTION_KEY_FILE (or BACKUP_ENCRYPTION_KEY)" >&2; exit 2
fi

if [[ -f "$file.sha256" ]]; then
  (cd "$(dirname "$file")" && sha256sum --quiet -c "$(basename "$file").sha256") \
    || { echo "restore: checksum mismatch for $file" >&2; exit 3; }
fi

client=$(command -v mysql || command -v mariadb) || { echo "restore: mysql client not found" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
options="$work/client.cnf"
{
  echo "[client]"
  echo "host=${RESTORE_MYSQL_HOST:-127.0.0.1}"
  echo "port=${RESTORE_MYSQL_PORT:-3306}"
  echo "user=${RESTORE_MYSQL_USER:-root}"
  [[ -n "${RESTORE_MYSQL_PASSWORD:-}" ]] && printf 'password="%s"\n' "${RESTORE_MYSQL_PASSWORD//\"/\\\"}"
} >"$options"

# Decrypt and decompress completely before touching the database: a wrong key or a truncated file fails here.
openssl enc -d -aes-256-cbc -pbkdf2 -iter 200000 -pass "$pass_arg" -in "$file" | gunzip -c >"$work/dump.sql"
"$client" --defaults-extra-file="$options" -e "CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4"
"$client" --defaults-extra-file="$options" --database="$db" <"$work/dump.sql"
echo "restore: $file -> $db"
