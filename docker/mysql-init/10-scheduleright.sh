#!/bin/bash
# Sourced by the mysql:8.0 image's entrypoint on the first start of an empty data volume (compose).
# Renders infra/mysql's templates (mounted at /opt/scheduleright/mysql) with the container's environment and
# runs them as root@localhost through the entrypoint's docker_process_sql. Pure bash: the image has no python.
# Can also be run outside the image for testing: SCHEDULERIGHT_MYSQL_DIR and a docker_process_sql function.

scheduleright_mysql_dir="${SCHEDULERIGHT_MYSQL_DIR:-/opt/scheduleright/mysql}"

scheduleright_render() {
  # Replaces every ${NAME} in the file with the value of the variable NAME; an unset variable is an error.
  local text name value
  text="$(<"$1")"
  while [[ "$text" =~ \$\{([A-Z_][A-Z0-9_]*)\} ]]; do
    name="${BASH_REMATCH[1]}"
    if [[ -z "${!name+set}" ]]; then
      echo "mysql-init: $1 needs \${$name}, which is not set" >&2
      return 1
    fi
    value="${!name}"
    text="${text//"\${$name}"/"$value"}"
  done
  printf '%s\n' "$text"
}

scheduleright_mysql_init() {
  local db secret sql
  : "${IDENTITY_DB:?}" "${BOOKING_DB:?}" "${REMINDER_DB:?}" "${MIGRATION_USER:?}"
  for db in IDENTITY_DB BOOKING_DB REMINDER_DB; do
    [[ "${!db}" =~ ^[A-Za-z0-9_]+$ ]] || { echo "mysql-init: $db must be letters, digits and _ only" >&2; return 1; }
    export "${db}_PATTERN=${!db//_/\\_}"
  done
  for secret in MIGRATION_PASSWORD IDENTITY_APP_PASSWORD BOOKING_APP_PASSWORD REMINDER_APP_PASSWORD \
                MYSQL_MONITOR_PASSWORD MYSQL_BACKUP_PASSWORD; do
    if [[ -z "${!secret:-}" ]]; then
      echo "mysql-init: $secret is empty" >&2
      return 1
    fi
    if [[ "${!secret}" == *"'"* || "${!secret}" == *'\'* ]]; then
      echo "mysql-init: $secret must not contain quotes or backslashes" >&2
      return 1
    fi
  done
  for template in schema-and-users.sql.template monitor-user.sql.template backup-user.sql.template; do
    sql="$(scheduleright_render "$scheduleright_mysql_dir/$template")" || return 1
    docker_process_sql <<<"$sql" || { echo "mysql-init: $template failed" >&2; return 1; }
    echo "mysql-init: applied $template"
  done
}

scheduleright_mysql_init || exit 1
