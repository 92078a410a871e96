#!/bin/bash
# Round trip on a real server (the local MariaDB/MySQL, default root@127.0.0.1 without password):
# scratch database with varied rows -> backup.sh -> DROP DATABASE -> restore.sh -> row counts and CHECKSUM TABLE must
# match. Then the failure paths: wrong key, tampered file, missing key must all be refused, and the key must not
# appear in any process's argv while a backup runs. Cleans up its database and files whatever happens.
# Environment: TEST_MYSQL_HOST/PORT/USER/PASSWORD.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
client=$(command -v mysql || command -v mariadb)
db="sr_backup_test_$$_$RANDOM"
work=$(mktemp -d)
export TEST_MYSQL_HOST=${TEST_MYSQL_HOST:-127.0.0.1} TEST_MYSQL_PORT=${TEST_MYSQL_PORT:-3306} TEST_MYSQL_USER=${TEST_MYSQL_USER:-root}
sql() { MYSQL_PWD=${TEST_MYSQL_PASSWORD:-} "$client" --protocol=TCP -h "$TEST_MYSQL_HOST" -P "$TEST_MYSQL_PORT" -u "$TEST_MYSQL_USER" -N -B "$@"; }
cleanup() { sql -e "DROP DATABASE IF EXISTS \`$db\`" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

sql -e "SELECT 1" >/dev/null || fail "cannot reach MySQL/MariaDB at $TEST_MYSQL_HOST:$TEST_MYSQL_PORT"
sql <<SQL
CREATE DATABASE \`$db\` CHARACTER SET utf8mb4;
USE \`$db\`;
CREATE TABLE sites (id BINARY(16) PRIMARY KEY, name VARCHAR(100) NOT NULL, timezone VARCHAR(64) NOT NULL) ENGINE=InnoDB;
CREATE TABLE bookings (
  id BIGINT AUTO_INCREMENT PRIMARY KEY, site_id BINARY(16) NOT NULL, client_name VARCHAR(100) NOT NULL,
  notes TEXT NULL, start_time DATETIME(6) NOT NULL, payload BLOB NULL, status ENUM('pending','confirmed','cancelled') NOT NULL,
  CONSTRAINT fk_site FOREIGN KEY (site_id) REFERENCES sites(id)) ENGINE=InnoDB;
CREATE TABLE outbox (id BIGINT AUTO_INCREMENT PRIMARY KEY, event JSON NOT NULL, sent_at TIMESTAMP NULL) ENGINE=InnoDB;
INSERT INTO sites VALUES (UNHEX(REPLACE(UUID(),'-','')), 'Zoë''s "care" café', 'Europe/Berlin'),
                         (UNHEX(REPLACE(UUID(),'-','')), 'Line\nbreak \\\\ backslash', 'America/New_York');
INSERT INTO bookings (site_id, client_name, notes, start_time, payload, status)
  SELECT s.id, CONCAT('client-', n.n, ' 名前'), IF(n.n % 3 = 0, NULL, REPEAT('note ', n.n % 40)),
         TIMESTAMP('2026-12-01 09:00:00') + INTERVAL n.n MINUTE, UNHEX(SHA2(n.n, 256)),
         ELT(1 + n.n % 3, 'pending', 'confirmed', 'cancelled')
  FROM sites s CROSS JOIN (SELECT a.i + 10 * b.i + 100 * c.i AS n FROM
    (SELECT 0 i UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) a,
    (SELECT 0 i UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) b,
    (SELECT 0 i UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4) c) n;
INSERT INTO outbox (event, sent_at) VALUES ('{"type":"org.scheduleright.booking.created.v1","data":{"x":1}}', NULL),
                                           ('{"type":"org.scheduleright.booking.confirmed.v1"}', NOW());
SQL

fingerprint() {
  local t out=""
  for t in sites bookings outbox; do
    out+="$t count=$(sql -e "SELECT COUNT(*) FROM \`$db\`.$t") checksum=$(sql -e "CHECKSUM TABLE \`$db\`.$t EXTENDED" | cut -f2);"
  done
  echo "$out"
}
before=$(fingerprint)
[[ "$before" == *"bookings count=1000 "* ]] || fail "fixture not as expected: $before"

key="$work/backup.key"; (umask 077; openssl rand -base64 48 >"$key")
export BACKUP_ENCRYPTION_KEY_FILE="$key" BACKUP_DIR="$work/backups" BACKUP_DATABASES="$db" BACKUP_RETENTION_DAYS=0 \
       BACKUP_MYSQL_HOST="$TEST_MYSQL_HOST" BACKUP_MYSQL_PORT="$TEST_MYSQL_PORT" BACKUP_MYSQL_USER="$TEST_MYSQL_USER" \
       BACKUP_MYSQL_PASSWORD="${TEST_MYSQL_PASSWORD:-}" RESTORE_MYSQL_HOST="$TEST_MYSQL_HOST" RESTORE_MYSQL_PORT="$TEST_MYSQL_PORT" \
       RESTORE_MYSQL_USER="$TEST_MYSQL_USER" RESTORE_MYSQL_PASSWORD="${TEST_MYSQL_PASSWORD:-}"

# Back up while sampling every process's argv: neither the key nor the key file's content may appear.
"$here/backup.sh" >"$work/backup.log" 2>&1 & backup_pid=$!
secret=$(cat "$key")
while kill -0 "$backup_pid" 2>/dev/null; do
  if grep -qsF -- "$secret" /proc/[0-9]*/cmdline 2>/dev/null; then fail "encryption key visible in a process argv"; fi
done
wait "$backup_pid" || fail "backup.sh failed: $(cat "$work/backup.log")"
file=$(ls "$work"/backups/"$db"-*.sql.gz.enc)
[[ -f "$file.sha256" ]] || fail "no checksum file"
[[ "$(stat -c %a "$file")" == 600 ]] || fail "backup file mode is $(stat -c %a "$file"), not 600"
head -c 8 "$file" | grep -q '^Salted__' || fail "backup is not openssl-encrypted"
if gunzip -t <"$file" 2>/dev/null; then fail "backup is readable as plain gzip"; fi
if openssl enc -d -aes-256-cbc -pbkdf2 -iter 200000 -pass file:"$key" -in "$file" | gunzip -c | grep -q "Zo"; then :; else fail "decrypted dump lacks the data"; fi

sql -e "DROP DATABASE \`$db\`"
[[ -z "$(sql -e "SHOW DATABASES LIKE '$db'")" ]] || fail "drop did not happen"
"$here/restore.sh" "$file" "$db" >/dev/null || fail "restore.sh failed"
after=$(fingerprint)
[[ "$before" == "$after" ]] || fail "restored data differs: before [$before] after [$after]"

# Failure paths: wrong key, tampered file, no key. None may succeed, and none may create the target database.
other="${db}_neg"
wrong="$work/wrong.key"; (umask 077; openssl rand -base64 48 >"$wrong")
if BACKUP_ENCRYPTION_KEY_FILE="$wrong" "$here/restore.sh" "$file" "$other" >/dev/null 2>&1; then fail "restore with a wrong key succeeded"; fi
cp "$file" "$work/tampered.enc"; printf 'X' | dd of="$work/tampered.enc" bs=1 seek=100 conv=notrunc status=none
if "$here/restore.sh" "$work/tampered.enc" "$other" >/dev/null 2>&1; then fail "restore of a tampered file succeeded"; fi
cp "$file.sha256" "$work/copy.sha256"
cp "$file" "$work/$(basename "$file")"; printf 'Y' | dd of="$work/$(basename "$file")" bs=1 seek=200 conv=notrunc status=none
cp "$file.sha256" "$work/$(basename "$file").sha256"
if "$here/restore.sh" "$work/$(basename "$file")" "$other" >/dev/null 2>&1; then fail "checksum mismatch not detected"; fi
if env -u BACKUP_ENCRYPTION_KEY_FILE "$here/restore.sh" "$file" "$other" >/dev/null 2>&1; then fail "restore without a key succeeded"; fi
if env -u BACKUP_ENCRYPTION_KEY_FILE "$here/backup.sh" >/dev/null 2>&1; then fail "backup without a key succeeded"; fi
[[ -z "$(sql -e "SHOW DATABASES LIKE '$other'")" ]] || { sql -e "DROP DATABASE \`$other\`"; fail "a refused restore created the database"; }

echo "round trip of $db: 3 tables, counts and CHECKSUM TABLE identical after drop+restore; wrong key, tampered file, bad checksum and missing key refused; key never in argv"
