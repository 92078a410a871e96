# shellcheck shell=bash
# What ScheduleRight needs on this machine, provisioned one way for every entry point (sourced, not run):
# scripts/run-local.sh, scripts/test.sh (and so .ci/run) and the benchmarks. On Debian as root a missing piece is
# installed with apt-get and started; anywhere else each function says exactly what to install and returns 1.
#   need_mariadb   MariaDB on 127.0.0.1:3306, root without password over TCP (as the tests and infra/mysql expect)
#   need_redis     Redis on 127.0.0.1:6379
#   need_browser   chromium and chromium-driver at /usr/bin (the browser story test)
#   need_tools cmd:package ...   command-line tools (e.g. jq:jq wrk:wrk nginx:nginx-light)
# Messages go to stderr with the caller's prefix ($SERVICES_PREFIX, default "[setup]").

services_log() { printf '%s %s\n' "${SERVICES_PREFIX:-[setup]}" "$*" >&2; }

# Whether missing packages can be installed here: root on a Debian-like system with apt-get.
services_can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

services_apt_updated=false
services_apt_install() { # packages...
  services_log "installing $* (apt-get)"
  if [ "$services_apt_updated" = false ]; then
    apt-get update -qq >/dev/null
    services_apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

services_wait_for() { # name command...
  local name=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then services_log "$name is up"; return 0; fi
    sleep 1
  done
  services_log "$name did not come up"; return 1
}

services_mysql_answers() { mariadb --protocol=TCP -h 127.0.0.1 -P 3306 -uroot -e 'SELECT 1'; }

need_mariadb() {
  if command -v mariadb >/dev/null 2>&1 && services_mysql_answers >/dev/null 2>&1; then return 0; fi
  if ! services_can_install; then
    if (echo >/dev/tcp/127.0.0.1/3306) >/dev/null 2>&1; then
      services_log "a database listens on 127.0.0.1:3306 but root without a password cannot log in over TCP"
      services_log "  (or the mariadb client is missing). Allow it, as on a developer machine:"
      services_log "  CREATE USER 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
    else
      services_log "MariaDB 10.11+ (or MySQL 8) is needed on 127.0.0.1:3306 with root and no password over TCP."
      services_log "  Debian/Ubuntu (as root, or run this script as root):  apt-get install mariadb-server mariadb-client"
      services_log "  Fedora:  dnf install mariadb-server && systemctl start mariadb"
      services_log "  macOS:   brew install mariadb && brew services start mariadb"
      services_log "  Then allow root over TCP without a password (developer machines only), e.g.:"
      services_log "  sudo mariadb -e \"CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION\""
    fi
    return 1
  fi
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || services_apt_install mariadb-server mariadb-client
  if ! services_mysql_answers >/dev/null 2>&1; then
    services_log "starting MariaDB"
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    services_wait_for "MariaDB socket" mariadb -uroot -e 'SELECT 1' || return 1
    # a fresh Debian install authenticates root by socket only: allow the tests' TCP root login on loopback
    services_mysql_answers >/dev/null 2>&1 || mariadb -uroot -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
      GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;"
  fi
  services_wait_for "MariaDB on 127.0.0.1:3306" services_mysql_answers
}

services_redis_answers() { redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG; }

need_redis() {
  if command -v redis-cli >/dev/null 2>&1 && services_redis_answers >/dev/null 2>&1; then return 0; fi
  if ! command -v redis-server >/dev/null 2>&1; then
    if ! services_can_install; then
      services_log "Redis 7 is needed on 127.0.0.1:6379 (redis-server and redis-cli)."
      services_log "  Debian/Ubuntu (as root):  apt-get install redis-server"
      services_log "  Fedora:  dnf install redis && systemctl start redis"
      services_log "  macOS:   brew install redis && brew services start redis"
      return 1
    fi
    services_apt_install redis-server
  fi
  if ! services_redis_answers >/dev/null 2>&1; then
    services_log "starting Redis"
    local dir=/var/lib/redis logs=/var/log/redis
    if [ "$(id -u)" != 0 ]; then dir=${TMPDIR:-/tmp}/scheduleright-redis; logs=$dir; fi
    mkdir -p "$dir" "$logs"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir "$dir" --logfile "$logs/scheduleright.log"
  fi
  services_wait_for "Redis on 127.0.0.1:6379" services_redis_answers
}

need_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return 0; fi
  if ! services_can_install; then
    services_log "The browser test needs Chromium and its WebDriver at /usr/bin/chromium and /usr/bin/chromedriver."
    services_log "  Debian/Ubuntu (as root):  apt-get install chromium chromium-driver"
    return 1
  fi
  services_apt_install chromium chromium-driver
}

need_tools() { # command:package ...
  local missing=() spec
  for spec in "$@"; do
    command -v "${spec%%:*}" >/dev/null 2>&1 || missing+=("${spec#*:}")
  done
  [ "${#missing[@]}" = 0 ] && return 0
  if ! services_can_install; then
    services_log "missing: ${missing[*]} (Debian/Ubuntu: apt-get install ${missing[*]})"
    return 1
  fi
  # an installed daemon (nginx) must not start on its default port: deny service starts during the install unless the
  # machine has a policy of its own (as infra/checks/run-all.sh does)
  local own_policy=false rc=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=true
  fi
  services_apt_install "${missing[@]}" || rc=$?
  if [ "$own_policy" = true ]; then rm -f /usr/sbin/policy-rc.d; fi
  return "$rc"
}
