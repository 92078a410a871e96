#!/usr/bin/env bash
# The test command of README.md, and what CI runs (.ci/run): makes sure the tests' servers are there, then runs every
# test. On Debian as root it installs and starts what is missing (MariaDB, Redis, Chromium and its WebDriver for the
# browser test); elsewhere it says exactly what to install. Tests find MariaDB/Redis on loopback unless TEST_MYSQL_* /
# TEST_REDIS_URL point elsewhere (docs/testing.md); SKIP_PROVISION=1 skips the provisioning altogether.
# Usage: scripts/test.sh [extra Maven arguments, e.g. -pl gateway -am]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/services.sh
source scripts/lib/services.sh
SERVICES_PREFIX='[test]'

if [ "${SKIP_PROVISION:-}" != 1 ]; then
  ok=true
  docker=false   # the tests prefer Testcontainers when a Docker engine answers (docs/testing.md)
  if [ "${TEST_USE_DOCKER:-}" != false ] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    docker=true
  fi
  if [ -z "${TEST_MYSQL_HOST:-}" ] && [ "$docker" = false ]; then need_mariadb || ok=false; fi
  if [ -z "${TEST_REDIS_URL:-}" ] && [ "$docker" = false ]; then need_redis || ok=false; fi
  need_browser || ok=false
  if [ "$ok" = false ]; then
    services_log "install the pieces above (or point TEST_MYSQL_* / TEST_REDIS_URL elsewhere) and run $0 again"
    exit 1
  fi
fi

services_log "running the test suite: ./mvnw -B -ntp verify $*"
exec ./mvnw -B -ntp verify "$@"
